/** The STV last-seat estimate on hand-written rounds. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rational } from '../../src/count/arithmetic.ts';
import type { CountResult, Round } from '../../src/count/types.ts';
import { stvLastSeatEstimate } from '../../src/analysis/stv-margin.ts';

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
