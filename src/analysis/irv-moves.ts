/**
 * A quick upper bound on an IRV margin before the branch and bound starts: move j ballots that rank some
 * candidate A first to rank only X (or nothing), for every A and X and small j, and recount. The search
 * only has to expand suffixes whose bound lies below the best change it knows, so a good change up front
 * spares it whole layers of the frontier. A move between two losers can beat the last-round margin by far:
 * in Portland 2015 (last-round margin 8) four Bragdon-first ballots re-ranked [Vail] leave Bragdon one
 * behind Vail (10 to 11) when one of them must go; Bragdon's transfers then carry Vail past Bryant, Dodge
 * and Carmona, and Vail beats Mavodones 53 to 41. Every proposal is recounted; none is trusted unchecked.
 */
import type { CandidateIndex, Contest } from '../count/ballots.ts';
import type { TieBreakOptions } from '../count/types.ts';
import type { MarginBallot } from './changeable.ts';
import { changesWinner, type BallotChange } from './witness.ts';

/** Work allowed, in ballot groups recounted: a few thousand recounts of a small election, few of a large. */
const RECOUNT_WORK = 400_000;

export interface MoveSearch {
  readonly contest: Contest;
  /** The contest's ballots, with how many of each may change. */
  readonly ballots: readonly MarginBallot[];
  readonly standing: readonly CandidateIndex[];
  readonly winner: CandidateIndex;
  readonly tieBreak: TieBreakOptions;
}

/**
 * The smallest move of j ballots, `from` ≤ j < `below`, that the recount confirms alters the winner, or
 * undefined if none is found within the work allowed. Two ways of choosing which A-first ballots to take
 * are tried (longest rankings first, shortest first): what the taken ballots rank after A matters once A
 * is excluded.
 */
export function firstPreferenceMove(search: MoveSearch, from: bigint, below: bigint): BallotChange[] | undefined {
  let recounts = Math.floor(RECOUNT_WORK / Math.max(1, search.ballots.length));
  const targets: (readonly CandidateIndex[])[] = [[], ...search.standing.map((x) => [x])];
  for (let j = from; j < below; j++) {
    for (const a of search.standing) {
      for (const takes of sourceOrders(search.ballots, a)) {
        for (const to of targets) {
          if (to[0] === a) continue;
          if (recounts-- <= 0) return undefined;
          const changes = take(takes, j, to);
          if (changes && changesWinner(search.contest, changes, search.winner, search.tieBreak)) return changes;
        }
      }
    }
  }
  return undefined;
}

/** The changeable ballots ranking `a` first, longest rankings first and shortest first. */
function sourceOrders(ballots: readonly MarginBallot[], a: CandidateIndex): MarginBallot[][] {
  const mine = ballots.filter((b) => b.ranking[0] === a && b.changeable > 0n);
  const longest = [...mine].sort((p, q) => q.ranking.length - p.ranking.length);
  return [longest, [...longest].reverse()];
}

/** j of these ballots re-ranked `to`, or undefined if there are fewer than j. */
function take(ballots: readonly MarginBallot[], j: bigint, to: readonly CandidateIndex[]): BallotChange[] | undefined {
  const changes: BallotChange[] = [];
  let left = j;
  for (const b of ballots) {
    if (left === 0n) break;
    const n = b.changeable < left ? b.changeable : left;
    changes.push({ from: b.ranking, to, count: n });
    left -= n;
  }
  return left === 0n ? changes : undefined;
}
