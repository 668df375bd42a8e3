/**
 * Ladder constraints worked by hand. Ballots: 3 × [A, C], 3 × [B, C], 3 × [D]; the suffix [D, C] (D goes
 * when only C and D stand, C wins); outsiders A and B, 3 first preferences each.
 * - Suffix round: with C, D standing, D 3 ≤ C 6. Met as cast.
 * - Outsider constraints, one at a time: with A, C, D standing C holds the 3 [B, C] ballots and D 3, so A's 3
 *   is no more than either; likewise B's. Met as cast: without the ladder the program costs 0.
 * - Ladder, Q = {A, B}: the first of A, B to go does so while both stand, when C holds nothing. min(3, 3)
 *   ≤ 0 fails. One changed ballot lowers one of A, B by at most 1 (min 2) and raises C by at most 1 (to 1):
 *   still short. Two [A, C] re-ranked [C]: A 1 ≤ C 2 and ≤ D 3, B 3 ≤ C 3 with B, C, D standing, and C 6
 *   beats D 3. So the program costs exactly 2.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Contest } from '../../src/count/ballots.ts';
import { marginBallots } from '../../src/analysis/changeable.ts';
import { ladderOrder, meetsLadder } from '../../src/analysis/irv-ladder.ts';
import { buildOrderModel } from '../../src/analysis/irv-order-model.ts';
import { firstPreferences, outsiderGaps } from '../../src/analysis/irv-outsider-bound.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import { applyChanges } from '../../src/analysis/witness.ts';

const [A, B, C, D] = [0, 1, 2, 3];
const contest: Contest = {
  title: 'ladder',
  candidates: ['A', 'B', 'C', 'D'],
  withdrawn: [],
  seats: 1,
  ballots: [
    { ranking: [A, C], weight: 3n },
    { ranking: [B, C], weight: 3n },
    { ranking: [D], weight: 3n },
  ],
};
const suffix = [D, C];
const ballots = marginBallots(contest);
const fp = firstPreferences(ballots, 4);

async function cost(ladder: readonly number[]): Promise<bigint> {
  const model = buildOrderModel(ballots, suffix, () => 0, outsiderGaps(ballots, suffix, fp), ladder);
  const solved = (await loadHighsSolver())(model.lp);
  assert.equal(solved.status, 'optimal');
  return solved.status === 'optimal' ? model.groups.reduce((s, _, i) => s + (solved.values.get(`m${i}`) ?? 0n), 0n) : -1n;
}

test('the ladder takes the outsiders strongest first, ties by candidate', () => {
  assert.deepEqual(ladderOrder(suffix, fp), [A, B]);
});

test('without the ladder the suffix costs 0; with it, exactly 2', async () => {
  assert.equal(await cost([]), 0n);
  assert.equal(await cost(ladderOrder(suffix, fp)), 2n);
});

test('the ballots as cast fail the ladder; with two [A, C] re-ranked [C] they meet it', () => {
  assert.equal(meetsLadder(ballots, suffix, [A, B]), false);
  const changed = applyChanges(contest, [{ from: [A, C], to: [C], count: 2n }]).ballots;
  assert.equal(meetsLadder(changed, suffix, [A, B]), true);
});
