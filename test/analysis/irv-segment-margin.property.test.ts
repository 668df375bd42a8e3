/**
 * Properties of the segment-restricted IRV margin on random small elections, each with a random segment
 * (a subset of its ballots, possibly empty): it equals the brute force that changes only the segment's
 * ballots; its witness takes only the segment's ballots and, recounted, elects someone else; and when it
 * says no change of the segment alters the winner, the brute force finds none of any size the segment
 * allows (or, where backwards tie-breaks left the search unsure, none below its lower bound).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Contest } from '../../src/count/ballots.ts';
import type { TieBreakOptions } from '../../src/count/types.ts';
import { irvSegmentMargin, type IrvMargin } from '../../src/analysis/irv-margin.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import { bruteForceMargin, winnerAfter } from './brute-force.ts';
import { affordable, contests } from './random-contests.ts';

const solver = await loadHighsSolver();

/** A contest and which of its ballots (by index) are the segment's. */
const segmented = fc.tuple(contests, fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }));

/** Ballots of each ranking the segment holds. */
function segmentHolds(contest: Contest, inSegment: (i: number) => boolean): Map<string, bigint> {
  const held = new Map<string, bigint>();
  contest.ballots.forEach((b, i) => {
    if (inSegment(i)) held.set(b.ranking.join(','), (held.get(b.ranking.join(',')) ?? 0n) + b.weight);
  });
  return held;
}

function checkMargin(contest: Contest, inSegment: (i: number) => boolean, m: IrvMargin, tieBreak: TieBreakOptions): void {
  assert.notEqual(winnerAfter(contest, m.witness, tieBreak), m.winner);
  assert.equal(m.witness.reduce((s, c) => s + c.count, 0n), m.ballots);
  const held = segmentHolds(contest, inSegment);
  for (const change of m.witness) {
    const key = change.from.join(',');
    const left = (held.get(key) ?? 0n) - change.count;
    assert.ok(left >= 0n, `the witness takes ballots ranked [${key}] beyond the segment's`);
    held.set(key, left);
  }
  const margin = Number(m.exact ? m.ballots : m.lowerBound);
  const k = affordable(contest, margin, inSegment);
  assert.equal(bruteForceMargin(contest, tieBreak, Math.min(k, margin - 1), inSegment), undefined);
  if (m.exact && k === margin) assert.equal(bruteForceMargin(contest, tieBreak, margin, inSegment), margin);
}

function checkAgainstBruteForce(tieBreak: TieBreakOptions, runs: number): void {
  const seen = { margin: 0, unalterable: 0, proven: 0 };
  fc.assert(
    fc.property(segmented, ([contest, mask]) => {
      const inSegment = (i: number): boolean => mask[i] ?? false;
      const found = irvSegmentMargin(contest, solver, inSegment, { tieBreak });
      assert.ok(found.ok, found.ok ? '' : found.error);
      seen[found.value.kind]++;
      if (found.value.kind === 'unalterable' && found.value.exact) seen.proven++;
      if (found.value.kind === 'margin') {
        checkMargin(contest, inSegment, found.value.margin, tieBreak);
        return;
      }
      // No change of the segment alters the winner: try every change of up to all its ballots.
      const size = contest.ballots.reduce((s, b, i) => s + (inSegment(i) ? Number(b.weight) : 0), 0);
      if (found.value.exact) assert.equal(found.value.lowerBound, BigInt(size + 1));
      const below = Math.min(size, Number(found.value.lowerBound) - 1);
      assert.equal(bruteForceMargin(contest, tieBreak, affordable(contest, below, inSegment), inSegment), undefined);
    }),
    { numRuns: runs, seed: 2016 },
  );
  // Both outcomes must have been exercised for the property to mean anything.
  assert.ok(seen.margin > 0 && seen.proven > 0, JSON.stringify(seen));
}

test('segment margin equals the brute force restricted to the segment, under the lot tie-break', () => {
  checkAgainstBruteForce({ mode: 'lot', seed: 'rollover' }, 250);
});

test('segment margin under backwards tie-breaks: exact or bracketing the restricted brute force', () => {
  checkAgainstBruteForce({ mode: 'backwards', seed: 'rollover' }, 120);
});
