/**
 * The tabulation rules of RCTab (the Universal RCV Tabulator), as its contest config names them, and the
 * ballots it counts. The config module (formats/rctab/config.ts) validates a config and produces these.
 *
 * Source: RCTab's config file documentation ("rules": winnerElectionMode, tiebreakMode, overvoteRule,
 * maxSkippedRanksAllowed, maxRankingsAllowed, exhaustOnDuplicateCandidate, batchElimination,
 * continueUntilTwoCandidatesRemain, decimalPlacesForVoteArithmetic, hareQuota, nonIntegerWinningThreshold,
 * doesFirstRoundDetermineThreshold, minimumVoteThreshold, stopTabulationEarlyAfterRound,
 * multiSeatBottomsUpPercentageThreshold) and its user guide's "Winning Rules" and "Voter Error Rules".
 */
import type { Decimal } from './decimal.ts';
import type { SliceKey } from './slices.ts';

export type WinnerElectionMode =
  | 'singleWinnerMajority'
  | 'multiWinnerAllowOnlyOneWinnerPerRound'
  | 'multiWinnerAllowMultipleWinnersPerRound'
  | 'bottomsUp'
  | 'bottomsUpUsingPercentageThreshold'
  | 'multiPassIrv';

export type TiebreakMode =
  | 'random'
  | 'stopCountingAndAsk'
  | 'previousRoundCountsThenRandom'
  | 'previousRoundCountsThenAsk'
  | 'useCandidateOrder'
  | 'generatePermutation';

export type OvervoteRule = 'alwaysSkipToNextRank' | 'exhaustImmediately' | 'exhaustIfMultipleContinuing';

export interface RctabRules {
  readonly winnerElectionMode: WinnerElectionMode;
  /** Seats; 0 only with bottoms-up by percentage threshold. */
  readonly numberOfWinners: number;
  readonly tiebreakMode: TiebreakMode;
  /** java.util.Random seed, for the random tie-break modes. */
  readonly randomSeed?: bigint;
  readonly overvoteRule: OvervoteRule;
  /** Consecutive skipped ranks allowed before a ballot is inactive; undefined = unlimited. */
  readonly maxSkippedRanksAllowed?: number;
  /** Ranks read from each ballot; undefined = as many as there are candidates ("max"). */
  readonly maxRankingsAllowed?: number;
  readonly exhaustOnDuplicateCandidate: boolean;
  readonly batchElimination: boolean;
  readonly continueUntilTwoCandidatesRemain: boolean;
  /** Bottoms-up by percentage: eliminate every candidate below the threshold at once. */
  readonly cutoffElimination: boolean;
  readonly doesFirstRoundDetermineThreshold: boolean;
  readonly nonIntegerWinningThreshold: boolean;
  readonly hareQuota: boolean;
  readonly decimalPlacesForVoteArithmetic: number;
  /** Candidates with fewer first-round votes are eliminated at once. */
  readonly minimumVoteThreshold: bigint;
  readonly stopTabulationEarlyAfterRound?: number;
  /** Bottoms-up by percentage: the share (in percent) every winner must reach. */
  readonly multiSeatBottomsUpPercentageThreshold?: Decimal;
}

/** A candidate of the count: config candidates first (in config order), then undeclared write-ins. */
export interface RctabCandidate {
  readonly name: string;
  /** The candidate's code in the config, used to order the generated permutation. */
  readonly code?: string;
  readonly excluded: boolean;
  /** The pseudo-candidate standing for every undeclared write-in: never wins, eliminated first. */
  readonly undeclaredWriteIn?: boolean;
}

/** Candidates marked at one rank; OVERVOTE_LABEL stands for the CVR's explicit overvote label. */
export interface RctabRank {
  readonly rank: number;
  readonly candidates: readonly number[];
}

export const OVERVOTE_LABEL = -1;

/** A group of identical ballots. */
export interface RctabBallot {
  readonly ranks: readonly RctabRank[];
  readonly weight: bigint;
  /** The precinct and batch the ballots belong to, when results by precinct or batch are wanted. */
  readonly slices?: readonly SliceKey[];
  /** The CVR ids of the group's ballots, when the count is to say how each ballot counted in each round. */
  readonly ids?: readonly string[];
}

export const UNDECLARED_WRITE_INS = 'Undeclared Write-ins';
