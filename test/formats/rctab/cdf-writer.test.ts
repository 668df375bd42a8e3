import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Decimal } from '../../../src/count/rctab/decimal.ts';
import { cdfCvr, cdfReportText, precinctUnits } from '../../../src/formats/rctab/cdf-writer.ts';
import type { CastVoteRecord } from '../../../src/formats/rctab/cvr.ts';
import { jackson } from '../../../src/formats/rctab/jackson.ts';
import { runRctabContest } from '../../../src/formats/rctab/run.ts';
import { assertSameCdf, caseConfig, TABULATION_CASES } from './cdf-cases.ts';
import { skipUnlessData } from './readers/support.ts';

for (const name of TABULATION_CASES) {
  test(`${name}: counting with generateCdfJson writes RCTab's expected CDF JSON byte for byte (date and device names masked)`, { skip: skipUnlessData }, async () => {
    const config = caseConfig(name);
    const run = await runRctabContest(readFileSync(config, 'utf8'), config, { cdfGeneratedDate: '2026-01-01T00:00:00Z' });
    if (!run.ok) assert.fail(run.error.message);
    const cdf = run.value.find((f) => f.name === 'cvr_cdf.json');
    assert.ok(cdf, `${name}: cvr_cdf.json written`);
    assertSameCdf(cdf.content, name);
  });
}

test('without a generation date the count writes no CDF file, even when the config asks (the caller owns the clock)', { skip: skipUnlessData }, async () => {
  const config = caseConfig('test_set_0_skipped_first_choice');
  const run = await runRctabContest(readFileSync(config, 'utf8'), config);
  assert.ok(run.ok);
  assert.deepEqual(run.value.map((f) => f.name), ['detailed_report.json', 'detailed_report.csv']);
});

const ann = { kind: 'candidate', name: 'Ann Lee', text: 'Ann Lee' } as const;
const bob = { kind: 'candidate', name: 'Bob Ray', text: 'Bob Ray' } as const;
const position = (rank: number, allocable = 'unknown') => ({ '@type': 'CVR.SelectionPosition', HasIndication: 'yes', IsAllocable: allocable, NumberVotes: 1, Rank: rank });
type Cvr = { BallotPrePrintedId: string; CurrentSnapshotId: string; CVRSnapshot: { '@id': string; Type: string; CVRContest: { CVRContestSelection: { ContestSelectionId: string; SelectionPosition: unknown[] }[] }[] }[] };

test('a hand-made record: a candidate ranked twice is one selection with two positions, an overvoted rank in string order; ids keep case, "(" and ")" become "_"', () => {
  const record: CastVoteRecord = {
    provider: 'cdf',
    source: 'x.json',
    computedId: 'X.json(7)',
    rankings: [
      { rank: 1, marks: [ann] },
      { rank: 2, marks: [{ kind: 'overvote' }, { kind: 'undeclaredWriteIn' }] },
      { rank: 3, marks: [ann] },
    ],
  };
  const cvr = cdfCvr(record) as unknown as Cvr;
  assert.equal(cvr.BallotPrePrintedId, 'X.json_7_');
  assert.equal(cvr.CurrentSnapshotId, 'ballot-X.json_7_');
  assert.deepEqual(cvr.CVRSnapshot[0]?.CVRContest[0]?.CVRContestSelection, [
    { '@type': 'CVR.CVRContestSelection', ContestSelectionId: 'cs-ann_lee', SelectionPosition: [position(1), position(3)] },
    // Rank 2 holds "Undeclared Write-ins" and "overvote": "U" (0x55) sorts before "o" (0x6f).
    { '@type': 'CVR.CVRContestSelection', ContestSelectionId: 'cs-undeclared_write-ins', SelectionPosition: [position(2)] },
    { '@type': 'CVR.CVRContestSelection', ContestSelectionId: 'cs-overvote', SelectionPosition: [position(2)] },
  ]);
});

