/**
 * The cheap bounds on an IRV margin, from the count's own rounds, shown before any search.
 *
 * Lower bound (the argument of Magrino, Rivest, Shen & Wagner 2011, "Computing the margin of victory in
 * IRV elections", and Cary 2011): if every round excludes the same candidate as before and the last round
 * still gives the winner a majority, the winner is the same. Changing one ballot moves at most one vote
 * out of one pile and into another, so it narrows any gap between two tallies by at most 2. At the first
 * round whose exclusion changes, the excluded candidate must catch up with another, which takes at least
 * half the gap; in the last round the winner's lead over the rest, 2w − continuing, must vanish.
 *
 * Upper bound: the last-round margin. Move ⌊(w − r)/2⌋ + 1 ballots that rank the winner first to rank only
 * the runner-up r: in every round the winner has that many fewer, r that many more. The recount decides
 * whether that suffices (it nearly always does); if not, there is no cheap upper bound.
 */
import type { CandidateIndex, Contest } from '../count/ballots.ts';
import type { CountResult, Round, TieBreakOptions } from '../count/types.ts';
import type { MarginBallot } from './changeable.ts';
import { changesWinner, type BallotChange } from './witness.ts';

/** Half, rounded up, of a whole number of votes. */
function halfUp(n: bigint): bigint {
  return (n + 1n) / 2n;
}

function votes(round: Round, c: CandidateIndex): bigint {
  const v = round.tally.get(c);
  if (v === undefined || v.den !== 1n) throw new Error('IRV tallies are whole numbers');
  return v.num;
}

/** The smallest gap, over the rounds, that a change of winner must close (halved), and at least 1. */
export function irvLowerBound(result: CountResult): bigint {
  let bound: bigint | undefined;
  const consider = (needed: bigint): void => {
    if (bound === undefined || needed < bound) bound = needed;
  };
  for (const round of result.rounds) {
    const standing = [...round.tally.keys()];
    const out = round.excluded[0];
    if (out !== undefined) {
      const others = standing.filter((c) => c !== out).map((c) => votes(round, c) - votes(round, out));
      consider(halfUp(others.reduce((a, b) => (b < a ? b : a))));
    }
    const winner = round.elected[0];
    if (winner !== undefined) {
      const continuing = standing.reduce((s, c) => s + votes(round, c), 0n);
      consider(halfUp(2n * votes(round, winner) - continuing));
    }
  }
  return bound === undefined || bound < 1n ? 1n : bound;
}

/**
 * The last-round margin as a confirmed witness, or undefined when the recount does not confirm it or too
 * few of the winner's first preferences may change (`ballots`: the contest's, with how many may change).
 */
export function irvLastRoundBound(contest: Contest, ballots: readonly MarginBallot[], result: CountResult, tieBreak: TieBreakOptions): readonly BallotChange[] | undefined {
  const last = result.rounds[result.rounds.length - 1];
  const winner = result.winners[0];
  if (last === undefined || winner === undefined) return undefined;
  const rivals = [...last.tally.keys()].filter((c) => c !== winner).sort((a, b) => {
    const [va, vb] = [votes(last, a), votes(last, b)];
    return vb > va ? 1 : vb < va ? -1 : 0;
  });
  const runnerUp = rivals[0];
  if (runnerUp === undefined) return undefined;
  let needed = (votes(last, winner) - votes(last, runnerUp)) / 2n + 1n;
  const changes: BallotChange[] = [];
  for (const b of ballots) {
    if (needed === 0n) break;
    if (b.ranking[0] !== winner || b.changeable === 0n) continue;
    const n = b.changeable < needed ? b.changeable : needed;
    changes.push({ from: b.ranking, to: [runnerUp], count: n });
    needed -= n;
  }
  if (needed > 0n) return undefined;
  return changesWinner(contest, changes, winner, tieBreak) ? changes : undefined;
}
