/**
 * Byte strings numbered 0, 1, 2, … in order of first sight, looked up straight from the bytes being read:
 * a hash over the bytes, one probe of an open-addressing table and one comparison, with nothing decoded
 * and nothing allocated. The keys are kept end to end in one growing byte array, so memory follows the
 * distinct keys at one byte a byte, with no object per key for the garbage collector to trace.
 *
 * Hashing and comparing read four bytes at a time (through DataViews, which allow any alignment): a
 * lookup costs about a quarter of the steps of a byte-by-byte loop, and lookups are most of the work of
 * reading a large file.
 *
 * The parsers use it for what repeats: whole CSV rows, the cells naming candidates, and rankings.
 */

const INITIAL_KEYS = 1 << 10;

export class ByteKeys {
  /**
   * Pairs of (hash, key number + 1), at least twice as many slots as keys so that probes stay short; 0 in
   * the second place marks an empty slot.
   */
  private slots = new Int32Array(INITIAL_KEYS * 4);
  /** Key k's bytes are bytes[start[k], start[k + 1]). */
  private bytes = new Uint8Array(INITIAL_KEYS * 16);
  private bytesView = new DataView(this.bytes.buffer);
  private start = new Int32Array(INITIAL_KEYS + 1);
  /** Each key's hash, so that growing the table does not hash every key again. */
  private hashes = new Int32Array(INITIAL_KEYS);
  private count = 0;
  /** A view of the bytes last looked up, kept while the caller reads from the same array. */
  private source: Uint8Array = new Uint8Array(0);
  private sourceView: DataView = new DataView(this.source.buffer);

  get size(): number {
    return this.count;
  }

  /** The number of the key source[from, end), or -1 if it was never added. */
  find(source: Uint8Array, from: number, end: number): number {
    const view = this.viewOf(source);
    const hash = hashOf(view, source, from, end);
    const mask = this.slots.length / 2 - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot * 2 + 1] ?? 0;
      if (entry === 0) return -1;
      if (this.slots[slot * 2] === hash && this.equals(entry - 1, view, source, from, end)) return entry - 1;
    }
  }

  /** Adds source[from, end), which must not be a key yet (find it first), and returns its number. */
  add(source: Uint8Array, from: number, end: number): number {
    const key = this.count;
    if (key === this.hashes.length) this.growKeys();
    const at = this.start[key] ?? 0;
    const length = end - from;
    if (at + length > this.bytes.length) this.growBytes(at + length);
    for (let i = 0; i < length; i++) this.bytes[at + i] = source[from + i] ?? 0;
    this.start[key + 1] = at + length;
    this.count = key + 1;
    const hash = hashOf(this.viewOf(source), source, from, end);
    this.hashes[key] = hash;
    this.place(hash, key);
    return key;
  }

  /** Where key number `key` lies in `keyBytes`: from keyStart(key) to keyStart(key + 1). */
  keyStart(key: number): number {
    return this.start[key] ?? 0;
  }

  /** Every key's bytes, end to end (the array is replaced as it grows: read it after adding). */
  get keyBytes(): Uint8Array {
    return this.bytes;
  }

  private viewOf(source: Uint8Array): DataView {
    if (source !== this.source) {
      this.source = source;
      this.sourceView = new DataView(source.buffer, source.byteOffset, source.byteLength);
    }
    return this.sourceView;
  }

  private equals(key: number, view: DataView, source: Uint8Array, from: number, end: number): boolean {
    const at = this.start[key] ?? 0;
    const length = end - from;
    if ((this.start[key + 1] ?? 0) - at !== length) return false;
    const bytes = this.bytesView;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (bytes.getInt32(at + i, true) !== view.getInt32(from + i, true)) return false;
    for (; i < length; i++) if (this.bytes[at + i] !== source[from + i]) return false;
    return true;
  }

  private place(hash: number, key: number): void {
    const mask = this.slots.length / 2 - 1;
    let slot = hash & mask;
    while ((this.slots[slot * 2 + 1] ?? 0) !== 0) slot = (slot + 1) & mask;
    this.slots[slot * 2] = hash;
    this.slots[slot * 2 + 1] = key + 1;
  }

  private growKeys(): void {
    const keys = this.hashes.length * 2;
    const start = new Int32Array(keys + 1);
    start.set(this.start);
    this.start = start;
    const hashes = new Int32Array(keys);
    hashes.set(this.hashes);
    this.hashes = hashes;
    this.slots = new Int32Array(keys * 4);
    for (let key = 0; key < this.count; key++) this.place(this.hashes[key] ?? 0, key);
  }

  private growBytes(atLeast: number): void {
    const bytes = new Uint8Array(Math.max(atLeast, this.bytes.length * 2));
    bytes.set(this.bytes);
    this.bytes = bytes;
    this.bytesView = new DataView(bytes.buffer);
  }
}

/**
 * A 32-bit hash of source[from, end), `view` being a DataView of `source`: four bytes a step, each
 * multiplied in and folded (MurmurHash2's multiplier), the length mixed in first and a final avalanche so
 * that the low bits, which pick the slot, depend on every byte.
 */
function hashOf(view: DataView, source: Uint8Array, from: number, end: number): number {
  let hash = 0x811c9dc5 ^ (end - from);
  let i = from;
  for (; i + 4 <= end; i += 4) {
    hash = Math.imul(hash ^ view.getInt32(i, true), 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  for (; i < end; i++) hash = Math.imul(hash ^ (source[i] ?? 0), 0x01000193);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0x5bd1e995);
  return hash ^ (hash >>> 15);
}
