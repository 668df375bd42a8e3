/**
 * The IRV margin on an election small enough to work by hand.
 *
 * Ballots: 8 × [A], 6 × [B], 5 × [C, B] (19 ballots).
 *   Round 1: A 8, B 6, C 5. C is excluded; C's ballots go to B.
 *   Round 2: B 11, A 8; 11 > 19/2, B wins.
 * Cheap bounds:
 *   lower: round 1 excludes C, 1 vote behind B, so ⌈1/2⌉ = 1; round 2 B's lead 2·11 − 19 = 3 needs ⌈3/2⌉ = 2.
 *     The smaller, 1.
 *   upper (last-round margin): ⌊(11 − 8)/2⌋ + 1 = 2 ballots from [B] to [A]: A 10, B 4, C 5; B is excluded,
 *     [B] ballots exhaust, A 10 beats C 5.
 * Exact margin: 1. Change one [B] to [C]: A 8, B 5, C 6; B is excluded and its [B] ballots exhaust; A 8
 *   beats C 6, so A wins. No change of 0 ballots alters anything, so 1 is the margin.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Contest } from '../../src/count/ballots.ts';
import { DEFAULT_TIEBREAK } from '../../src/count/types.ts';
import { cheapIrvBounds, irvMargin } from '../../src/analysis/irv-margin.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import { winnerAfter } from './brute-force.ts';

const [A, B, C] = [0, 1, 2];
const contest: Contest = {
  title: 'hand-worked',
  candidates: ['A', 'B', 'C'],
  withdrawn: [],
  seats: 1,
  ballots: [
    { ranking: [A], weight: 8n },
    { ranking: [B], weight: 6n },
    { ranking: [C, B], weight: 5n },
  ],
};

test('cheap bounds: lower 1 from the round-1 gap, upper 2 from the last round', () => {
  const bounds = cheapIrvBounds(contest);
  assert.ok(bounds.ok);
  assert.equal(bounds.value.winner, B);
  assert.equal(bounds.value.lower, 1n);
  assert.deepEqual(bounds.value.upper, [{ from: [B], to: [A], count: 2n }]);
});

test('exact margin 1, below the last-round margin, with a witness that elects A', async () => {
  const margin = irvMargin(contest, await loadHighsSolver());
  assert.ok(margin.ok);
  assert.equal(margin.value.ballots, 1n);
  assert.equal(margin.value.exact, true);
  assert.equal(margin.value.witness.length, 1);
  assert.notEqual(winnerAfter(contest, margin.value.witness, DEFAULT_TIEBREAK), B);
});

test('a node budget too small to search reports a bound, not an exact margin', async () => {
  const margin = irvMargin(contest, await loadHighsSolver(), { maxNodes: 1 });
  assert.ok(margin.ok);
  assert.equal(margin.value.exact, false);
  // The last-round margin is the best change known before any search; the proven lower bound is 1.
  assert.equal(margin.value.ballots, 2n);
  assert.equal(margin.value.lowerBound, 1n);
});

test('one candidate standing: no margin, said plainly', async () => {
  const alone: Contest = { ...contest, candidates: ['A'], ballots: [{ ranking: [A], weight: 3n }] };
  const margin = irvMargin(alone, await loadHighsSolver());
  assert.equal(margin.ok, false);
});
