/**
 * Decimal numbers that behave like the ones RCTab counts with (java.math.BigDecimal): an exact bigint
 * "unscaled" value and a scale (number of decimal places). RCTab's reports print each number with the scale
 * its arithmetic produced ("9452" before any fractional transfer, "9452.0000" after ballots worth 0.0000
 * joined the pile), so to give the same report we keep the same scales:
 *
 * - a + b and a − b have the larger of the two scales;
 * - a × b has the sum of the scales;
 * - a ÷ b is only ever asked for at a stated scale, rounding down (toward zero) or half-up.
 *
 * Source: the Java SE API specification of java.math.BigDecimal (add, subtract, multiply, divide(divisor,
 * scale, roundingMode), setScale, compareTo, toPlainString).
 */
export type Rounding = 'down' | 'halfUp';

export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  readonly unscaled: bigint;
  readonly scale: number;

  private constructor(unscaled: bigint, scale: number) {
    this.unscaled = unscaled;
    this.scale = scale;
  }

  static of(unscaled: bigint, scale = 0): Decimal {
    if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`bad decimal scale ${scale}`);
    return new Decimal(unscaled, scale);
  }

  static int(n: bigint | number): Decimal {
    return new Decimal(BigInt(n), 0);
  }

  /** Parses "12", "-3.25" keeping the written scale (as `new BigDecimal(text)` does). */
  static parse(text: string): Decimal | undefined {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!m) return undefined;
    const frac = m[3] ?? '';
    const n = BigInt(`${m[2] ?? '0'}${frac}`);
    return new Decimal(m[1] === '-' ? -n : n, frac.length);
  }

  /** This value's unscaled integer at a larger scale (exact). */
  private at(scale: number): bigint {
    return scale === this.scale ? this.unscaled : this.unscaled * 10n ** BigInt(scale - this.scale);
  }

  add(o: Decimal): Decimal {
    if (o.unscaled === 0n && o.scale <= this.scale) return this;
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.at(s) + o.at(s), s);
  }

  sub(o: Decimal): Decimal {
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.at(s) - o.at(s), s);
  }

  mul(o: Decimal): Decimal {
    if (o.scale === 0 && o.unscaled === 1n) return this;
    if (this.scale === 0 && this.unscaled === 1n) return o;
    return new Decimal(this.unscaled * o.unscaled, this.scale + o.scale);
  }

  /** this ÷ divisor with exactly `scale` places. */
  div(divisor: Decimal, scale: number, rounding: Rounding): Decimal {
    if (divisor.unscaled === 0n) throw new RangeError('division by zero');
    // this/divisor = (u1 / 10^s1) / (u2 / 10^s2); scaled by 10^scale.
    let num = this.unscaled * 10n ** BigInt(scale + divisor.scale);
    let den = divisor.unscaled * 10n ** BigInt(this.scale);
    if (den < 0n) [num, den] = [-num, -den];
    return new Decimal(roundQuotient(num, den, rounding), scale);
  }

  setScale(scale: number, rounding: Rounding): Decimal {
    if (scale >= this.scale) return new Decimal(this.at(scale), scale);
    return new Decimal(roundQuotient(this.unscaled, 10n ** BigInt(this.scale - scale), rounding), scale);
  }

  cmp(o: Decimal): number {
    const s = Math.max(this.scale, o.scale);
    const a = this.at(s);
    const b = o.at(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  lt(o: Decimal): boolean {
    return this.cmp(o) < 0;
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  signum(): number {
    return this.unscaled < 0n ? -1 : this.unscaled > 0n ? 1 : 0;
  }

  /** Largest integer not above this value. */
  floor(): bigint {
    const d = 10n ** BigInt(this.scale);
    const q = this.unscaled / d;
    return this.unscaled < 0n && q * d !== this.unscaled ? q - 1n : q;
  }

  /** The value with trailing zeros of the fraction dropped ("7.2500" → "7.25", "8.0000" → "8"). */
  stripTrailingZeros(): Decimal {
    let u = this.unscaled;
    let s = this.scale;
    while (s > 0 && u % 10n === 0n) {
      u /= 10n;
      s -= 1;
    }
    return new Decimal(u, s);
  }

  /** Plain decimal text with the value's own scale, as toPlainString. */
  toString(): string {
    // Reports print thousands of whole-number tallies: skip the padding and slicing for them.
    if (this.scale === 0) return this.unscaled.toString();
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const frac = digits.slice(digits.length - this.scale);
    return `${negative ? '-' : ''}${whole}${this.scale > 0 ? `.${frac}` : ''}`;
  }
}

export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = Decimal.ZERO;
  for (const v of values) total = total.add(v);
  return total;
}

function roundQuotient(num: bigint, den: bigint, rounding: Rounding): bigint {
  const q = num / den; // truncates toward zero
  if (rounding === 'down') return q;
  const r = num - q * den;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < den) return q;
  return num < 0n ? q - 1n : q + 1n;
}
