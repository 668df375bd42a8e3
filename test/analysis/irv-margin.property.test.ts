/**
 * Properties of the exact IRV margin on random small elections (2–5 candidates, at most 25 ballots): it equals
 * the brute-force margin, and its witness, recounted, elects someone else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Contest } from '../../src/count/ballots.ts';
import type { TieBreakOptions } from '../../src/count/types.ts';
import { irvMargin } from '../../src/analysis/irv-margin.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import { bruteForceMargin, enumerationSize, winnerAfter } from './brute-force.ts';

const solver = await loadHighsSolver();
/** Elections changed per contest that the brute force may recount (keeps the suite to seconds). */
const BRUTE_BUDGET = 40_000;

/**
 * Two shapes of election: ballots ranked at random (near-ties, margins of 1–2) and a few blocs of voters
 * sharing a ranking (clearer winners, margins up to 6 or so, where the order of exclusions matters).
 */
const contests: fc.Arbitrary<Contest> = fc.integer({ min: 2, max: 5 }).chain((n) => {
  const names = ['A', 'B', 'C', 'D', 'E'].slice(0, n);
  const ranking = fc.shuffledSubarray(names.map((_, i) => i), { minLength: 0, maxLength: n });
  const single = ranking.map((r) => ({ ranking: r, weight: 1 }));
  const bloc = fc.record({ ranking, weight: fc.integer({ min: 1, max: 9 }) });
  const ballots = fc.oneof(fc.array(single, { minLength: 1, maxLength: 25 }), fc.array(bloc, { minLength: 1, maxLength: 6 }));
  return ballots.map((groups) => {
    let room = 25;
    const kept = groups.map((g) => {
      const weight = Math.min(g.weight, room);
      room -= weight;
      return { ranking: g.ranking, weight: BigInt(weight) };
    });
    return { title: 'random', candidates: names, withdrawn: [], seats: 1, ballots: kept.filter((b) => b.weight > 0n) };
  });
});

/** The largest k ≤ margin whose changes, from 1 up, the brute force can afford to try. */
function affordable(contest: Contest, margin: number): number {
  let spent = 0;
  for (let k = 1; k <= margin; k++) {
    spent += enumerationSize(contest, k);
    if (spent > BRUTE_BUDGET) return k - 1;
  }
  return margin;
}

function checkAgainstBruteForce(tieBreak: TieBreakOptions, runs: number): void {
  fc.assert(
    fc.property(contests, (contest) => {
      const found = irvMargin(contest, solver, { tieBreak });
      assert.ok(found.ok, found.ok ? '' : found.error);
      const m = found.value;
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

test('under backwards tie-breaks the margin is exact or brackets the brute force; witnesses always hold', () => {
  checkAgainstBruteForce({ mode: 'backwards', seed: 'rollover' }, 150);
});
