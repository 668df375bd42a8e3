/**
 * What an RCTab count produces, round by round, in RCTab's own terms: the tally, the threshold, the
 * inactive ballots by reason, and the results of the round (who was elected or eliminated, and where
 * their ballots went).
 */
import type { InactiveReason } from './choice.ts';
import type { Decimal } from './decimal.ts';
import type { RctabCandidate } from './rules.ts';
import type { SliceRound, SliceTotals } from './slices.ts';

/** Where transferred votes went: a candidate, or "exhausted" (inactive for any reason). */
export type TransferTarget = number | 'exhausted';

export interface TallyResult {
  readonly kind: 'elected' | 'eliminated';
  readonly candidate: number;
  /** Chosen by the tie-break (reports mark it with an asterisk). */
  readonly tie: boolean;
  /** Filled in when the next round is tallied; empty when the count stopped first. */
  readonly transfers: Map<TransferTarget, Decimal>;
  /** Surplus that the rounding of transfer values left with no ballot (multi-winner). */
  residual?: Decimal;
}

export interface RctabRound {
  readonly round: number;
  /** Votes of every candidate still in the count, and of earlier winners (multi-winner). */
  readonly tally: ReadonlyMap<number, Decimal>;
  readonly threshold: Decimal;
  /** The votes the threshold was computed from: reports give each tally as a share of them. */
  readonly thresholdVotes: Decimal;
  /** Inactive ballots so far, by reason. */
  readonly inactive: Readonly<Record<InactiveReason, Decimal>>;
  /** Residual surplus so far (multi-winner), before this round's transfers. */
  readonly residualSurplus: Decimal;
  /** Multi-winner: surplus of the last winners that no continuing candidate could take. */
  finalRoundSurplus?: Decimal;
  readonly results: TallyResult[];
  /** The round seen from each precinct or batch (by slice id), when ballots carry slices. */
  readonly slices: ReadonlyMap<string, SliceRound>;
}

/** Where a ballot stood after a round's tally: with a candidate (at its value), or inactive. */
export type BallotStep =
  | { readonly candidate: number; readonly value: Decimal }
  | { readonly inactive: InactiveReason }
  /** After the last seats are filled: a winner's surplus on this ballot, which no one could take. */
  | { readonly finalSurplus: Decimal };

/** The rounds of the ballots with the given CVR ids (all alike); no steps for an undervote. */
export interface BallotPath {
  readonly ids: readonly string[];
  readonly steps: readonly BallotStep[];
}

export interface RctabCount {
  readonly candidates: readonly RctabCandidate[];
  /** Candidates in this count: all but the winners of earlier passes (multi-pass IRV). */
  readonly numCandidates: number;
  readonly rounds: readonly RctabRound[];
  /** Winners in order of election. */
  readonly winners: readonly number[];
  /** Seats this count fills (1 for each pass of a multi-pass IRV). */
  readonly numWinners: number;
  readonly totalBallots: bigint;
  /** Ballots with no ranking at all. */
  readonly undervotes: bigint;
  /** Ballots and undervotes of each precinct or batch, in order of first appearance. */
  readonly sliceTotals: ReadonlyMap<string, SliceTotals>;
  /** Each identified ballot's path through the rounds (for ballots given with ids). */
  readonly paths: readonly BallotPath[];
}
