/**
 * Distinct raw CSV rows and how often each occurred, looked up straight from the text being read: a
 * repeated row (the common case by far) costs a hash over its characters, one probe of an open-addressing
 * table and one comparison, with no string cut from the chunk and nothing allocated.
 */
import type { Group } from './groups.ts';
import { copyOf } from './lines.ts';

const INITIAL_ROWS = 1 << 12;

export class RowTable {
  /**
   * Pairs of (hash, row number + 1), twice as many slots as rows so that probes stay short; 0 in the
   * second place marks an empty slot.
   */
  private slots = new Int32Array(INITIAL_ROWS * 4);
  private readonly keys: string[] = [];
  private times = new Float64Array(INITIAL_ROWS);
  private readonly groups: Group[] = [];
  private readonly weights: bigint[] = [];

  /** Counts text[from, end) once more if that row was seen before; false if it is new. */
  repeat(text: string, from: number, end: number): boolean {
    const hash = hashOf(text, from, end);
    const mask = this.slots.length / 2 - 1;
    for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot * 2 + 1] ?? 0;
      if (entry === 0) return false;
      if (this.slots[slot * 2] !== hash) continue;
      const row = entry - 1;
      const key = this.keys[row] ?? '';
      if (key.length === end - from && text.startsWith(key, from)) {
        this.times[row] = (this.times[row] ?? 0) + 1;
        return true;
      }
    }
  }

  /** A new row, seen once so far: the ballot group it adds to, with what weight. */
  add(key: string, group: Group, weight: bigint): void {
    const row = this.keys.length;
    if (row === this.times.length) this.grow();
    this.keys.push(copyOf(key));
    this.groups.push(group);
    this.weights.push(weight);
    this.times[row] = 1;
    this.place(hashOf(key, 0, key.length), row);
  }

  /** Adds every row's ballots to its group. */
  settle(): void {
    this.groups.forEach((group, row) => {
      group.weight += (this.weights[row] ?? 0n) * BigInt(this.times[row] ?? 0);
    });
  }

  private place(hash: number, row: number): void {
    const mask = this.slots.length / 2 - 1;
    let slot = slotOf(hash, mask);
    while ((this.slots[slot * 2 + 1] ?? 0) !== 0) slot = (slot + 1) & mask;
    this.slots[slot * 2] = hash;
    this.slots[slot * 2 + 1] = row + 1;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    this.slots = new Int32Array(times.length * 4);
    this.keys.forEach((key, row) => this.place(hashOf(key, 0, key.length), row));
  }
}

/** FNV-1a over UTF-16 code units. */
function hashOf(text: string, from: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** FNV's low bits mix less well than its high ones: fold the high half in before masking. */
function slotOf(hash: number, mask: number): number {
  return (hash ^ (hash >>> 16)) & mask;
}
