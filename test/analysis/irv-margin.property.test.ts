/**
 * Properties of the exact IRV margin on random small elections (2–5 candidates, at most 25 ballots): it equals
 * the brute-force margin, and its witness, recounted, elects someone else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TieBreakOptions } from '../../src/count/types.ts';
import { irvMargin } from '../../src/analysis/irv-margin.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import { bruteForceMargin, winnerAfter } from './brute-force.ts';
import { affordable, contests } from './random-contests.ts';

const solver = await loadHighsSolver();

function checkAgainstBruteForce(tieBreak: TieBreakOptions, runs: number): void {
  fc.assert(
    fc.property(contests, (contest) => {
      const found = irvMargin(contest, solver, { tieBreak });
      assert.ok(found.ok, found.ok ? '' : found.error);
      const m = found.value;
      // Under the lot and backwards every full order's program is exact, so the search always settles.
      assert.equal(m.exact, true, `between ${m.lowerBound} and ${m.ballots}`);
      // The witness, applied and recounted here, elects someone else, and changes exactly `ballots` ballots.
      assert.notEqual(winnerAfter(contest, m.witness, tieBreak), m.winner);
      assert.equal(m.witness.reduce((s, c) => s + c.count, 0n), m.ballots);
      const margin = Number(m.exact ? m.ballots : m.lowerBound);
      const k = affordable(contest, margin);
      // No change of fewer ballots than the margin (or the proven lower bound) alters the winner …
      assert.equal(bruteForceMargin(contest, tieBreak, Math.min(k, margin - 1)), undefined);
      // … and when the search is exact and the budget allows, the brute force finds that very number.
      if (m.exact && k === margin) assert.equal(bruteForceMargin(contest, tieBreak, margin), margin);
    }),
    { numRuns: runs, seed: 2011 },
  );
}

test('exact margin equals brute force under the lot tie-break (where the integer programs are exact)', () => {
  checkAgainstBruteForce({ mode: 'lot', seed: 'rollover' }, 250);
});

test('exact margin equals brute force under backwards tie-breaks too (every tie traced back in full orders)', () => {
  checkAgainstBruteForce({ mode: 'backwards', seed: 'rollover' }, 150);
});
