// The RCTab rules the hand-worked and the property tests start from, each overriding what it tests.
import type { RctabRules } from '../../../src/count/rctab/rules.ts';

/** One winner by majority, ties by candidate order, an overvote exhausts its ballot, every option off. */
export const PLAIN_RULES: RctabRules = {
  winnerElectionMode: 'singleWinnerMajority',
  numberOfWinners: 1,
  tiebreakMode: 'useCandidateOrder',
  overvoteRule: 'exhaustImmediately',
  exhaustOnDuplicateCandidate: false,
  batchElimination: false,
  continueUntilTwoCandidatesRemain: false,
  cutoffElimination: false,
  doesFirstRoundDetermineThreshold: false,
  nonIntegerWinningThreshold: false,
  hareQuota: false,
  decimalPlacesForVoteArithmetic: 4,
  minimumVoteThreshold: 0n,
};
