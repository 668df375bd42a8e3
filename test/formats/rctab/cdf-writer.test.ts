import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdfCvr, cdfReport } from '../../../src/formats/rctab/cdf-writer.ts';
import type { CastVoteRecord } from '../../../src/formats/rctab/cvr.ts';
import { RCTAB, readCase, skipUnlessData } from './readers/support.ts';

interface CaseConfig {
  outputSettings: { contestName: string; contestJurisdiction: string };
  cvrFileSources: { undeclaredWriteInLabel?: string; overvoteLabel?: string }[];
  candidates: { name: string }[];
}

/** Drops what differs by design: when the file was made and which program made it. */
function comparable(report: unknown): unknown {
  return Object.fromEntries(Object.entries(report as Record<string, unknown>).filter(([key]) => key !== 'GeneratedDate' && key !== 'ReportingDevice'));
}

for (const name of ['conversions_from_ess', 'conversions_from_dominion', 'conversions_from_cdf']) {
  test(`${name}: the CDF JSON equals RCTab's, apart from GeneratedDate and the reporting device`, { skip: skipUnlessData }, async () => {
    const config = JSON.parse(readFileSync(join(RCTAB, name, `${name}_config.json`), 'utf8')) as CaseConfig;
    const records = await readCase(name);
    const report = cdfReport(
      {
        contestName: config.outputSettings.contestName,
        jurisdiction: config.outputSettings.contestJurisdiction,
        candidates: config.candidates.map((c) => c.name),
        undeclaredWriteIns: config.cvrFileSources.some((s) => (s.undeclaredWriteInLabel ?? '') !== ''),
        overvoteLabel: config.cvrFileSources.some((s) => (s.overvoteLabel ?? '') !== ''),
      },
      records.map(cdfCvr),
      '2026-01-01T00:00:00Z',
    );
    const expected = JSON.parse(readFileSync(join(RCTAB, name, `${name}_expected_cdf_cvr.json`), 'utf8')) as unknown;
    assert.deepEqual(comparable(report), comparable(expected));
  });
}

test('a hand-made record: a candidate ranked twice is one selection with two positions, an overvoted rank in string order; ids keep case, "(" and ")" become "_"', () => {
  const a = { kind: 'candidate', name: 'Ann Lee', text: 'Ann Lee' } as const;
  const record: CastVoteRecord = {
    provider: 'cdf',
    source: 'x.json',
    computedId: 'X.json(7)',
    rankings: [
      { rank: 1, marks: [a] },
      { rank: 2, marks: [{ kind: 'overvote' }, { kind: 'undeclaredWriteIn' }] },
      { rank: 3, marks: [a] },
    ],
  };
  const position = (rank: number) => ({ '@type': 'CVR.SelectionPosition', HasIndication: 'yes', IsAllocable: 'unknown', NumberVotes: 1, Rank: rank });
  const cvr = cdfCvr(record) as { BallotPrePrintedId: string; CVRSnapshot: { CVRContest: { CVRContestSelection: unknown[] }[] }[] };
  assert.equal(cvr.BallotPrePrintedId, 'X.json_7_');
  assert.deepEqual(cvr.CVRSnapshot[0]?.CVRContest[0]?.CVRContestSelection, [
    { '@type': 'CVR.CVRContestSelection', ContestSelectionId: 'cs-ann_lee', SelectionPosition: [position(1), position(3)] },
    // Rank 2 holds "Undeclared Write-ins" and "overvote": "U" (0x55) sorts before "o" (0x6f).
    { '@type': 'CVR.CVRContestSelection', ContestSelectionId: 'cs-undeclared_write-ins', SelectionPosition: [position(2)] },
    { '@type': 'CVR.CVRContestSelection', ContestSelectionId: 'cs-overvote', SelectionPosition: [position(2)] },
  ]);
});
