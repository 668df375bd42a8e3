/**
 * An STV margin estimate for the last seat: the swing between the runner-up and the weakest winner still
 * to be elected, in the last round the runner-up was in the count. Moving one ballot from the one to the
 * other narrows their gap by up to two votes (less once transfer values are below 1), so ⌊gap/2⌋ + 1
 * ballots is the swing that would reverse their order in that round. It is an estimate, not a margin: changes to
 * earlier rounds' surpluses and exclusions can cost fewer or more ballots (Blom, Ek, Stuckey, Teague &
 * Vukcevic, "Efficient lower bounding of STV election margins", 2025, discuss why exact STV margins are hard).
 */
import type { Rational } from '../count/arithmetic.ts';
import type { CandidateIndex } from '../count/ballots.ts';
import type { CountResult, Round } from '../count/types.ts';

export interface LastSeatEstimate {
  /**
   * The winner whose seat was at stake: the weakest of the winners not yet elected in that round (the last
   * elected when the last seat was filled there; for a bottoms-up count, which elects the survivors together
   * in no order, the weakest survivor at the cut-off).
   */
  readonly lastElected: CandidateIndex;
  readonly runnerUp: CandidateIndex;
  /**
   * 1-based round whose tallies are compared: the one in which the last seat was filled, or, when the
   * runner-up had been excluded by then, the round of its exclusion (for a bottoms-up count, the last
   * exclusion: the cut-off).
   */
  readonly round: number;
  /** Votes of the last elected minus the runner-up's in that round. */
  readonly gap: Rational;
  /** Ballots to move from the last elected to the runner-up to reverse them: ⌊gap/2⌋ + 1. */
  readonly ballots: bigint;
}

/** Undefined when every candidate was elected, or nobody: then there is no runner-up to compare. */
export function stvLastSeatEstimate(result: CountResult): LastSeatEstimate | undefined {
  const lastElected = result.winners[result.winners.length - 1];
  if (lastElected === undefined) return undefined;
  const filled = result.rounds.findIndex((r) => r.elected.includes(lastElected));
  const upTo = filled === -1 ? result.rounds.length : filled + 1;
  // Under rules that fill the last seat once only as many candidates continue as seats remain (Scottish
  // STV), the runner-up was excluded in an earlier round; the latest round with an unelected candidate
  // still in the count is where the last seat was really contested.
  const at = result.rounds.slice(0, upTo).findLastIndex((r) => unelected(r, result.winners).length > 0);
  const round = result.rounds[at];
  if (round === undefined) return undefined;
  // The seat at stake there is held by the weakest winner not yet elected: the last listed is only the
  // weakest in the final round, after the runner-up's own votes may have reordered them.
  const electedBefore = new Set(result.rounds.slice(0, at).flatMap((r) => r.elected));
  const contested = result.winners.filter((c) => round.tally.has(c) && !electedBefore.has(c));
  const holder = most(round, contested, (a, b) => a.lt(b)) ?? lastElected;
  return estimateIn(round, holder, most(round, unelected(round, result.winners), (a, b) => a.gt(b)));
}

function estimateIn(round: Round, lastElected: CandidateIndex, runnerUp: CandidateIndex | undefined): LastSeatEstimate | undefined {
  const lastVotes = round.tally.get(lastElected);
  const runnerUpVotes = runnerUp === undefined ? undefined : round.tally.get(runnerUp);
  if (runnerUp === undefined || lastVotes === undefined || runnerUpVotes === undefined) return undefined;
  const gap = lastVotes.sub(runnerUpVotes);
  // ⌊gap/2⌋ for a non-negative fraction num/den is num / (2·den) in bigint division.
  return { lastElected, runnerUp, round: round.round, gap, ballots: gap.num / (2n * gap.den) + 1n };
}

function unelected(round: Round, winners: readonly CandidateIndex[]): CandidateIndex[] {
  return [...round.tally.keys()].filter((c) => !winners.includes(c));
}

/** The strongest (or, with `lt`, weakest) of candidates in the round's tally; the first listed on a tie. */
function most(round: Round, candidates: readonly CandidateIndex[], beats: (a: Rational, b: Rational) => boolean): CandidateIndex | undefined {
  const votes = (c: CandidateIndex): Rational => round.tally.get(c) as Rational;
  return candidates.reduce<CandidateIndex | undefined>((best, c) => (best === undefined || beats(votes(c), votes(best)) ? c : best), undefined);
}
