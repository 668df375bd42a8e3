/** The STV last-seat estimate on hand-written rounds. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rational } from '../../src/count/arithmetic.ts';
import type { CountResult, Round } from '../../src/count/types.ts';
import { stvLastSeatEstimate } from '../../src/analysis/stv-margin.ts';
import { count } from '../../src/count/index.ts';

function round(n: number, tally: [number, Rational][], elected: number[]): Round {
  return { round: n, tally: new Map(tally), exhausted: Rational.ZERO, loss: Rational.ZERO, threshold: Rational.of(10), elected, excluded: [] };
}

const base = { method: 'stv', rules: 'test', seats: 2, candidates: ['A', 'B', 'C', 'D'], places: 2, validVotes: Rational.of(30) } as const;

test('last seat: gap 1.25 between last elected B and runner-up C needs ⌊1.25/2⌋ + 1 = 1 ballot', () => {
  const result: CountResult = {
    ...base,
    winners: [0, 1],
    rounds: [
      round(1, [[0, Rational.of(12)], [1, Rational.of(6)], [2, Rational.of(6)], [3, Rational.of(6)]], [0]),
      round(2, [[0, Rational.of(10)], [1, Rational.of(30, 4)], [2, Rational.of(25, 4)]], [1]),
    ],
  };
  const estimate = stvLastSeatEstimate(result);
  assert.ok(estimate);
  assert.deepEqual([estimate.lastElected, estimate.runnerUp, estimate.round], [1, 2, 2]);
  assert.ok(estimate.gap.eq(Rational.of(5, 4)));
  assert.equal(estimate.ballots, 1n);
});

test('last seat: gap 5 needs ⌊5/2⌋ + 1 = 3 ballots (2 would leave them 1 apart)', () => {
  const result: CountResult = {
    ...base,
    winners: [0, 1],
    rounds: [round(1, [[0, Rational.of(11)], [1, Rational.of(10)], [2, Rational.of(5)], [3, Rational.of(4)]], [0, 1])],
  };
  assert.equal(stvLastSeatEstimate(result)?.ballots, 3n);
});

test('every candidate elected: no runner-up, no estimate', () => {
  const result: CountResult = { ...base, candidates: ['A', 'B'], winners: [0, 1], rounds: [round(1, [[0, Rational.of(15)], [1, Rational.of(15)]], [0, 1])] };
  assert.equal(stvLastSeatEstimate(result), undefined);
});

function scottish(candidates: string[], groups: [number, number[]][]): CountResult {
  const ballots = groups.map(([n, ranking]) => ({ ranking, weight: BigInt(n) }));
  const result = count({ title: 't', candidates, withdrawn: [], seats: 2, ballots }, { method: 'stv', rules: 'scottish' });
  assert.ok(result.ok);
  return result.value;
}

test('Scottish 11/8/7/4 for 2 seats: runner-up C was excluded before B filled the last seat', () => {
  // 30 ballots, Droop quota ⌊30/3⌋ + 1 = 11. A's 11 reach the quota (surplus 0) and D, lowest with 4, is
  // excluded; D's ballots rank nobody else and exhaust. Then B 8, C 7: C is excluded, leaving B as the only
  // continuing candidate for the one seat left, elected without a quota in the final round, whose tally
  // holds no unelected candidate. The last contest was B 8 against C 7 in C's exclusion round:
  // gap 8 − 7 = 1, ⌊1/2⌋ + 1 = 1 ballot (B 7, C 8 would exclude B instead).
  const result = scottish(['A', 'B', 'C', 'D'], [[11, [0]], [8, [1]], [7, [2]], [4, [3]]]);
  assert.deepEqual(result.winners, [0, 1]);
  const excludedC = result.rounds.find((r) => r.excluded.includes(2));
  assert.ok(excludedC);
  const estimate = stvLastSeatEstimate(result);
  assert.ok(estimate);
  assert.deepEqual([estimate.lastElected, estimate.runnerUp, estimate.round], [1, 2, excludedC.round]);
  assert.ok(estimate.gap.eq(Rational.of(1)));
  assert.equal(estimate.ballots, 1n);
});

test('Scottish 20/8/9 for 2 seats: runner-up C still continuing when B reaches the quota', () => {
  // 37 ballots, quota ⌊37/3⌋ + 1 = 13. A's 20 "A B" ballots are elected with surplus 20 − 13 = 7, each
  // passed at 7/20 = 0.35 (exact in 5 places): B 8 + 20 × 0.35 = 15 ≥ 13 is elected with C on 9 still
  // continuing. Gap 15 − 9 = 6, ⌊6/2⌋ + 1 = 4 ballots (3 would leave B 12 against C 12).
  const result = scottish(['A', 'B', 'C'], [[20, [0, 1]], [8, [1]], [9, [2]]]);
  assert.deepEqual(result.winners, [0, 1]);
  const estimate = stvLastSeatEstimate(result);
  assert.ok(estimate);
  assert.deepEqual([estimate.lastElected, estimate.runnerUp, estimate.round], [1, 2, result.rounds.length]);
  assert.ok(estimate.round > 1);
  assert.ok(estimate.gap.eq(Rational.of(6)));
  assert.equal(estimate.ballots, 4n);
});

test('bottoms-up 12/9/7/2 for 2 seats: the cut-off is B, the weaker survivor, against C, whatever order the winners are listed in', () => {
  // D (2) is excluded in round 1 and C (7) in round 2, leaving A 12 and B 9 for the 2 seats, elected
  // together in round 3 and listed B, A (RCTab lists them by name). At the cut-off, round 2, the weaker
  // survivor B has 9 against C's 7: gap 2, ⌊2/2⌋ + 1 = 2 ballots (B 7, C 9 would exclude B instead).
  // The last listed winner, A, would be the wrong one to compare.
  const result: CountResult = {
    ...base,
    winners: [1, 0],
    rounds: [
      round(1, [[0, Rational.of(12)], [1, Rational.of(9)], [2, Rational.of(7)], [3, Rational.of(2)]], []),
      round(2, [[0, Rational.of(12)], [1, Rational.of(9)], [2, Rational.of(7)]], []),
      round(3, [[0, Rational.of(12)], [1, Rational.of(9)]], [1, 0]),
    ],
  };
  const estimate = stvLastSeatEstimate(result);
  assert.ok(estimate);
  assert.deepEqual([estimate.lastElected, estimate.runnerUp, estimate.round], [1, 2, 2]);
  assert.ok(estimate.gap.eq(Rational.of(2)));
  assert.equal(estimate.ballots, 2n);
});

test('bottoms-up with nobody excluded: no cut-off, no estimate', () => {
  const result: CountResult = { ...base, candidates: ['A', 'B'], winners: [0, 1], rounds: [round(1, [[0, Rational.of(15)], [1, Rational.of(15)]], [0, 1])] };
  assert.equal(stvLastSeatEstimate(result), undefined);
});

test('Scottish 9/8/7/3 for 2 seats: the seat at stake when runner-up R went was C\'s, not the last listed B\'s', () => {
  // 27 ballots, quota ⌊27/3⌋ + 1 = 10. Round 1: B 9, C 8, R 7, D 3, nobody at 10: D is excluded and D's
  // ballots (ranking D alone) exhaust. Round 2: B 9, C 8, R 7: R is excluded and its "R C" ballots give
  // C 15. Round 3: C is elected with the quota, then B fills the last seat as the only one continuing, so
  // the winners are listed C, B. Where the seat was contested, round 2, the weakest winner still to be
  // elected was C with 8, not B with 9: gap 8 − 7 = 1, ⌊1/2⌋ + 1 = 1 ballot (C 7, R 8 would exclude C).
  // Against B the gap would be 2 and the estimate 2 ballots.
  const result = scottish(['B', 'C', 'R', 'D'], [[9, [0]], [8, [1]], [7, [2, 1]], [3, [3]]]);
  assert.deepEqual(result.winners, [1, 0]);
  const estimate = stvLastSeatEstimate(result);
  assert.ok(estimate);
  assert.deepEqual([estimate.lastElected, estimate.runnerUp, estimate.round], [1, 2, 2]);
  assert.ok(estimate.gap.eq(Rational.of(1)));
  assert.equal(estimate.ballots, 1n);
});
