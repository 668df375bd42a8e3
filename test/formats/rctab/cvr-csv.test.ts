import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cvrCsvHeader, cvrCsvRow } from '../../../src/formats/rctab/cvr-csv.ts';
import type { CastVoteRecord } from '../../../src/formats/rctab/cvr.ts';
import { loadCase, RCTAB, readCase, skipUnlessData } from './readers/support.ts';

// Rank columns: the config's maxRankingsAllowed (3, 5 and 4).
for (const [name, ranks] of [['conversions_from_ess', 3], ['conversions_from_dominion', 5], ['conversions_from_cdf', 4]] as const) {
  test(`${name}: the CVR export CSV equals RCTab's, byte for byte`, { skip: skipUnlessData }, async () => {
    const { specs } = loadCase(name);
    const labels = new Map(specs.map((s) => [s.filePath, s.undeclaredWriteInLabel ?? '']));
    const records = await readCase(name);
    const csv = cvrCsvHeader(ranks) + records.map((r) => cvrCsvRow(r, { ranks, writeInLabel: (source) => labels.get(source) ?? '' })).join('');
    assert.equal(csv, readFileSync(join(RCTAB, name, `${name}_expected.csv`), 'utf8'));
  });
}

test('a hand-made record: quotes doubled, an overvote one choice per line, explicit overvote and write-in labels', () => {
  const record: CastVoteRecord = {
    provider: 'ess',
    source: 'a,b.xlsx',
    computedId: 'a,b.xlsx-1',
    precinct: 'Ward "7"',
    rankings: [
      { rank: 1, marks: [{ kind: 'candidate', name: 'Lee, Ann', text: 'Lee, Ann' }, { kind: 'undeclaredWriteIn' }] },
      { rank: 3, marks: [{ kind: 'overvote' }] },
    ],
  };
  assert.equal(
    cvrCsvRow(record, { ranks: 3, writeInLabel: () => 'UWI' }),
    '"a,b.xlsx",ess,,"a,b.xlsx-1",,,,"Ward ""7""",,"Lee, Ann\nUWI",undervote,overvote\n',
  );
});
