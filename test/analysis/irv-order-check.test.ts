/**
 * Whether a change meets a suffix's constraints, worked by hand on 8 × [A], 6 × [B], 5 × [C, B]
 * (hand-worked.ts):
 * - no change, suffix [A, B] (the count's own end): with A, B standing A 8 ≤ B 11; outsider C has 5 first
 *   preferences, no more than A's 8 or B's 6 with C standing. Met.
 * - no change, suffix [B, A]: B 11 > A 8 where B would go. Not met.
 * - no change, suffix [C, A]: outsider B's 6 first preferences exceed C's 5 with B standing. Not met.
 * - one [B] re-ranked [C], suffix [C, A]: B 5 ≤ C 6 and ≤ A 8; with C, A standing C 6 ≤ A 8. Met.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meetsSuffix } from '../../src/analysis/irv-order-check.ts';
import { A, B, C, handWorked } from './hand-worked.ts';

const contest = handWorked;

test('the count as cast meets its own last round, not the reverse', () => {
  assert.equal(meetsSuffix(contest, [], [A, B]), true);
  assert.equal(meetsSuffix(contest, [], [B, A]), false);
});

test('an outsider with too many first preferences fails the suffix until a change closes the gap', () => {
  assert.equal(meetsSuffix(contest, [], [C, A]), false);
  assert.equal(meetsSuffix(contest, [{ from: [B], to: [C], count: 1n }], [C, A]), true);
});
