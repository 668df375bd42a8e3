/**
 * Generic WIGM: single transferable vote by the weighted inclusive Gregory method, the parametric rule that
 * Droop (J. Lundell's reference STV program, rule "wigm", documented in its DroopRules.md and the rule's
 * help text) calls "Generic Weighted Inclusive Gregory Method".
 *
 * - Quota: votes ÷ (seats + 1). In exact arithmetic a candidate must EXCEED it; in fixed-point arithmetic
 *   the quotient is truncated and one unit of the last place added, and reaching it is enough. With the
 *   integer-quota option it is the whole-number Droop quota floor(votes ÷ (seats + 1)) + 1.
 * - Each stage elects everyone with the quota, then transfers the largest waiting surplus (every paper of
 *   the candidate, at value × surplus ÷ votes), or, with none waiting, excludes the candidate with the
 *   fewest votes. With the zero-batch option, when the fewest is no votes at all, every candidate with no
 *   votes is excluded together.
 * - When the continuing candidates are no more than the vacancies they are elected without transfer.
 *
 * Arithmetic is exact (rational, the registered default) or fixed-point decimal with a chosen number of
 * places, where a transfer value is truncated once, after the division. Ties use the count's tie-break
 * options (default: backwards, then the seeded lot).
 */
import { FixedPoint, Rational } from '../arithmetic.ts';
import type { Contest } from '../ballots.ts';
import type { Rule, RuleOptions } from '../index.ts';
import type { CountResult } from '../types.ts';
import { countGregory, fixedVotes, rationalVotes, type GregoryRules } from './gregory.ts';

export interface WigmOptions {
  /** "rational" (exact) or a number of decimal places for fixed-point arithmetic. */
  readonly arithmetic: 'rational' | { readonly fixedPlaces: number };
  /** Use the whole-number Droop quota floor(votes ÷ (seats + 1)) + 1. */
  readonly integerQuota: boolean;
  /** Exclude every candidate with no votes at once when the lowest has none. */
  readonly excludeZeroBatch: boolean;
}

export const DEFAULT_WIGM: WigmOptions = { arithmetic: 'rational', integerQuota: false, excludeZeroBatch: false };

/** Places shown for exact values (they are held exactly; this is only how reports print them). */
const RATIONAL_PLACES = 12;

export function countWigm(contest: Contest, options: RuleOptions, wigm: WigmOptions = DEFAULT_WIGM): CountResult {
  const whole = (valid: bigint, seats: number): bigint => valid / BigInt(seats + 1) + 1n;
  const common = { name: 'wigm', excludeZeroBatch: wigm.excludeZeroBatch };
  if (wigm.arithmetic === 'rational') {
    const rules: GregoryRules<Rational> = {
      ...common,
      arithmetic: rationalVotes(RATIONAL_PLACES),
      quota: (valid, seats) => (wigm.integerQuota ? Rational.of(whole(valid, seats)) : Rational.of(valid, seats + 1)),
      electWhen: 'exceed',
    };
    return countGregory(contest, options, rules);
  }
  const places = wigm.arithmetic.fixedPlaces;
  const fixed = new FixedPoint(places);
  const rules: GregoryRules<bigint> = {
    ...common,
    arithmetic: fixedVotes(places),
    // valid ÷ (seats + 1) truncated, plus one unit of the last place, so that reaching it is more than a share.
    quota: (valid, seats) => (wigm.integerQuota ? fixed.fromInt(whole(valid, seats)) : fixed.div(fixed.fromInt(valid), fixed.fromInt(seats + 1)) + 1n),
    electWhen: 'reach',
  };
  return countGregory(contest, options, rules);
}

export const WIGM_RULE: Rule = {
  name: 'wigm',
  method: 'stv',
  summary: 'generic weighted inclusive Gregory (as Droop\'s "wigm"): exact quota votes/(seats+1), exact arithmetic',
  allowsEqualRanks: false,
  count: (contest, options) => countWigm(contest, options),
};
