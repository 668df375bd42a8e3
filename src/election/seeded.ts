/**
 * A reproducible stream of bytes (sha256 of seed and counter) for tests and the demo, where the same seed
 * must give the same voters and credentials. Never for a real election: its credentials are predictable.
 */
import { createHash } from 'node:crypto';
import type { RandomBytes } from './credentials.ts';

export function seededRandom(seed: string): RandomBytes {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (size) => {
    while (pool.length < size) {
      pool = Buffer.concat([pool, createHash('sha256').update(`${seed}:${counter++}`).digest()]);
    }
    const out = pool.subarray(0, size);
    pool = pool.subarray(size);
    return new Uint8Array(out);
  };
}

/** A whole number in [0, n) from the stream (n well below 2^32; the tiny modulo bias is harmless here). */
export function seededInt(random: RandomBytes, n: number): number {
  const b = random(4);
  return ((((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0)) % n;
}
