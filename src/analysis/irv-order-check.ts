/**
 * Whether a change already meets every constraint of a suffix's integer program (irv-order-model.ts, ties
 * allowed): each suffix round excludes a candidate with no more votes than any other standing, each
 * outsider has no more first preferences than any suffix member holds with it standing, and the ladder
 * constraints hold (irv-ladder.ts).
 *
 * The search asks this of a parent's solution for each child. A child's program only adds constraints to
 * its parent's, so it costs at least as much; if the parent's solution meets them, it costs exactly that,
 * and the solver (whose every call has a fixed overhead of milliseconds) is spared.
 */
import type { Ballot, CandidateIndex, Contest } from '../count/ballots.ts';
import { ladderOrder, meetsLadder } from './irv-ladder.ts';
import { firstPreferences, outsiderGaps } from './irv-outsider-bound.ts';
import type { TieRows } from './irv-order-model.ts';
import { applyChanges, type BallotChange } from './witness.ts';

export function meetsSuffix(contest: Contest, changes: readonly BallotChange[], suffix: readonly CandidateIndex[], ties: TieRows = {}): boolean {
  const ballots = applyChanges(contest, changes).ballots;
  const position = new Map(suffix.map((c, i) => [c, i]));
  let before: ReadonlyMap<CandidateIndex, bigint> | undefined;
  for (let round = 0; round < suffix.length - 1; round++) {
    const tally = roundTally(ballots, position, round);
    const votes = (c: CandidateIndex): bigint => tally.get(c) ?? 0n;
    const earlier = (c: CandidateIndex): bigint => before?.get(c) ?? 0n;
    const excluded = suffix[round] as CandidateIndex;
    if (suffix.slice(round + 1).some((x) => votes(excluded) > votes(x))) return false;
    // A tie is settled by the round before, where the excluded one must not have been ahead.
    const settled = (x: CandidateIndex): boolean => votes(excluded) < votes(x) || !before || earlier(excluded) <= earlier(x);
    if (ties.lookback && !suffix.slice(round + 1).every(settled)) return false;
    before = tally;
  }
  const fp = firstPreferences(ballots, contest.candidates.length);
  // These ballots are concrete: a member holding any transferred ballot is strictly above at a tie.
  const concrete = { ...ties, ...(ties.transfersFrom === undefined ? {} : { transfersFrom: 1n }) };
  if (!outsiderGaps(ballots, suffix, fp, concrete).every((g) => g.gap <= 0n)) return false;
  // The program takes the ladder's outsiders in order of their first preferences as cast.
  return meetsLadder(ballots, suffix, ladderOrder(suffix, firstPreferences(contest.ballots, contest.candidates.length)), concrete);
}

/** Votes in the suffix round where suffix[round..] stand: each ballot counts for its first of them. */
function roundTally(ballots: readonly Ballot[], position: ReadonlyMap<CandidateIndex, number>, round: number): Map<CandidateIndex, bigint> {
  const tally = new Map<CandidateIndex, bigint>();
  for (const b of ballots) {
    const holder = b.ranking.find((c) => (position.get(c) ?? -1) >= round);
    if (holder !== undefined) tally.set(holder, (tally.get(holder) ?? 0n) + b.weight);
  }
  return tally;
}
