/**
 * An STV margin estimate for the last seat: the swing between the last candidate elected and the
 * runner-up, in the round the last seat was filled. Moving one ballot from the one to the other narrows
 * their gap by up to two votes (less once transfer values are below 1), so ⌊gap/2⌋ + 1 ballots is the
 * swing that would reverse their order in that round. It is an estimate, not a margin: changes to earlier
 * rounds' surpluses and exclusions can cost fewer or more ballots (Blom, Ek, Stuckey, Teague & Vukcevic,
 * "Efficient lower bounding of STV election margins", 2025, discuss why exact STV margins are hard).
 */
import type { Rational } from '../count/arithmetic.ts';
import type { CandidateIndex } from '../count/ballots.ts';
import type { CountResult } from '../count/types.ts';

export interface LastSeatEstimate {
  readonly lastElected: CandidateIndex;
  readonly runnerUp: CandidateIndex;
  /** 1-based round in which the last seat was filled, whose tallies are compared. */
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
  const round = result.rounds.find((r) => r.elected.includes(lastElected)) ?? result.rounds[result.rounds.length - 1];
  if (round === undefined) return undefined;
  const tallyOf = (c: CandidateIndex): Rational | undefined => round.tally.get(c);
  const losers = [...round.tally.keys()].filter((c) => !result.winners.includes(c));
  const runnerUp = losers.reduce<CandidateIndex | undefined>((best, c) => (best === undefined || (tallyOf(c) as Rational).gt(tallyOf(best) as Rational) ? c : best), undefined);
  const lastVotes = tallyOf(lastElected);
  if (runnerUp === undefined || lastVotes === undefined) return undefined;
  const gap = lastVotes.sub(tallyOf(runnerUp) as Rational);
  // ⌊gap/2⌋ for a non-negative fraction num/den is num / (2·den) in bigint division.
  return { lastElected, runnerUp, round: round.round, gap, ballots: gap.num / (2n * gap.den) + 1n };
}
