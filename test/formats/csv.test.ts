import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createCsvParser, parseCsv } from '../../src/formats/csv.ts';
import { totalWeight, type Contest } from '../../src/count/ballots.ts';
import type { InputError } from '../../src/result.ts';
import { parseError, parsedValue } from './parse-results.ts';
import { assertSameInPieces, parseBytesInPieces } from './pieces.ts';

const burlington = fileURLToPath(new URL('../../../shared/data/burlington-2009/', import.meta.url));

const parsed = (text: string, seats?: number): Contest => parsedValue(parseCsv(text, 'dir/hand.csv', seats === undefined ? {} : { seats }));
const failure = (text: string): InputError => parseError(parseCsv(text, 'bad.csv'), 'bad.csv');

const WIDE = [
  'ID,Weight,Rank1,Rank 2,RANK_3', // header names are case- and space-insensitive
  '1,2,Ann,Bob,', // Ann > Bob, twice
  '2,1,Ann,Bob,', // same ranking, another id: grouped with line 2
  '3,1,"Smith, Jo",,Ann', // quoted comma; the empty rank 2 is passed over
  '4,1,Bob,$OVERVOTE,Ann', // overvote at rank 2 ends the ballot: Bob only
  '5,1,$UNDERVOTE,Ann,Ann', // skipped rank passed over; Ann again at rank 3 counts once
  '6,1,"Say ""hi""",Bob,', // doubled quotes inside a quoted cell
  '7,1,,,', // no preference at all: kept, with an empty ranking
  '8,3,"Line',
  'break",Ann,Bob', // a quoted cell holding a line break
].join('\r\n');

test('wide CSV: ids, weights, quoting, skipped ranks, overvotes, repeats; identical rankings grouped', () => {
  const contest = parsed(WIDE);
  // Names in order of first appearance.
  assert.deepEqual(contest.candidates, ['Ann', 'Bob', 'Smith, Jo', 'Say "hi"', 'Line\nbreak']);
  assert.equal(contest.title, 'hand');
  assert.equal(contest.seats, 1);
  assert.deepEqual(contest.withdrawn, []);
  assert.deepEqual(contest.ballots, [
    { ranking: [0, 1], weight: 3n }, // lines 2 and 3: 2 + 1
    { ranking: [2, 0], weight: 1n },
    { ranking: [1], weight: 1n },
    { ranking: [0], weight: 1n },
    { ranking: [3, 1], weight: 1n },
    { ranking: [], weight: 1n },
    { ranking: [4, 0, 1], weight: 3n },
  ]);
  assert.equal(totalWeight(contest.ballots), 11n); // 2+1+1+1+1+1+1+3
});

test('wide CSV without id or weight, seats as told; a repeated row counts each time', () => {
  const contest = parsed('rank1,rank2\nA,B\nB,\nA,B\nA,B\n', 2);
  assert.equal(contest.seats, 2);
  assert.deepEqual(contest.ballots, [
    { ranking: [0, 1], weight: 3n },
    { ranking: [1], weight: 1n },
  ]);
});

test('long CSV (ballot_id,rank,choice): skipped ranks passed over, overvote ends the ballot', () => {
  const text = [
    'ballot_id,rank,choice',
    'b1,1,Kiss',
    'b1,2,Wright',
    'b2,1,$UNDERVOTE', // skipped first rank: Montroll counts as first preference
    'b2,2,Montroll',
    'b3,1,Wright',
    'b3,2,$OVERVOTE', // ends here: Kiss at rank 3 is ignored
    'b3,3,Kiss',
    'b4,1,Kiss',
    'b4,3,Wright', // rank 2 missing: passed over
    'b4,4,Kiss', // Kiss again: counted once, at rank 1
    'b5,1,$OVERVOTE', // nothing valid: empty ranking
  ].join('\n');
  const contest = parsed(text);
  assert.deepEqual(contest.candidates, ['Kiss', 'Wright', 'Montroll']);
  assert.deepEqual(contest.ballots, [
    { ranking: [0, 1], weight: 2n }, // b1 and b4
    { ranking: [2], weight: 1n },
    { ranking: [1], weight: 1n },
    { ranking: [], weight: 1n },
  ]);
});

test('CSV pushed in pieces split anywhere parses the same as whole', () => {
  assertSameInPieces(() => createCsvParser('dir/hand.csv'), WIDE, parsed(WIDE), 10);
});