test('rounds: the first position of each holder is allocable, a part of a vote is NumberVotes 0 with FractionalVotes, an alias never', () => {
  // Ann ranked 1st and 3rd, Bob 2nd, and Ann again spelled by an alias at 4th.
  const alias = { kind: 'candidate', name: 'Ann Lee', text: 'A. Lee' } as const;
  const record: CastVoteRecord = { provider: 'ess', source: 'b.xlsx', computedId: 'b.xlsx-1', rankings: [{ rank: 1, marks: [ann] }, { rank: 2, marks: [bob] }, { rank: 3, marks: [ann] }, { rank: 4, marks: [alias] }] };
  // Round 1: all with Ann. Round 2: Ann elected, keeping 0.9063 of it, 0.0937 gone on to Bob.
  const rounds = [new Map([['Ann Lee', Decimal.ONE]]), new Map([['Ann Lee', Decimal.of(9063n, 4)], ['Bob Ray', Decimal.of(937n, 4)]])];
  const cvr = cdfCvr(record, { rounds, unitId: 'gpu-3' }) as unknown as Cvr & { BallotStyleUnitId: string };
  assert.equal(cvr.BallotStyleUnitId, 'gpu-3');
  assert.deepEqual(cvr.CVRSnapshot.map((s) => [s['@id'], s.Type]), [['ballot-b.xlsx-1', 'original'], ['ballot-b.xlsx-1-round-1', 'interpreted'], ['ballot-b.xlsx-1-round-2', 'interpreted']]);
  assert.equal(cvr.CurrentSnapshotId, 'ballot-b.xlsx-1-round-2');
  const part = (rank: number, fraction: string) => ({ '@type': 'CVR.SelectionPosition', FractionalVotes: fraction, HasIndication: 'yes', IsAllocable: 'yes', NumberVotes: 0, Rank: rank });
  const selections = (i: number) => cvr.CVRSnapshot[i]?.CVRContest[0]?.CVRContestSelection.map((s) => [s.ContestSelectionId, s.SelectionPosition]);
  assert.deepEqual(selections(1), [
    ['cs-ann_lee', [position(1, 'yes'), position(3, 'no')]],
    ['cs-bob_ray', [position(2, 'no')]],
    ['cs-a._lee', [position(4, 'no')]],
  ]);
  assert.deepEqual(selections(2), [
    ['cs-ann_lee', [part(1, '.9063'), position(3, 'no')]],
    ['cs-bob_ray', [part(2, '.0937')]],
    ['cs-a._lee', [position(4, 'no')]],
  ]);
});

test("Jackson's layout, worked by hand: keys sorted, arrays inline, objects in arrays open after \"[ \", empty ones \"[ ]\" and \"{ }\"", () => {
  const value = { b: [{ y: 'x\u001f', x: 1 }, { z: [] }], a: {}, c: ['p', 'q'] };
  const expected = [
    '{',
    '  "a" : { },',
    '  "b" : [ {',
    '    "x" : 1,',
    '    "y" : "x\\u001F"',
    '  }, {',
    '    "z" : [ ]',
    '  } ],',
    '  "c" : [ "p", "q" ]',
    '}',
  ].join('\n');
  assert.equal(jackson(value), expected);
});

test('a report with no CVRs prints its CVR array as "[ ]", and precinct units follow the election scope in hash-map order', () => {
  // java.lang.String.hashCode: "b" = 98, "q" = 113, "a" = 97; a 16-bucket table puts q and a in bucket 1
  // (in that order, as inserted) and b in bucket 2.
  const units = precinctUnits(['b', 'q', 'a']);
  assert.deepEqual([...units], [['q', 'gpu-1'], ['a', 'gpu-2'], ['b', 'gpu-3']]);
  const text = cdfReportText({ contestName: 'C', jurisdiction: 'J', candidates: [], undeclaredWriteIns: false, overvoteLabel: false }, [], 'D', units);
  assert.match(text, /^ {2}"CVR" : \[ \],$/m);
  assert.match(text, /"GpUnit" : \[ \{\n {4}"@id" : "gpu-election",[^]*?\}, \{\n {4}"@id" : "gpu-1",\n {4}"@type" : "GpUnit",\n {4}"Name" : "q",\n {4}"Type" : "precinct"\n {2}\}, \{\n {4}"@id" : "gpu-2"/);
  assert.ok(!text.endsWith('\n'), 'no newline after the last brace, as RCTab writes');
});
