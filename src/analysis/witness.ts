/**
 * A margin's witness: which ballots change, from what ranking to what ranking, and how many. Applying it
 * and recounting is how every margin is confirmed: the search proposes, the exact count decides.
 */
import type { Ballot, CandidateIndex, Contest } from '../count/ballots.ts';
import { groupBallots } from '../count/ballots.ts';
import { count } from '../count/index.ts';
import type { TieBreakOptions } from '../count/types.ts';

export interface BallotChange {
  readonly from: readonly CandidateIndex[];
  readonly to: readonly CandidateIndex[];
  readonly count: bigint;
}

/** Total ballots a witness changes. */
export function changedBallots(changes: readonly BallotChange[]): bigint {
  return changes.reduce((s, c) => s + c.count, 0n);
}

/**
 * The contest with the changes made. Throws when a change takes more ballots of a ranking than the contest
 * holds: a witness is built from the contest itself, so that is a bug, not bad input.
 */
export function applyChanges(contest: Contest, changes: readonly BallotChange[]): Contest {
  const taken = new Map<string, bigint>();
  for (const c of changes) taken.set(c.from.join(','), (taken.get(c.from.join(',')) ?? 0n) + c.count);
  const kept: Ballot[] = [];
  for (const b of groupBallots(contest.ballots)) {
    const key = b.ranking.join(',');
    const take = taken.get(key) ?? 0n;
    const left = b.weight - (take < b.weight ? take : b.weight);
    taken.set(key, take - (b.weight - left));
    if (left > 0n) kept.push({ ranking: b.ranking, weight: left });
  }
  const short = [...taken].find(([, n]) => n > 0n);
  if (short) throw new Error(`witness takes ${short[1]} more ballots ranked [${short[0]}] than the contest holds`);
  const added = changes.filter((c) => c.count > 0n).map((c) => ({ ranking: c.to, weight: c.count }));
  return { ...contest, ballots: groupBallots([...kept, ...added]) };
}

/** The IRV winner of a contest under the given tie-breaks. */
export function irvWinner(contest: Contest, tieBreak: TieBreakOptions): CandidateIndex {
  const result = count(contest, { method: 'irv', tieBreak });
  const winner = result.ok ? result.value.winners[0] : undefined;
  if (winner === undefined) throw new Error(`IRV recount failed: ${result.ok ? 'no winner' : result.error}`);
  return winner;
}

/** Whether recounting the changed contest elects someone other than `winner`. */
export function changesWinner(contest: Contest, changes: readonly BallotChange[], winner: CandidateIndex, tieBreak: TieBreakOptions): boolean {
  return irvWinner(applyChanges(contest, changes), tieBreak) !== winner;
}
