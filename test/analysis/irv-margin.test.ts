/**
 * The IRV margin on an election small enough to work by hand.
 *
 * Ballots (hand-worked.ts): 8 × [A], 6 × [B], 5 × [C, B] (19 ballots).
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
import { cheapIrvBounds, irvMargin, irvSegmentMargin } from '../../src/analysis/irv-margin.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import { winnerAfter } from './brute-force.ts';
import { A, B, C, handWorked } from './hand-worked.ts';

const contest = handWorked;

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

/*
 * Restricted to the segment of the 5 [C, B] ballots (index 2), the margin is 2:
 *   one changed ballot leaves A 8, B 6, C 4 plus one new ballot. Given to A: A 9, B 6, C 4; C goes, B 10
 *   of 19 wins. Given to B or C, B or C only gains; left blank, C goes and B has 10 of 18, a majority.
 *   Two changed to [A]: A 10, B 6, C 3; C goes, B 9; A has 10 of 19 and wins.
 */
test('segment margin: only the [C, B] ballots may change, so it takes 2, and the witness changes only those', async () => {
  const found = irvSegmentMargin(contest, await loadHighsSolver(), (i) => i === 2);
  assert.ok(found.ok && found.value.kind === 'margin');
  const m = found.value.margin;
  assert.equal(m.ballots, 2n);
  assert.equal(m.exact, true);
  assert.ok(m.witness.every((c) => c.from.join() === [C, B].join()));
  assert.notEqual(winnerAfter(contest, m.witness, DEFAULT_TIEBREAK), B);
});

test('empty segment: no change alters the winner, proven without solving anything', async () => {
  const found = irvSegmentMargin(contest, await loadHighsSolver(), () => false);
  assert.ok(found.ok);
  assert.deepEqual(found.value, { kind: 'unalterable', winner: B, exact: true, lowerBound: 1n, nodes: 0 });
});

/*
 * 4 × [A], 2 × [B], 1 × [C], the segment the one [C] ballot: A keeps 4 of at most 7 continuing ballots in
 * every round, a majority, however that ballot changes.
 */
test('a segment too small to matter: unalterable, proven by the search', async () => {
  const small: Contest = { ...contest, ballots: [{ ranking: [A], weight: 4n }, { ranking: [B], weight: 2n }, { ranking: [C], weight: 1n }] };
  const found = irvSegmentMargin(small, await loadHighsSolver(), (i) => i === 2);
  assert.ok(found.ok && found.value.kind === 'unalterable');
  assert.equal(found.value.winner, A);
  assert.equal(found.value.exact, true);
  assert.equal(found.value.lowerBound, 2n);
});
