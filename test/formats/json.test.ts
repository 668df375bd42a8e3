import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseContestJson, writeContestJson } from '../../src/formats/json.ts';
import type { Contest } from '../../src/count/ballots.ts';
import { parseBlt } from '../../src/formats/blt.ts';

const SAMPLE = `{
  "title": "Board 2026",
  "candidates": ["Ann", "Bob", "Cy"],
  "seats": 2,
  "withdrawn": ["Cy"],
  "ballots": [
    { "ranking": ["Ann", "Bob"], "count": 3 },
    { "ranking": [["Bob", "Ann"], "Cy"] },
    { "ranking": ["Ann", "Bob"], "count": "9007199254740993" },
    { "ranking": [] }
  ]
}`;

test('contest JSON: names, ties, counts (large as strings), withdrawn; identical rankings grouped', () => {
  const result = parseContestJson(SAMPLE, 'board.json');
  assert.ok(result.ok);
  assert.deepEqual(result.value, {
    title: 'Board 2026',
    candidates: ['Ann', 'Bob', 'Cy'],
    seats: 2,
    withdrawn: [2],
    ballots: [
      // 3 + 9007199254740993 (2^53 + 1, beyond a JSON number's exact range) = 9007199254740996
      { ranking: [0, 1], weight: 9007199254740996n },
      // Bob and Ann ranked equal first: Ann (position 1) tied with Bob (position 0)
      { ranking: [1, 0, 2], weight: 1n, tiedWithPrevious: [1] },
      { ranking: [], weight: 1n },
    ],
  });
});

test('contest JSON: seats and withdrawn are optional', () => {
  const result = parseContestJson('{"title":"T","candidates":["A","B"],"ballots":[{"ranking":["B"]}]}', 't.json');
  assert.ok(result.ok);
  assert.equal(result.value.seats, 1);
  assert.deepEqual(result.value.withdrawn, []);
});

test('writeContestJson writes counts and equal ranks; parseContestJson reads the same contest back', () => {
  const contest: Contest = {
    title: 'T',
    candidates: ['A', 'B', 'C'],
    withdrawn: [],
    seats: 1,
    ballots: [
      { ranking: [2, 0, 1], weight: 2n, tiedWithPrevious: [2] },
      { ranking: [1], weight: 9007199254740993n },
    ],
  };
  const text = writeContestJson(contest);
  assert.deepEqual(JSON.parse(text), {
    title: 'T',
    candidates: ['A', 'B', 'C'],
    seats: 1,
    ballots: [
      { ranking: ['C', ['A', 'B']], count: 2 },
      { ranking: ['B'], count: '9007199254740993' },
    ],
  });
  const back = parseContestJson(text, 't.json');
  assert.ok(back.ok);
  assert.deepEqual(back.value, contest);
});

test('contest JSON bad input: each error names the file and the record or line', () => {
  const base = { title: 'T', candidates: ['A', 'B'] };
  const cases: [string, string, { record?: string; line?: number }, RegExp][] = [
    ['empty file', '', { line: 1 }, /empty file/],
    ['syntax error on line 3', '{\n"title": "T",\n"candidates": [,]}', { line: 3 }, /not valid JSON/],
    ['unknown candidate', JSON.stringify({ ...base, ballots: [{ ranking: ['A'] }, { ranking: ['A', 'Zed'] }] }), { record: 'ballots[1].ranking[1]' }, /unknown candidate "Zed"/],
    ['candidate twice', JSON.stringify({ ...base, ballots: [{ ranking: ['A', ['B', 'A']] }] }), { record: 'ballots[0].ranking[1]' }, /appears twice/],
    ['non-numeric count', JSON.stringify({ ...base, ballots: [{ ranking: ['A'], count: 'many' }] }), { record: 'ballots[0].count' }, /whole number/],
    ['fractional count', JSON.stringify({ ...base, ballots: [{ ranking: ['A'], count: 1.5 }] }), { record: 'ballots[0].count' }, /./],
    ['missing candidates', JSON.stringify({ title: 'T', ballots: [] }), { record: 'candidates' }, /./],
    ['duplicate candidate names', JSON.stringify({ title: 'T', candidates: ['A', 'A'], ballots: [] }), { record: 'candidates[1]' }, /listed twice/],
    ['unknown withdrawn', JSON.stringify({ ...base, withdrawn: ['C'], ballots: [] }), { record: 'withdrawn[0]' }, /not among the candidates/],
    ['too many seats', JSON.stringify({ ...base, seats: 3, ballots: [] }), { record: 'seats' }, /3 seats for 2 candidates/],
    ['unknown in tie order', JSON.stringify({ ...base, tieOrder: ['B', 'C'], ballots: [] }), { record: 'tieOrder[1]' }, /tie order candidate "C" is not among the candidates/],
    ['tie order repeats', JSON.stringify({ ...base, tieOrder: ['B', 'B'], ballots: [] }), { record: 'tieOrder[1]' }, /lists "B" twice: it must list each of the 2 candidates once/],
    ['tie order incomplete', JSON.stringify({ ...base, tieOrder: ['B'], ballots: [] }), { record: 'tieOrder' }, /lists 1 candidates: it must list each of the 2 once/],
    ['binary junk', '\u0000\u0001PK', { line: 1 }, /not valid JSON/],
  ];
  for (const [what, text, where, message] of cases) {
    const result = parseContestJson(text, 'bad.json');
    assert.ok(!result.ok, what);
    assert.equal(result.error.file, 'bad.json', what);
    assert.match(result.error.message, message, what);
    if (where.record !== undefined) assert.equal(result.error.record, where.record, what);
    if (where.line !== undefined) assert.equal(result.error.line, where.line, what);
  }
});

test('a BLT [tie] order survives conversion to contest JSON: written by name, read back as the same order', () => {
  // [tie 3 1 2]: Cy first, then Ann, then Bob (candidate numbers are 1-based in BLT, 0-based in a Contest).
  const blt = parseBlt('3 1\n[tie 3 1 2]\n2 1 2 0\n1 3 0\n0\n"Ann"\n"Bob"\n"Cy"\n"Tied"\n', 'tied.blt');
  assert.ok(blt.ok);
  const text = writeContestJson(blt.value);
  assert.deepEqual(JSON.parse(text), {
    title: 'Tied',
    candidates: ['Ann', 'Bob', 'Cy'],
    seats: 1,
    tieOrder: ['Cy', 'Ann', 'Bob'],
    ballots: [
      { ranking: ['Ann', 'Bob'], count: 2 },
      { ranking: ['Cy'], count: 1 },
    ],
  });
  const back = parseContestJson(text, 'tied.json');
  assert.ok(back.ok);
  assert.deepEqual(back.value.tieOrder, [2, 0, 1]);
  assert.deepEqual(back.value, blt.value);
});
