/**
 * Exact numbers for counting. No count ever uses floating point.
 *
 * - `Rational`: exact fractions of bigints, used for reporting every round and by rules that count in
 *   exact rational arithmetic (Meek, rational mode).
 * - `FixedPoint`: decimal fixed point held as scaled bigints ("units"), used by rules that prescribe a
 *   number of decimal places and truncation (Scottish STV: 5 places). Truncation is toward zero, which for
 *   the non-negative values of a count is "rounding down" as the rules say.
 */

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** Numerator and denominator in lowest terms; the denominator is always positive. */
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('Rational with zero denominator');
    if (d < 0n) [n, d] = [-n, -d];
    if (d === 1n) return new Rational(n, 1n);
    const g = gcd(n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /** Parses "12", "-3.25", "1/3". Returns undefined when the text is not such a number. */
  static parse(text: string): Rational | undefined {
    const t = text.trim();
    const frac = /^(-?\d+)\/(\d+)$/.exec(t);
    if (frac) return frac[2] === undefined || /^0+$/.test(frac[2]) ? undefined : Rational.of(BigInt(frac[1] ?? '0'), BigInt(frac[2]));
    const dec = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
    if (!dec) return undefined;
    const digits = dec[3] ?? '';
    const n = BigInt(`${dec[2] ?? '0'}${digits}`);
    return Rational.of(dec[1] === '-' ? -n : n, 10n ** BigInt(digits.length));
  }

  /** The exact value of `units` in a fixed point with `places` decimal places. */
  static fromUnits(units: bigint, places: number): Rational {
    return Rational.of(units, 10n ** BigInt(places));
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return this.add(o.neg());
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  cmp(o: Rational): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }

  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  /** The largest integer not above this value. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Truncated (toward zero) to `places` decimal places, as units of 10^-places. */
  toUnits(places: number): bigint {
    return (this.num * 10n ** BigInt(places)) / this.den;
  }

  /**
   * Decimal text with exactly `places` places. Values that need more places are truncated toward zero:
   * reports show what the count held, never a value rounded up.
   */
  toFixed(places: number): string {
    return formatUnits(this.toUnits(places), places);
  }

  /** Shortest exact decimal if there is one within `maxPlaces` places, else truncated to `maxPlaces`. */
  toDecimal(maxPlaces = 12): string {
    for (let p = 0; p <= maxPlaces; p++) {
      const scale = 10n ** BigInt(p);
      if ((this.num * scale) % this.den === 0n) return this.toFixed(p);
    }
    return this.toFixed(maxPlaces);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

/** Decimal text of a scaled integer: formatUnits(123456n, 5) === "1.23456". */
export function formatUnits(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${frac}` : ''}`;
}

export function sumRationals(values: Iterable<Rational>): Rational {
  let total = Rational.ZERO;
  for (const v of values) total = total.add(v);
  return total;
}

/**
 * Fixed-point decimal arithmetic with a set number of places, on scaled bigints. Multiplication and
 * division truncate (round down), as rules such as the Scottish Order prescribe.
 */
export class FixedPoint {
  readonly places: number;
  /** 10^places: the number of units in one vote. */
  readonly scale: bigint;

  constructor(places: number) {
    if (!Number.isInteger(places) || places < 0) throw new RangeError(`bad number of decimal places: ${places}`);
    this.places = places;
    this.scale = 10n ** BigInt(places);
  }

  fromInt(n: bigint | number): bigint {
    return BigInt(n) * this.scale;
  }

  /** a × b, truncated. */
  mul(a: bigint, b: bigint): bigint {
    return (a * b) / this.scale;
  }

  /** a ÷ b, truncated. */
  div(a: bigint, b: bigint): bigint {
    if (b === 0n) throw new RangeError('division by zero');
    return (a * this.scale) / b;
  }

  /** a × b ÷ c with a single truncation at the end. */
  mulDiv(a: bigint, b: bigint, c: bigint): bigint {
    if (c === 0n) throw new RangeError('division by zero');
    return (a * b) / c;
  }

  toRational(units: bigint): Rational {
    return Rational.fromUnits(units, this.places);
  }

  format(units: bigint): string {
    return formatUnits(units, this.places);
  }
}
