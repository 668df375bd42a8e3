/**
 * What every counting rule returns: the rounds of the count and the winners, in exact numbers. The CLI's
 * `--json` output, the table printer, the service's published results and the analysis all read this.
 */
import type { Rational } from './arithmetic.ts';
import type { CandidateIndex } from './ballots.ts';

export type TieBreakMode = 'backwards' | 'forwards' | 'lot';

export interface TieBreakOptions {
  /** How ties are broken before falling back to lot. Default: backwards, then lot. */
  readonly mode: TieBreakMode;
  /** Seed of the reproducible lot (see tiebreak.ts). Default "rollover". */
  readonly seed: string;
  /** The contest's declared tie order (Contest.tieOrder), which takes the place of the lot when given. */
  readonly order?: readonly CandidateIndex[];
}

export const DEFAULT_TIEBREAK: TieBreakOptions = { mode: 'backwards', seed: 'rollover' };

/** A tie that had to be broken, and how, so that reports can say so. */
export interface TieBreakRecord {
  readonly tied: readonly CandidateIndex[];
  readonly chosen: CandidateIndex;
  readonly how: 'backwards' | 'forwards' | 'order' | 'lot';
  /** Round whose tallies broke the tie (for backwards/forwards). */
  readonly round?: number;
}

/** The ballots that moved at the end of a round: whose votes, to whom, and how many became exhausted. */
export interface Transfer {
  readonly kind: 'surplus' | 'exclusion';
  readonly from: readonly CandidateIndex[];
  /** Votes received by each candidate (only candidates that received any). */
  readonly to: ReadonlyMap<CandidateIndex, Rational>;
  /** Votes that had no further continuing preference. */
  readonly exhausted: Rational;
  /** Transfer value applied (surplus transfers under rules with a single value per transfer). */
  readonly value?: Rational;
}

export interface Round {
  /** 1-based. */
  readonly round: number;
  /**
   * Votes of every candidate still in the count at the start of this round: hopeful candidates and
   * elected ones at the value they keep. Excluded (and withdrawn) candidates are absent.
   */
  readonly tally: ReadonlyMap<CandidateIndex, Rational>;
  /** Votes exhausted (non-transferable) so far, cumulative. */
  readonly exhausted: Rational;
  /** Votes lost to truncation of fractions so far, cumulative (zero for exact rules). */
  readonly loss: Rational;
  /** The quota, or for IRV the votes needed for a majority of continuing votes. */
  readonly threshold: Rational;
  /** Candidates elected in this round, in order of election. */
  readonly elected: readonly CandidateIndex[];
  /** Candidates excluded in this round. */
  readonly excluded: readonly CandidateIndex[];
  /** The transfer made at the end of this round, whose result is the next round's tally. */
  readonly transfer?: Transfer;
  readonly tieBreaks?: readonly TieBreakRecord[];
  /** Rule-specific explanation (e.g. Meek keep factors, "surplus deferred"). */
  readonly notes?: readonly string[];
}

export interface CountResult {
  readonly method: 'irv' | 'stv' | 'college';
  readonly rules: string;
  readonly seats: number;
  readonly candidates: readonly string[];
  /** Decimal places used to show values (the rule's precision). */
  readonly places: number;
  /** Valid votes at the start of the count. */
  readonly validVotes: Rational;
  readonly quota?: Rational;
  /** Winners in order of election. */
  readonly winners: readonly CandidateIndex[];
  readonly rounds: readonly Round[];
  readonly notes?: readonly string[];
}
