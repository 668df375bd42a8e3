/**
 * Grouping while parsing: every parser adds ballots here as it reads them, so memory grows with the
 * number of distinct rankings, not the number of ballots (`groupBallots` in count/ballots.ts does the same
 * for ballots already in memory; this is its streaming counterpart).
 *
 * While the file is read a group is only a number: its ranking is kept as a byte key (ByteKeys) and its
 * weight in an array, so that a parse of millions of rows creates no object per group for the garbage
 * collector to copy about. The Ballot objects are built once, at the end.
 */
import type { Ballot, CandidateIndex } from '../count/ballots.ts';
import { ByteKeys } from './byte-keys.ts';

export class BallotGroups {
  private readonly keys = new ByteKeys();
  private readonly weights: bigint[] = [];
  /** The key being looked up, rewritten for every ranking. */
  private key = new Uint8Array(64);

  /** How many groups there are so far. */
  get size(): number {
    return this.keys.size;
  }

  /** Adds `weight` ballots ranking `ranking`, with `tiedWithPrevious` as in Ballot (empty when none). */
  add(ranking: readonly CandidateIndex[], tiedWithPrevious: readonly number[], weight: bigint): void {
    this.addWeight(this.groupOf(ranking, tiedWithPrevious), weight);
  }

  /**
   * The number of the group for a ranking, created with weight 0 on first sight. The ranking is its first
   * `length` candidates, so that a parser can reuse one array from ballot to ballot.
   */
  groupOf(ranking: readonly CandidateIndex[], tiedWithPrevious: readonly number[], length = ranking.length): number {
    const keyLength = this.writeKey(ranking, length, tiedWithPrevious);
    const known = this.keys.find(this.key, 0, keyLength);
    if (known !== -1) return known;
    this.weights.push(0n);
    return this.keys.add(this.key, 0, keyLength);
  }

  addWeight(group: number, weight: bigint): void {
    const before = this.weights[group] ?? 0n;
    // A group's first weight is taken as it is: 0n + weight would be one more bigint to allocate.
    this.weights[group] = before === 0n ? weight : before + weight;
  }

  /** The grouped ballots, in order of first appearance. */
  ballots(): Ballot[] {
    const ballots: Ballot[] = [];
    const numbers: number[] = [];
    const keys = this.keys;
    const bytes = keys.keyBytes;
    for (let group = 0, size = keys.size, from = 0; group < size; group++) {
      const end = keys.keyStart(group + 1);
      const count = readNumbers(bytes, from, end, numbers);
      from = end;
      const length = numbers[0] ?? 0;
      // slice(): exact-size arrays, kept for the whole count.
      const ranking = numbers.slice(1, 1 + length);
      const weight = this.weights[group] ?? 0n;
      ballots.push(count === 1 + length ? { ranking, weight } : { ranking, weight, tiedWithPrevious: numbers.slice(1 + length, count) });
    }
    return ballots;
  }

  /**
   * The key of a ranking: its length, its candidates, then the tied positions, each number in 7-bit
   * groups (a set top bit means more follow), so one byte a candidate below 128. The length first keeps
   * the candidates apart from the tied positions. Returns the key's length in bytes.
   */
  private writeKey(ranking: readonly CandidateIndex[], length: number, tiedWithPrevious: readonly number[]): number {
    // At most 5 bytes a 32-bit number.
    const most = 5 * (1 + length + tiedWithPrevious.length);
    if (most > this.key.length) this.key = new Uint8Array(most * 2);
    const key = this.key;
    let at = this.writeNumber(length, 0);
    // A candidate below 128 is one byte, written here: a call per candidate costs a ward's count, which
    // runs in V8's interpreter (src/cli/compiler.ts).
    for (let i = 0; i < length; i++) {
      const candidate = ranking[i] ?? 0;
      if (candidate < 0x80) key[at++] = candidate;
      else at = this.writeNumber(candidate, at);
    }
    for (const p of tiedWithPrevious) at = this.writeNumber(p, at);
    return at;
  }

  private writeNumber(n: number, at: number): number {
    let rest = n;
    let to = at;
    while (rest >= 0x80) {
      this.key[to++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.key[to++] = rest;
    return to;
  }
}

/** Reads the numbers of the key bytes[from, end) into `into` (overwriting from the start); returns how many. */
function readNumbers(bytes: Uint8Array, from: number, end: number, into: number[]): number {
  let count = 0;
  let n = 0;
  let shift = 0;
  for (let i = from; i < end; i++) {
    const byte = bytes[i] ?? 0;
    // Most numbers are one byte: no power of two to compute.
    if (byte < 0x80 && shift === 0) {
      into[count++] = byte;
      continue;
    }
    n += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) {
      into[count++] = n;
      n = 0;
      shift = 0;
    }
  }
  return count;
}
