import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPreflibParser, parsePreflib } from '../../src/formats/preflib.ts';
import type { Contest } from '../../src/count/ballots.ts';
import { parsedValue } from './parse-results.ts';
import { assertSameInPieces } from './pieces.ts';

const HEADER = `# FILE NAME: 00000-00000001.toi
# TITLE: Board election
# DATA TYPE: toi
# NUMBER ALTERNATIVES: 4
# NUMBER VOTERS: 12
# NUMBER UNIQUE ORDERS: 4
# ALTERNATIVE NAME 1: Ann
# ALTERNATIVE NAME 2: Bob
# ALTERNATIVE NAME 3: Cy
# ALTERNATIVE NAME 4: Di, Jr.
`;

const TOI = `${HEADER}5: 1,3,2
3: {2,3},1
2: 4
2: 1, {4, 2 ,3}
`;

const parsed = (text: string): Contest => parsedValue(parsePreflib(text, 'data/x.toi'));

test('PrefLib: names, counts, incomplete orders and ties in braces', () => {
  const contest = parsed(TOI);
  assert.equal(contest.title, 'Board election');
  assert.deepEqual(contest.candidates, ['Ann', 'Bob', 'Cy', 'Di, Jr.']);
  assert.equal(contest.seats, 1);
  assert.deepEqual(contest.ballots, [
    { ranking: [0, 2, 1], weight: 5n },
    // {2,3}: Bob and Cy equal first; Cy (position 1) is tied with Bob
    { ranking: [1, 2, 0], weight: 3n, tiedWithPrevious: [1] },
    { ranking: [3], weight: 2n },
    // 1, {4,2,3}: Ann, then Di, Bob and Cy equal second: positions 2 and 3 tied with the one before
    { ranking: [0, 3, 1, 2], weight: 2n, tiedWithPrevious: [2, 3] },
  ]);
});

test('PrefLib: identical orders on two lines are grouped; without a TITLE the file name is the title', () => {
  const text = HEADER.replace('# TITLE: Board election\n', '').replace('UNIQUE ORDERS: 4', 'UNIQUE ORDERS: 2').replace('VOTERS: 12', 'VOTERS: 7');
  const contest = parsed(`${text}4: 2,1\n3: 2,1\n`);
  assert.equal(contest.title, 'x');
  assert.deepEqual(contest.ballots, [{ ranking: [1, 0], weight: 7n }]);
});

test('PrefLib pushed in pieces split anywhere parses the same as whole', () => {
  assertSameInPieces(() => createPreflibParser('data/x.toi'), TOI, parsed(TOI), 10);
});

test('PrefLib bad input: each problem names the file, the line and what is wrong', () => {
  const orders = (body: string, voters = 1, unique = 1): string =>
    HEADER.replace('VOTERS: 12', `VOTERS: ${voters}`).replace('UNIQUE ORDERS: 4', `UNIQUE ORDERS: ${unique}`) + body;
  const cases: [string, string, number, RegExp][] = [
    ['empty file', '', 1, /no "# NUMBER ALTERNATIVES:" line/],
    ['order before header', '1: 1,2\n', 1, /comes before "# NUMBER ALTERNATIVES:"/],
    ['non-numeric count', orders('one: 1,2\n'), 11, /count 'one' is not a whole number/],
    ['missing colon', orders('1,2\n'), 11, /expected "count: order"/],
    ['unknown alternative', orders('1: 1,5\n'), 11, /'5' is not an alternative number from 1 to 4/],
    ['duplicated alternative', orders('1: 1,2,1\n'), 11, /alternative 1 appears twice/],
    ['duplicated inside a tie', orders('1: {1,2},2\n'), 11, /alternative 2 appears twice/],
    ['unclosed brace', orders('1: {1,2\n'), 11, /never closed/],
    ['empty place', orders('1: 1,,2\n'), 11, /'' is not an alternative number/],
    ['trailing comma', orders('1: 1,2,\n'), 11, /comma at the end/],
    ['empty order', orders('1: \n'), 11, /an empty order/],
    ['truncated: fewer voters', orders('1: 1\n', 5, 1), 11, /states 5 voters but the orders add up to 1/],
    ['truncated: fewer orders', orders('1: 1\n', 1, 2), 11, /states 2 unique orders but there are 1/],
    ['missing name', HEADER.replace('# ALTERNATIVE NAME 4: Di, Jr.\n', '') + '5: 1,3,2\n3: {2,3},1\n2: 4\n2: 1\n', 13, /alternative 4 has no "# ALTERNATIVE NAME 4:" line/],
    ['name beyond the count', HEADER + '# ALTERNATIVE NAME 5: Eve\n', 11, /alternative 5 is beyond the 4 alternatives/],
    ['binary junk', '\u0000\u0001\u0002', 1, /control character U\+0000/],
  ];
  for (const [what, text, line, message] of cases) {
    const result = parsePreflib(text, 'bad.soi');
    assert.ok(!result.ok, what);
    assert.equal(result.error.file, 'bad.soi', what);
    assert.equal(result.error.line, line, `${what}: line`);
    assert.match(result.error.message, message, what);
  }
});
