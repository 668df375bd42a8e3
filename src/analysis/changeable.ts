/**
 * Which ballots a margin may change. An unrestricted margin may change any ballot; a segment's margin
 * ("the fewest of this segment's ballots whose change alters the winner") only the segment's. Identical
 * rankings are counted once with a weight, so each grouped ranking carries how many of its ballots may
 * change: a ranking cast both inside and outside the segment is one group, partly changeable.
 */
import { groupBallots, withoutWithdrawn, type Ballot, type Contest } from '../count/ballots.ts';

export interface MarginBallot extends Ballot {
  /** How many of the `weight` ballots a change may take (0 … weight). */
  readonly changeable: bigint;
}

/** Whether the ballot at this index of `contest.ballots` may change. */
export type Changeable = (ballot: number) => boolean;

/**
 * The contest's ballots, withdrawn candidates dropped and identical rankings grouped, each group with how
 * many of its ballots may change (all of them when `changeable` is not given).
 */
export function marginBallots(contest: Contest, changeable?: Changeable): MarginBallot[] {
  const standing = withoutWithdrawn(contest).ballots;
  const movable = groupBallots(changeable ? standing.filter((_, i) => changeable(i)) : standing);
  const movableByKey = new Map(movable.map((b) => [key(b), b.weight]));
  return groupBallots(standing).map((b) => ({ ...b, changeable: movableByKey.get(key(b)) ?? 0n }));
}

/** Tells groups apart as groupBallots does: by ranking and by which ranks are equal. */
function key(b: Ballot): string {
  return `${b.ranking.join(',')}=${(b.tiedWithPrevious ?? []).join(',')}`;
}

/** Total ballots that may change. */
export function changeableTotal(ballots: readonly MarginBallot[]): bigint {
  return ballots.reduce((s, b) => s + b.changeable, 0n);
}
