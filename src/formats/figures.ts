/**
 * A count's figures as people read them, in the terminal's stage sheet and on the web pages alike: votes
 * at the count's exact value with thousands separated, never rounded up; shares, which only describe those
 * figures, rounded to the nearest hundredth of a percent.
 */
import { formatUnits, Rational } from '../count/arithmetic.ts';

/** A number of votes with thousands separated, e.g. "12,345.67000". */
export function votes(v: Rational, places: number): string {
  const text = v.toFixed(places);
  const negative = text.startsWith('-');
  const [whole = '', frac] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** A whole number with thousands separated, e.g. a count of ballots: "12,345". */
export function whole(n: bigint | number): string {
  return votes(Rational.of(n), 0);
}

const HUNDREDTHS_OF_A_PERCENT = Rational.of(100n * 100n);
const HALF = Rational.of(1n, 2n);

/**
 * Percentage of `total` to two places, rounded to the nearest, a half up, in exact arithmetic. Truncated,
 * a two-way split of 51.515…% and 48.484…% printed as 51.51% and 48.48%, which sum to 99.99%.
 */
export function share(v: Rational, total: Rational): string {
  if (total.isZero()) return '';
  const units = v.mul(HUNDREDTHS_OF_A_PERCENT).div(total).add(HALF).floor();
  return `${formatUnits(units, 2)}%`;
}
