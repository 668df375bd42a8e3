/**
 * java.util.Random, bit for bit, so that RCTab's seeded tie-breaks choose exactly as RCTab does.
 *
 * Source: the Java SE API specification of java.util.Random, which fixes the algorithm: a 48-bit linear
 * congruential generator (multiplier 0x5DEECE66D, addend 0xB, seed scrambled with the multiplier), `next(bits)`
 * taking the high bits, `nextDouble()` = ((next(26) << 27) + next(27)) × 2^-53, `nextInt(bound)` with its
 * rejection loop; and of Collections.shuffle(list, rnd), which swaps each position i (from the last down to 1)
 * with position rnd.nextInt(i + 1). RCTab's configuration documentation says how it uses them: a Random
 * built from the config's seed, and for a tie the candidates sorted, then index
 * floor(nextDouble() × number tied).
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

export class JavaRandom {
  private seed: bigint;

  constructor(seed: bigint) {
    this.seed = (seed ^ MULTIPLIER) & MASK;
  }

  /** The next `bits` random bits as Java's (signed, 32-bit) int. */
  private next(bits: number): bigint {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return BigInt.asIntN(32, this.seed >> BigInt(48 - bits));
  }

  /** nextDouble() as the exact 53-bit integer k with nextDouble() = k / 2^53. */
  nextDoubleUnits(): bigint {
    return (this.next(26) << 27n) + this.next(27);
  }

  /**
   * floor(nextDouble() × size) as Java computes it: the product of two doubles is rounded to the nearest
   * double (53 significant bits, ties to even) before the floor, which we reproduce with integers.
   */
  nextIndex(size: number): number {
    const product = roundToDoublePrecision(this.nextDoubleUnits() * BigInt(size));
    return Number(product >> 53n);
  }

  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0) throw new RangeError('bound must be positive');
    const b = BigInt(bound);
    if ((bound & -bound) === bound) return Number((b * this.next(31)) >> 31n);
    for (;;) {
      const bits = this.next(31);
      const val = bits % b;
      // Java rejects draws where bits - val + (bound - 1) overflows a 32-bit int.
      if (bits - val + (b - 1n) <= 0x7fffffffn) return Number(val);
    }
  }
}

/** Rounds a non-negative integer to 53 significant bits, ties to even (IEEE double multiplication). */
function roundToDoublePrecision(n: bigint): bigint {
  const bits = n.toString(2).length;
  if (bits <= 53) return n;
  const drop = BigInt(bits - 53);
  const unit = 1n << drop;
  const kept = n >> drop;
  const rest = n - (kept << drop);
  const half = unit >> 1n;
  const up = rest > half || (rest === half && (kept & 1n) === 1n);
  return (up ? kept + 1n : kept) << drop;
}

/** Collections.shuffle(list, random): a new array in the shuffled order. */
export function javaShuffle<T>(items: readonly T[], random: JavaRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