test('CSV: grouping on raw rows agrees with ballot-by-ballot counting (property)', () => {
  const names = ['Ann', 'Bob', 'Cy', '$UNDERVOTE', '$OVERVOTE', ''];
  const row = fc.array(fc.constantFrom(...names), { minLength: 3, maxLength: 3 });
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
      const text = ['id,rank1,rank2,rank3', ...rows.map((r, i) => `${i},${r.join(',')}`)].join('\n');
      const result = parseCsv(text, 'p.csv');
      if (!result.ok) {
        // Only a file naming no candidate at all is refused.
        assert.ok(rows.every((r) => r.every((cell) => cell === '' || cell.startsWith('$'))));
        return;
      }
      // Expected weight of each ranking, worked ballot by ballot with the documented rules.
      const expected = new Map<string, bigint>();
      for (const r of rows) {
        const ranking: string[] = [];
        for (const cell of r) {
          if (cell === '$OVERVOTE') break;
          if (cell !== '' && cell !== '$UNDERVOTE' && !ranking.includes(cell)) ranking.push(cell);
        }
        expected.set(ranking.join('>'), (expected.get(ranking.join('>')) ?? 0n) + 1n);
      }
      const actual = new Map(result.value.ballots.map((b) => [b.ranking.map((c) => result.value.candidates[c]).join('>'), b.weight]));
      assert.deepEqual(actual, expected);
    }),
  );
});

test('CSV bad input: each problem names the file, the line and what is wrong', () => {
  const cases: [string, string, number, RegExp][] = [
    ['empty file', '', 1, /empty file/],
    ['unknown header', 'voter,first,second\n1,A,B', 1, /unexpected column 'voter'/],
    ['ranks out of order', 'rank2,rank1\nA,B', 1, /unexpected column 'rank2'/],
    ['no rank columns', 'id,weight\n1,1', 1, /no rank columns/],
    ['too few cells', 'rank1,rank2,rank3\nA,B,C\nA,B\n', 3, /2 cells but the header has 3 columns/],
    ['too many cells', 'rank1,rank2\nA,B,C\n', 2, /3 cells but the header has 2 columns/],
    ['non-numeric weight', 'weight,rank1\n1,A\nmany,B\n', 3, /weight 'many' is not a whole number/],
    ['zero weight', 'weight,rank1\n0,A\n', 2, /weight '0'/],
    ['stray quotes', 'rank1,rank2\nA,B"o"b\n', 2, /quote inside an unquoted cell/],
    ['odd stray quote', 'rank1,rank2\nA,B"ob\nA,B\n', 2, /quote opened on this line is never closed/],
    ['text after quote', 'rank1,rank2\n"A"x,B\n', 2, /after the closing quote/],
    ['truncated in a quoted cell', 'rank1,rank2\nA,B\n"Ann,B\n', 3, /quote opened on this line is never closed/],
    ['header only', 'rank1,rank2\n', 1, /no candidate is named/],
    ['long: rank not a number', 'ballot_id,rank,choice\n1,one,A\n', 2, /rank 'one' is not a whole number/],
    ['long: duplicated rank', 'ballot_id,rank,choice\n1,1,A\n1,1,B\n', 3, /rank 1 comes after rank 1/],
    ['long: wrong cell count', 'ballot_id,rank,choice\n1,1\n', 2, /2 cells but the header has 3 columns/],
    ['binary junk', 'rank1\n\u0000\u0001\u0002\n', 2, /control character U\+0000/],
    ['binary junk header', '\u0089PNG\u000d\u001a\n', 1, /control character U\+0089|control character U\+001A/],
  ];
  for (const [what, text, line, message] of cases) {
    const error = failure(text);
    assert.equal(error.line, line, `${what}: line`);
    assert.match(error.message, message, what);
  }
  // A stray quote in a large file is reported once the open cell passes 64 KB, not at the end of the file.
  const stray = parseCsv(`rank1\nA\n"B\n${'C\n'.repeat(40_000)}`, 'bad.csv');
  assert.ok(!stray.ok);
  assert.equal(stray.error.line, 3);
  assert.match(stray.error.message, /still open 65536 characters later/);
  const seats = parseCsv('rank1\nA\n', 'bad.csv', { seats: 2 });
  assert.ok(!seats.ok);
  assert.match(seats.error.message, /2 seats but only 1 candidates/);
});

