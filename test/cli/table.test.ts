import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTable } from '../../src/cli/table.ts';
import { count } from '../../src/count/index.ts';
import { parseBlt } from '../../src/formats/blt.ts';
import { HAND_RESULT } from './hand-result.ts';

test('a tie broken by the BLT [tie] order says so; shares of 4, 4 and 5 of 13 are rounded, summing to 100%', () => {
  const contest = parseBlt('3 1\n[tie 2 1 3]\n4 1 3 0\n4 2 1 0\n5 3 0\n0\n"Ann" "Bob" "Cat" "T"\n', 'tie.blt');
  assert.ok(contest.ok);
  const counted = count(contest.value, { method: 'irv' });
  assert.ok(counted.ok);
  const text = renderTable(counted.value, 'T');
  assert.match(text, /^ {2}Tie between Ann, Bob broken by the declared tie order: Bob$/m);
  // 4/13 = 30.769…% (truncated it was 30.76%, and 30.76 + 30.76 + 38.46 = 99.98), 5/13 = 38.461…%.
  assert.match(text, /^ {2}Ann\s+4\s+30\.77%/m);
  assert.match(text, /^ {2}Bob\s+4\s+30\.77%\s+-4\s+EXCLUDED$/m);
  assert.match(text, /^ {2}Cat\s+5\s+38\.46%/m);
  // Round 2: Ann 8/13 = 61.538…%.
  assert.match(text, /^ {2}Ann\s+8\s+61\.54%/m);
});

const sheet = renderTable(HAND_RESULT, 'Hand count');
const lines = sheet.split('\n');

test('heading: title, method, seats, valid votes, quota', () => {
  assert.deepEqual(lines.slice(0, 2), ['Hand count', 'STV (hand rules) · 2 seats · 30.00000 valid votes · quota 11.00000']);
});

test('round 1: the surplus goes out of Ann (16 - 11 = 5) and into Ben and Cat; 0.3125 exhausted', () => {
  // Total in round 1 is 30: Ann 16/30 = 53.33%, Ben 6/30 = 20.00%.
  assert.match(sheet, /^ {2}Ann\s+16\.00000\s+53\.33%\s+-5\.00000\s+ELECTED$/m);
  assert.match(sheet, /^ {2}Ben\s+6\.00000\s+20\.00%\s+\+2\.81250$/m);
  assert.match(sheet, /^ {2}Exhausted\s+0\.00000\s+\+0\.31250$/m);
  assert.match(sheet, /^ {2}Transferred: surplus of Ann at transfer value 0\.31250$/m);
});

test('later rounds: elected earlier, exclusion, tie-break, loss to rounding, note, winners', () => {
  assert.match(sheet, /^ {2}Ann\s+11\.00000\s+\S+%\s+elected$/m);
  assert.match(sheet, /^ {2}Dan\s+3\.00000\s+\S+%\s+-3\.00000\s+EXCLUDED$/m);
  assert.match(sheet, /^ {2}Tie between Ben, Cat broken backwards at round 1: Cat$/m);
  // The loss appears from round 2 (its change) and round 3 holds 1/3, truncated.
  assert.match(sheet, /^ {2}Lost to rounding\s+0\.00000\s+\+0\.33333$/m);
  assert.match(sheet, /^ {2}Lost to rounding\s+0\.33333$/m);
  assert.match(sheet, /^ {2}Note: two seats filled$/m);
  assert.equal(lines.at(-2), 'Elected: Ann, Ben');
});

test('every row of every round is aligned on the same columns', () => {
  const rows = lines.filter((l) => /^ {2}(Ann|Ben|Cat|Dan|Exhausted|Candidate) /.test(l));
  const votesEnd = new Set(rows.map((l) => /^ {2}\S+\s+\S+/.exec(l)?.[0].length));
  assert.equal(votesEnd.size, 1, rows.join('\n'));
});
