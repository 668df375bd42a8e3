/**
 * Grouping while parsing: every parser adds ballots here as it reads them, so memory grows with the
 * number of distinct rankings, not the number of ballots (`groupBallots` in count/ballots.ts does the same
 * for ballots already in memory; this is its streaming counterpart).
 */
import type { Ballot, CandidateIndex } from '../count/ballots.ts';

/** A ballot group being counted: a Ballot whose weight grows as identical ballots are read. */
export interface Group extends Ballot {
  weight: bigint;
}

export class BallotGroups {
  private readonly byKey = new Map<string, Group>();

  /** Adds `weight` ballots ranking `ranking`, with `tiedWithPrevious` as in Ballot (empty when none). */
  add(ranking: readonly CandidateIndex[], tiedWithPrevious: readonly number[], weight: bigint): void {
    this.group(ranking, tiedWithPrevious).weight += weight;
  }

  /** The group for a ranking, created with weight 0 on first sight; callers that count in bulk add later. */
  group(ranking: readonly CandidateIndex[], tiedWithPrevious: readonly number[]): Group {
    const key = groupKey(ranking, tiedWithPrevious);
    let seen = this.byKey.get(key);
    if (!seen) {
      // slice(): an exact-size copy; arrays built by push keep spare capacity for the life of the contest.
      const exact = ranking.slice();
      seen = tiedWithPrevious.length === 0 ? { ranking: exact, weight: 0n } : { ranking: exact, weight: 0n, tiedWithPrevious: tiedWithPrevious.slice() };
      this.byKey.set(key, seen);
    }
    return seen;
  }

  /** The grouped ballots, in order of first appearance (the groups themselves: no copy of each). */
  ballots(): Ballot[] {
    return [...this.byKey.values()];
  }
}

const KEY_LIMIT = 0xffff;

/**
 * One character per candidate makes a short key that is quick to build and to hash; KEY_LIMIT separates
 * the tied positions. Contests with 65,535 candidates or more fall back to a decimal key.
 */
function groupKey(ranking: readonly CandidateIndex[], tiedWithPrevious: readonly number[]): string {
  if (ranking.some((c) => c >= KEY_LIMIT)) return `${ranking.join(',')};${tiedWithPrevious.join(',')}`;
  const order = String.fromCharCode(...ranking);
  return tiedWithPrevious.length === 0 ? order : `${order}\uFFFF${String.fromCharCode(...tiedWithPrevious)}`;
}
