/**
 * The order in which Java's java.util.HashMap (and HashSet) lists string keys. RCTab builds some of its
 * output by iterating such maps (the precinct units of its CDF export, for one), so matching its files
 * means listing keys as that map would: by bucket (the key's String.hashCode, its high bits spread over the
 * low ones, masked by the table size), and within a bucket in order of insertion.
 */

/** `items` (with distinct keys, in order of insertion) as a HashMap holding them by `key` iterates them. */
export function javaHashMapOrder<T>(items: readonly T[], key: (item: T) => string): T[] {
  const mask = hashCapacity(items.length) - 1;
  return items
    .map((item, inserted) => ({ item, inserted, bucket: spreadHash(key(item)) & mask }))
    .sort((a, b) => a.bucket - b.bucket || a.inserted - b.inserted)
    .map(({ item }) => item);
}

/** Table size of a java.util.HashMap grown to hold n entries (load factor 0.75, from 16). */
function hashCapacity(n: number): number {
  let capacity = 16;
  while (n * 4 > capacity * 3) capacity *= 2;
  return capacity;
}

/** String.hashCode with HashMap's spreading of the high bits (h ^ h >>> 16). */
function spreadHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h ^ (h >>> 16);
}
