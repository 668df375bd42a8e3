/**
 * The three kinds of arithmetic Meek's method is counted in, each exactly as its source prescribes.
 *
 * Meek's iteration never converges exactly, so every implementation states its arithmetic: how a ballot's
 * weight is split into the part a candidate keeps and the part passed on, how keep factors are rounded, how
 * the quota is formed and what "has a quota" means. Getting any of these wrong changes the figures in the
 * last places, and occasionally who is excluded. The three variants here are the ones Droop's reference
 * reports use (/work/shared/data/droop/ref/report):
 *
 * - `fixed`: PR Foundation Reference Meek Rule (prfound.org, "Reference Meek Rule"; Droop `meek-prf`):
 *   9 decimal places. Keep values are w × kf rounded UP (B.2.a), the quota is votes/(seats+1) truncated
 *   plus 10^-9 (B.2.b), a candidate is elected with votes ≥ quota (B.2.c), new keep factors are
 *   kf × quota rounded up, divided by votes rounded up (B.2.f).
 * - `rational`: Droop's generic Meek rule in exact rational arithmetic: quota exactly votes/(seats+1),
 *   elected with votes > quota, keep = w × kf and passed on = w × (1 − kf) (Hill, Wichmann & Woodall,
 *   Algorithm 123, Computer Journal 30(3), 1987).
 * - `guarded`: the same generic rule in Droop's guarded arithmetic: 18 + 9 guard decimal places, every
 *   product and quotient truncated, and two values equal when they differ by less than half a unit of
 *   the 18th place (Droop, GuardedArithmetic.md).
 *
 * Values of type T are `Rational` for the exact variant and scaled bigints ("units") for the other two.
 */
import { Rational } from '../arithmetic.ts';

export interface MeekArithmetic<T> {
  /** Decimal places shown in reports. */
  readonly places: number;
  readonly zero: T;
  readonly one: T;
  /** The iteration stops when the total surplus is below (or, where `omegaInclusive`, at most) omega. */
  readonly omega: T;
  readonly omegaInclusive: boolean;
  fromInt(n: bigint): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  /** a × n for a whole number n (exact in every variant). */
  times(a: T, n: bigint): T;
  /** a ÷ n for a whole number n: splits a weight between candidates ranked equal. */
  share(a: T, n: bigint): T;
  /** The part of weight w a candidate with keep factor kf keeps, and the part passed on. */
  split(w: T, kf: T): { keep: T; rest: T };
  quota(votes: T, seats: number): T;
  hasQuota(vote: T, quota: T): boolean;
  nextKeepFactor(kf: T, quota: T, vote: T): T;
  /** Comparison as the variant defines it (guarded values within the guard are equal). */
  cmp(a: T, b: T): number;
  isZero(a: T): boolean;
  toRational(a: T): Rational;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : q + 1n;
}

/** PR Foundation Reference Meek Rule: 9-place fixed point, rounding up where the rule says. */
export function prfFixed(): MeekArithmetic<bigint> {
  const places = 9;
  const scale = 10n ** BigInt(places);
  return {
    places,
    zero: 0n,
    one: scale,
    omega: scale / 10n ** 6n, // A: omega = 0.000001
    omegaInclusive: false, // B.2.e: "less than omega"
    fromInt: (n) => n * scale,
    add: (a, b) => a + b,
    sub: (a, b) => a - b,
    times: (a, n) => a * n,
    share: (a, n) => a / n,
    split: (w, kf) => {
      const keep = ceilDiv(w * kf, scale); // B.2.a: "to 9 decimal places, rounded up"
      return { keep, rest: w - keep };
    },
    quota: (votes, seats) => votes / BigInt(seats + 1) + 1n, // B.2.b: truncated, plus 0.000000001
    hasQuota: (vote, quota) => vote >= quota, // B.2.c
    // B.2.f: kf × q rounded up, then divided by v rounded up.
    nextKeepFactor: (kf, quota, vote) => ceilDiv(ceilDiv(kf * quota, scale) * scale, vote),
    cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    isZero: (a) => a === 0n,
    toRational: (a) => Rational.fromUnits(a, places),
  };
}

/** Droop's generic Meek rule in exact rationals, omega 10^-10. */
export function exactRational(): MeekArithmetic<Rational> {
  return {
    places: 12,
    zero: Rational.ZERO,
    one: Rational.ONE,
    omega: Rational.of(1n, 10n ** 10n),
    omegaInclusive: true,
    fromInt: (n) => Rational.of(n),
    add: (a, b) => a.add(b),
    sub: (a, b) => a.sub(b),
    times: (a, n) => a.mul(Rational.of(n)),
    share: (a, n) => a.div(Rational.of(n)),
    split: (w, kf) => ({ keep: w.mul(kf), rest: w.mul(Rational.ONE.sub(kf)) }),
    quota: (votes, seats) => votes.div(Rational.of(seats + 1)),
    // With an exact quota a candidate must exceed it: votes equal to the quota do not leave room for
    // as many quotas as seats plus one (Lundell & Hill, Voting matters 24).
    hasQuota: (vote, quota) => vote.gt(quota),
    nextKeepFactor: (kf, quota, vote) => kf.mul(quota).div(vote),
    cmp: (a, b) => a.cmp(b),
    isZero: (a) => a.isZero(),
    toRational: (a) => a,
  };
}

/** Droop's generic Meek rule in guarded arithmetic: 18 places plus 9 guard digits, omega 10^-9. */
export function guardedFixed(): MeekArithmetic<bigint> {
  const precision = 18;
  const guard = 9;
  const digits = precision + guard;
  const scale = 10n ** BigInt(digits);
  // Values closer than half a unit of the last shown place compare equal; the guard digits absorb the
  // truncation errors that pile up over thousands of products.
  const geps = 10n ** BigInt(guard) / 2n;
  const cmp = (a: bigint, b: bigint): number => {
    const d = a - b;
    if (d < geps && d > -geps) return 0;
    return d > 0n ? 1 : -1;
  };
  return {
    places: precision,
    zero: 0n,
    one: scale,
    omega: scale / 10n ** 9n,
    omegaInclusive: true,
    fromInt: (n) => n * scale,
    add: (a, b) => a + b,
    sub: (a, b) => a - b,
    times: (a, n) => a * n,
    share: (a, n) => a / n,
    split: (w, kf) => ({ keep: (w * kf) / scale, rest: (w * (scale - kf)) / scale }),
    quota: (votes, seats) => votes / BigInt(seats + 1),
    hasQuota: (vote, quota) => cmp(vote, quota) > 0,
    nextKeepFactor: (kf, quota, vote) => (((kf * quota) / scale) * scale) / vote,
    cmp,
    isZero: (a) => a === 0n,
    toRational: (a) => Rational.fromUnits(a, digits),
  };
}
