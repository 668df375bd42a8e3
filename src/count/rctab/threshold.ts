/**
 * RCTab's winning thresholds.
 *
 * Source: RCTab's config file documentation, "nonIntegerWinningThreshold" and "hareQuota": with V the votes
 * (of the current round for a single winner, of the first round for several seats), S the seats and d the
 * decimal places, the threshold is floor(V/(S+1)) + 1, or V/(S+1) + 10^-d when non-integer; S+1 becomes S
 * with the Hare quota. Bottoms-up by percentage: V × percentage / 100 (V of the current round, or of the
 * first when the first round determines the threshold).
 */
import { Decimal } from './decimal.ts';
import type { RctabRules } from './rules.ts';

export function winningThreshold(votes: Decimal, seats: number, rules: RctabRules): Decimal {
  const places = rules.decimalPlacesForVoteArithmetic;
  const divisor = Decimal.int(rules.hareQuota ? seats : seats + 1);
  if (rules.nonIntegerWinningThreshold) return votes.div(divisor, places, 'down').add(Decimal.of(1n, places));
  return votes.div(divisor, 0, 'down').add(Decimal.ONE);
}

/** V × p / 100, with p / 100 exact (as BigDecimal.divide gives it: "15" → 0.15). */
export function percentageThreshold(votes: Decimal, percentage: Decimal): Decimal {
  const share = percentage.div(Decimal.int(100), percentage.scale + 2, 'down').stripTrailingZeros();
  return votes.mul(share);
}
