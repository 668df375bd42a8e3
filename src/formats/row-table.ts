/**
 * Distinct raw CSV rows and how often each occurred, counted straight from the bytes being read: a
 * repeated row (the common case by far) is one lookup and one increment, with nothing decoded and nothing
 * allocated. The ballots are added to their groups once, at the end.
 */
import { ByteKeys } from './byte-keys.ts';
import type { BallotGroups } from './groups.ts';

const INITIAL_ROWS = 1 << 10;

export class RowTable {
  private readonly rows = new ByteKeys();
  /** For each row: how many times it occurred (a double counts exactly to 2^53), its group and weight. */
  private times = new Float64Array(INITIAL_ROWS);
  private groups = new Int32Array(INITIAL_ROWS);
  private readonly weights: bigint[] = [];

  /** Counts bytes[from, end) once more if that row was seen before; false if it is new. */
  repeat(bytes: Uint8Array, from: number, end: number): boolean {
    const row = this.rows.find(bytes, from, end);
    if (row === -1) return false;
    this.times[row] = (this.times[row] ?? 0) + 1;
    return true;
  }

  /** A new row, bytes[from, end), seen once so far: the ballot group it adds to, with what weight. */
  add(bytes: Uint8Array, from: number, end: number, group: number, weight: bigint): void {
    const row = this.rows.add(bytes, from, end);
    if (row === this.times.length) this.grow();
    this.times[row] = 1;
    this.groups[row] = group;
    this.weights.push(weight);
  }

  /**
   * Adds every row's ballots to its group. Rows of weight 1 (nearly all, in files without a weight
   * column) are summed per group in doubles first, exact below 2^53 ballots, and become one bigint a
   * group rather than three a row.
   */
  settle(groups: BallotGroups): void {
    const single = new Float64Array(groups.size);
    for (let row = 0; row < this.rows.size; row++) {
      const group = this.groups[row] ?? 0;
      const weight = this.weights[row] ?? 0n;
      const times = this.times[row] ?? 0;
      if (weight === 1n) single[group] = (single[group] ?? 0) + times;
      else groups.addWeight(group, weight * BigInt(times));
    }
    single.forEach((times, group) => {
      if (times > 0) groups.addWeight(group, BigInt(times));
    });
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const groups = new Int32Array(times.length);
    groups.set(this.groups);
    this.groups = groups;
  }
}
