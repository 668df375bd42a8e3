/**
 * Random small elections for the margin's property tests (2–5 candidates, at most 25 ballots), and how far
 * the brute force can afford to check each.
 */
import fc from 'fast-check';
import type { Contest } from '../../src/count/ballots.ts';
import { enumerationSize } from './brute-force.ts';

/** Elections changed per contest that the brute force may recount (keeps the suite to seconds). */
const BRUTE_BUDGET = 40_000;

/**
 * Two shapes of election: ballots ranked at random (near-ties, margins of 1–2) and a few blocs of voters
 * sharing a ranking (clearer winners, margins up to 6 or so, where the order of exclusions matters).
 */
export const contests: fc.Arbitrary<Contest> = fc.integer({ min: 2, max: 5 }).chain((n) => {
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
export function affordable(contest: Contest, margin: number, changeable?: (ballot: number) => boolean): number {
  let spent = 0;
  for (let k = 1; k <= margin; k++) {
    spent += enumerationSize(contest, k, changeable);
    if (spent > BRUTE_BUDGET) return k - 1;
  }
  return margin;
}
