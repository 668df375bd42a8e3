/**
 * Scottish STV: the count of the Scottish Local Government Elections Order 2007 (SSI 2007/42), schedule 1,
 * rules 44–52 (https://www.legislation.gov.uk/ssi/2007/42/schedule/1), kept in the 2011 Order that governed
 * the 2017 elections.
 *
 * - Quota (rule 46): valid papers ÷ (seats + 1), ignoring decimals, plus one.
 * - Election (rule 47): a candidate whose votes equal or exceed the quota at any stage is deemed elected.
 * - Surplus (rules 48, 49): at the end of a stage the largest surplus is transferred, one per stage. Every
 *   paper the candidate received moves on with transfer value (surplus × value of the paper when
 *   received) ÷ total votes of the candidate, "the calculation being made to five decimal places (any
 *   remainder being ignored)": the value is truncated PER PAPER, so papers of equal value get equal
 *   transfer values and grouped papers count exactly as single ones. Only a surplus that exceeds the quota
 *   is transferred (48(1)); a candidate with exactly the quota has nothing to pass on.
 * - Equal surpluses (49(2), (3)): the candidate with more votes at the most recent earlier stage at which
 *   they differed goes first; equal at every stage, by lot.
 * - Exclusion (rules 50, 51): with no surplus to transfer, the candidate with the fewest votes is excluded
 *   and all their papers move at the value they carry. Ties: fewest votes at the most recent earlier
 *   stage at which they differed, else by lot.
 * - Last vacancies (rule 52): when the continuing candidates are as many as the vacancies they are deemed
 *   elected, and no further transfer is made.
 *
 * Numbers are five-place decimals (FixedPoint(5) units). Each stage is a Round: its tally is the stage's
 * totals as returned on the official sheets; the transfer that ends it produces the next stage.
 * Ties use the count's tie-break options, whose default (backwards, then lot) is the Order's.
 */
import { FixedPoint } from '../arithmetic.ts';
import type { Contest } from '../ballots.ts';
import type { Rule, RuleOptions } from '../index.ts';
import type { CountResult } from '../types.ts';
import { countGregory, fixedVotes, type GregoryRules } from './gregory.ts';

const PLACES = 5;
const FIVE_PLACES = new FixedPoint(PLACES);

export const SCOTTISH_RULES: GregoryRules<bigint> = {
  name: 'scottish',
  arithmetic: fixedVotes(PLACES),
  quota: (valid, seats) => FIVE_PLACES.fromInt(valid / BigInt(seats + 1) + 1n),
  electWhen: 'reach',
  excludeZeroBatch: false,
};

export function countScottish(contest: Contest, options: RuleOptions): CountResult {
  return countGregory(contest, options, SCOTTISH_RULES);
}

export const SCOTTISH_RULE: Rule = {
  name: 'scottish',
  method: 'stv',
  summary: 'Scottish STV (SSI 2007/42): Droop quota, weighted inclusive Gregory, 5 decimal places truncated',
  allowsEqualRanks: false,
  count: countScottish,
};
