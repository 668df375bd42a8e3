// Several contests counted together read each CVR source they share once, and each gets the reports it
// gets when counted alone. Reads are counted by wrapping the readers the run is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CvrProvider, CvrReader } from '../../../src/formats/rctab/cvr.ts';
import { CVR_READERS } from '../../../src/formats/rctab/readers/index.ts';
import { runRctabContests, type ContestInput, type ReportFile } from '../../../src/formats/rctab/run.ts';
import { RCTAB, skipUnlessData } from './readers/support.ts';

/** The readers, each counting the sources it is asked to read. */
function countingReaders(): { readers: Record<CvrProvider, CvrReader>; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const readers = Object.fromEntries(
    Object.entries(CVR_READERS).map(([provider, reader]) => [
      provider,
      ((spec, candidates, onRecord) => {
        reads.set(spec.resolvedPath, (reads.get(spec.resolvedPath) ?? 0) + 1);
        return reader(spec, candidates, onRecord);
      }) satisfies CvrReader,
    ]),
  ) as Record<CvrProvider, CvrReader>;
  return { readers, reads };
}

async function run(inputs: ContestInput[], readers: Record<CvrProvider, CvrReader>): Promise<ReportFile[][]> {
  const result = await runRctabContests(inputs, {}, readers);
  if (!result.ok) assert.fail(result.error.message);
  return result.value;
}

/** A generic CSV contest over A, B, C; `aliases` gives A another spelling. */
function config(name: string, rules: Record<string, unknown> = {}, aliases: string[] = []): string {
  return JSON.stringify({
    tabulatorVersion: 'TEST',
    outputSettings: { contestName: name, contestDate: '2024-05-01', contestJurisdiction: 'Town', contestOffice: name },
    cvrFileSources: [{ filePath: 'cvr.csv', provider: 'genericCsv', firstVoteColumnIndex: '2', firstVoteRowIndex: '2', idColumnIndex: '1' }],
    candidates: [{ name: 'A', aliases }, { name: 'B' }, { name: 'C' }],
    rules: { tiebreakMode: 'useCandidateOrder', overvoteRule: 'exhaustImmediately', winnerElectionMode: 'singleWinnerMajority', numberOfWinners: '1', decimalPlacesForVoteArithmetic: '4', maxSkippedRanksAllowed: '1', maxRankingsAllowed: 'max', ...rules },
  });
}

// Five ballots: A>B, A, B>C, C>B, B. Round 1: A 2, B 2, C 1 of 5, threshold floor(5/2)+1 = 3; C is
// last and goes to B. Round 2: A 2, B 3: B wins.
const CVR = 'id,A,B,C\nv1,1,2,\nv2,1,,\nv3,,1,2\nv4,,2,1\nv5,,1,\n';

const elected = (files: ReportFile[]): string[] => {
  const report = JSON.parse(files.find((f) => f.name === 'detailed_report.json')?.content ?? '{}') as { results: { tallyResults: { elected?: string }[] }[] };
  return report.results.flatMap((r) => r.tallyResults.flatMap((t) => (t.elected === undefined ? [] : [t.elected])));
};

test('two contests over one CSV export read it once and report as they do alone; other candidates mean another read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-shared-'));
  try {
    writeFileSync(join(dir, 'cvr.csv'), CVR);
    const inputs = [
      { text: config('Mayor'), path: join(dir, 'mayor.json') },
      { text: config('Mayor, to two', { continueUntilTwoCandidatesRemain: true }), path: join(dir, 'mayor-two.json') },
    ];
    const together = countingReaders();
    const joint = await run(inputs, together.readers);
    assert.deepEqual([...together.reads.values()], [1]);
    assert.deepEqual(joint.map(elected), [['B'], ['B']]);
    const alone = countingReaders();
    const separate = [await run([inputs[0] as ContestInput], alone.readers), await run([inputs[1] as ContestInput], alone.readers)];
    assert.deepEqual([...alone.reads.values()], [2]);
    assert.deepEqual(joint, separate.map((files) => files[0]));
    // A contest that spells A otherwise resolves the file's columns differently: it reads on its own.
    const third = countingReaders();
    await run([...inputs, { text: config('Mayor, aliased', {}, ['Ay']), path: join(dir, 'aliased.json') }], third.readers);
    assert.deepEqual([...third.reads.values()], [2]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const PARK = ['2013_minneapolis_park', '2013_minneapolis_park_bottoms_up', '2013_minneapolis_park_sequential'];

test("Minneapolis park board 2013: three rule sets over one ES&S export read it once and give RCTab's reports", { skip: skipUnlessData }, async () => {
  const inputs = PARK.map((name) => ({ text: readFileSync(join(RCTAB, name, `${name}_config.json`), 'utf8'), path: join(RCTAB, name, `${name}_config.json`) }));
  const { readers, reads } = countingReaders();
  const joint = await run(inputs, readers);
  assert.deepEqual([...reads.entries()], [[join(RCTAB, '_shared', '2013_minneapolis_park_cvr.xlsx'), 1]]);
  // Each contest's JSON reports equal RCTab's expected ones (apart from who generated them and when).
  const comparable = (text: string): unknown => {
    const doc = JSON.parse(text) as { config: Record<string, unknown> };
    delete doc.config['generatedBy'];
    delete doc.config['GeneratedDate'];
    return doc;
  };
  PARK.forEach((name, i) => {
    const reports = (joint[i] ?? []).filter((f) => /^detailed_report(_\d+)?\.json$/.test(f.name));
    assert.ok(reports.length > 0, `${name}: reports`);
    for (const file of reports) {
      // detailed_report_2.json is RCTab's <case>_2_expected_detailed_report.json.
      const pass = /_(\d+)\.json$/.exec(file.name)?.[1];
      const expected = readFileSync(join(RCTAB, name, `${name}${pass === undefined ? '' : `_${pass}`}_expected_detailed_report.json`), 'utf8');
      assert.deepEqual(comparable(file.content), comparable(expected), `${name}: ${file.name}`);
    }
  });
});