test(
  'long CSV real data: Burlington 2009 has 8,980 ballots, the published candidates and round-1 first preferences',
  { skip: existsSync(burlington) ? false : 'shared data absent: ../shared/data/burlington-2009 not found' },
  () => {
    const result = parseCsv(readFileSync(`${burlington}ballots.csv`, 'utf8'), 'ballots.csv');
    assert.ok(result.ok);
    const contest = result.value;
    const published = JSON.parse(readFileSync(`${burlington}result.json`, 'utf8')) as { ballots: number; candidates: string[] };
    assert.equal(totalWeight(contest.ballots), BigInt(published.ballots));
    assert.deepEqual([...contest.candidates].sort(), [...published.candidates].sort());
    const first = new Map<string, bigint>();
    for (const b of contest.ballots) {
      const name = b.ranking[0] === undefined ? 'none' : (contest.candidates[b.ranking[0]] ?? '?');
      first.set(name, (first.get(name) ?? 0n) + b.weight);
    }
    // Burlington's certified round 1: Wright 2951, Kiss 2585, Montroll 2063, Smith 1306, write-ins 36,
    // Simpson 35 (8976 votes); the other 4 ballots are overvoted at rank 1 and count for no one.
    assert.deepEqual(Object.fromEntries(first), {
      'Kurt Wright': 2951n,
      'Bob Kiss': 2585n,
      'Andy Montroll': 2063n,
      'Dan Smith': 1306n,
      'Write-in': 36n,
      'James Simpson': 35n,
      none: 4n,
    });
  },
);

/**
 * Wide rows read from their bytes (repeats counted unread, new rows split on comma bytes) must agree with
 * the documented rules worked ballot by ballot: ids, weights, padded names, quoted names with commas,
 * multi-byte names, markers in any case, and repeats of every kind.
 */
test('CSV: byte-level reading agrees with the rules worked row by row, pushed as bytes cut anywhere (property)', () => {
  // [cell as written, what it marks]: a name, 'skip' or 'over'.
  const cells: [string, string][] = [
    ['Ann', 'Ann'],
    [' Ann ', 'Ann'],
    ['"Smith, Jo"', 'Smith, Jo'],
    ['Zoë', 'Zoë'],
    ['$undervote', 'skip'],
    ['$OVERVOTE', 'over'],
    ['', 'skip'],
    ['Bob', 'Bob'],
  ];
  const row = fc.record({ cells: fc.array(fc.integer({ min: 0, max: cells.length - 1 }), { minLength: 3, maxLength: 3 }), weight: fc.constantFrom(1, 2, 10) });
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (rows, cuts) => {
      const lines = rows.map((r, i) => `${i + 1},${r.weight},${r.cells.map((c) => cells[c]?.[0]).join(',')}`);
      const text = `id,weight,rank1,rank2,rank3\r\n${lines.join('\r\n')}\r\n`;
      const expected = new Map<string, bigint>();
      const names: string[] = [];
      for (const r of rows) {
        const ranking: string[] = [];
        let over = false;
        for (const c of r.cells) {
          const mark = cells[c]?.[1] ?? '';
          if (mark === 'over') over = true;
          else if (mark !== 'skip') {
            if (!names.includes(mark)) names.push(mark);
            if (!over && !ranking.includes(mark)) ranking.push(mark);
          }
        }
        expected.set(ranking.join('>'), (expected.get(ranking.join('>')) ?? 0n) + BigInt(r.weight));
      }
      const bytes = Buffer.from(text, 'utf8');
      const result = parseBytesInPieces(createCsvParser('p.csv'), bytes, cuts.map((c) => c % (bytes.length + 1)));
      if (names.length === 0) {
        assert.ok(!result.ok);
        return;
      }
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.deepEqual(result.value.candidates, names);
      const actual = new Map(result.value.ballots.map((b) => [b.ranking.map((c) => result.value.candidates[c]).join('>'), b.weight]));
      assert.deepEqual(actual, expected);
    }),
  );
});

test('CSV: a row already seen is still refused when its id is not plain (a stray quote or control character)', () => {
  // Line 2 is remembered by its bytes after the id; line 3 has the same bytes after a broken id.
  const quote = parseCsv('id,rank1\n1,Ann\n2"x",Ann\n', 'bad.csv');
  assert.ok(!quote.ok);
  assert.equal(quote.error.line, 3);
  assert.match(quote.error.message, /quote inside an unquoted cell/);
  const junk = parseCsv('id,rank1\n1,Ann\n\u0001,Ann\n', 'bad.csv');
  assert.ok(!junk.ok);
  assert.equal(junk.error.line, 3);
  assert.match(junk.error.message, /control character U\+0001/);
});

test('CSV: a line of binary junk without line breaks is refused once it passes 16 MiB, not buffered on', () => {
  const result = parseCsv(`rank1\nAnn\n${'x'.repeat(2 ** 24 + 1)}`, 'junk.csv');
  assert.ok(!result.ok);
  assert.equal(result.error.line, 3);
  assert.match(result.error.message, /runs past 16777216 bytes without a line break/);
});
