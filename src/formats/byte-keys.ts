/**
 * Byte strings numbered 0, 1, 2, … in order of first sight, looked up straight from the bytes being read:
 * a hash over the bytes, one probe of an open-addressing table and one comparison, with nothing decoded
 * and nothing allocated. The keys are kept end to end in one growing byte array, so memory follows the
 * distinct keys at one byte a byte, with no object per key for the garbage collector to trace.
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
  private start = new Int32Array(INITIAL_KEYS + 1);
  /** Each key's hash, so that growing the table does not hash every key again. */
  private hashes = new Int32Array(INITIAL_KEYS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The number of the key source[from, end), or -1 if it was never added. */
  find(source: Uint8Array, from: number, end: number): number {
    const hash = hashOf(source, from, end);
    const mask = this.slots.length / 2 - 1;
    for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot * 2 + 1] ?? 0;
      if (entry === 0) return -1;
      if (this.slots[slot * 2] === hash && this.equals(entry - 1, source, from, end)) return entry - 1;
    }
  }

  /** Where key number `key` lies in `keyBytes`: from keyStart(key) to keyStart(key + 1). */
  keyStart(key: number): number {
    return this.start[key] ?? 0;
  }

  /** Every key's bytes, end to end (the array is replaced as it grows: read it after adding). */
  get keyBytes(): Uint8Array {
    return this.bytes;
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
    const hash = hashOf(source, from, end);
    this.hashes[key] = hash;
    this.place(hash, key);
    return key;
  }

  private equals(key: number, source: Uint8Array, from: number, end: number): boolean {
    const at = this.start[key] ?? 0;
    if ((this.start[key + 1] ?? 0) - at !== end - from) return false;
    const bytes = this.bytes;
    for (let i = from, k = at; i < end; i++, k++) if (bytes[k] !== source[i]) return false;
    return true;
  }

  private place(hash: number, key: number): void {
    const mask = this.slots.length / 2 - 1;
    let slot = slotOf(hash, mask);
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
  }
}

/** FNV-1a over bytes. */
function hashOf(bytes: Uint8Array, from: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < end; i++) hash = Math.imul(hash ^ (bytes[i] ?? 0), 0x01000193);
  return hash;
}

/** FNV's low bits mix less well than its high ones: fold the high half in before masking. */
function slotOf(hash: number, mask: number): number {
  return (hash ^ (hash >>> 16)) & mask;
}
