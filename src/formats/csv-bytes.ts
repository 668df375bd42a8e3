/**
 * Wide CSV rows read straight from the file's bytes, the fast path of csv.ts: a large file repeats a few
 * hundred thousand distinct rows at most, and its cells repeat a few dozen names.
 *
 * - A row seen before (its bytes after the id) is counted with one lookup: nothing decoded or split.
 * - A new row is split on its comma bytes, and each cell looked up by its bytes among the cells seen
 *   before; only a cell never seen before is decoded and read by csv.ts's own rules (`readCell`).
 * - Anything unusual (a quote, a control character, a weight that is not plain digits, the wrong number
 *   of cells) is left to the general path in csv.ts, which reads it or says what is wrong.
 *
 * Identical bytes always read the same way, which is what makes remembering them sound: an id of plain
 * ASCII (no quote, no comma) cannot change how the cells after it are split.
 */
import type { CandidateIndex } from '../count/ballots.ts';
import { ByteKeys } from './byte-keys.ts';
import type { BallotGroups } from './groups.ts';
import { RowTable } from './row-table.ts';

/** A cell's mark, as a number: a candidate's index (0 up), or one of these. */
export const SKIP = -1;
export const OVERVOTE = -2;
/** A cell that the general path must read (it holds a quote or a control character). */
export const UNREAD = -3;

/**
 * A ranking read mark by mark: an overvote ends the ballot (later marks do not count), an empty rank is
 * passed over, and a candidate marked again counts at the first mark only. Reused from ballot to ballot
 * without allocating: the ranking is the first `length` entries of `candidates`.
 */
export class MarkedRanking {
  readonly candidates: CandidateIndex[] = [];
  length = 0;
  private ended = false;

  clear(): void {
    this.length = 0;
    this.ended = false;
  }

  add(mark: number): void {
    if (mark === OVERVOTE) this.ended = true;
    else if (mark >= 0 && !this.ended && !this.has(mark)) this.candidates[this.length++] = mark;
  }

  private has(candidate: CandidateIndex): boolean {
    for (let i = 0; i < this.length; i++) if (this.candidates[i] === candidate) return true;
    return false;
  }
}

export interface WideColumns {
  readonly columns: number;
  readonly hasId: boolean;
  readonly weightColumn: number | undefined;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const ZERO = 0x30;
const NINE = 0x39;

export class WideRowBytes {
  private readonly rows = new RowTable();
  private readonly cells = new ByteKeys();
  private readonly cellMarks: number[] = [];
  private readonly ranking = new MarkedRanking();

  constructor(
    private readonly layout: WideColumns,
    private readonly groups: BallotGroups,
    /** The mark of a cell's text, by csv.ts's rules: a candidate (registered on first sight), SKIP, OVERVOTE or UNREAD. */
    private readonly readCell: (text: string) => number,
  ) {}

  /** Counts the row bytes[from, end) if it can be read from its bytes; false leaves it to the general path. */
  count(bytes: Buffer, from: number, end: number): boolean {
    const keyFrom = this.layout.hasId ? plainIdEnd(bytes, from, end) : from;
    if (keyFrom === -1) return false;
    if (this.rows.repeat(bytes, keyFrom, end)) return true;
    const weight = this.readRow(bytes, from, end);
    if (weight === undefined) return false;
    this.rows.add(bytes, keyFrom, end, this.groups.groupOf(this.ranking.candidates, [], this.ranking.length), weight);
    return true;
  }

  /**
   * A row the general path read on its own line: remembered by its bytes like any other (unless its id is
   * not plain), so that its repeats are counted from their bytes.
   */
  remember(bytes: Buffer, from: number, end: number, group: number, weight: bigint): void {
    const keyFrom = this.layout.hasId ? plainIdEnd(bytes, from, end) : from;
    if (keyFrom === -1) this.groups.addWeight(group, weight);
    else this.rows.add(bytes, keyFrom, end, group, weight);
  }

  /** Adds every row's ballots to its group, once the file is read. */
  settle(): void {
    this.rows.settle(this.groups);
  }

  /** Reads a new row's cells into `ranking`; returns its weight, or undefined to leave it to the general path. */
  private readRow(bytes: Buffer, from: number, end: number): bigint | undefined {
    const { columns, hasId, weightColumn } = this.layout;
    const ranking = this.ranking;
    ranking.clear();
    let weight = 1n;
    let column = 0;
    for (let at = from; ; at += 1) {
      let cellEnd = at;
      while (cellEnd < end && bytes[cellEnd] !== COMMA) cellEnd++;
      if (column === columns) return undefined;
      if (column === weightColumn) {
        const cellWeight = plainWeight(bytes, at, cellEnd);
        if (cellWeight === undefined) return undefined;
        weight = cellWeight;
      } else if (cellEnd > at && !(hasId && column === 0)) {
        const mark = this.markOf(bytes, at, cellEnd);
        if (mark === UNREAD) return undefined;
        ranking.add(mark);
      }
      column += 1;
      at = cellEnd;
      if (at === end) break;
    }
    return column === columns ? weight : undefined;
  }

  private markOf(bytes: Buffer, from: number, end: number): number {
    const known = this.cells.find(bytes, from, end);
    if (known !== -1) return this.cellMarks[known] ?? UNREAD;
    const mark = this.readCell(bytes.toString('utf8', from, end));
    if (mark !== UNREAD) {
      this.cells.add(bytes, from, end);
      this.cellMarks.push(mark);
    }
    return mark;
  }
}

/**
 * Where the id cell ends (the index of its comma) when the id is plain printable ASCII without quotes, so
 * that the bytes after it alone decide how the row reads; -1 for anything else.
 */
function plainIdEnd(bytes: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === COMMA) return i;
    if (byte < 0x20 || byte >= 0x7f || byte === QUOTE) return -1;
  }
  return -1;
}

/** A weight of plain digits, 1 or more; undefined for anything else (spaces, signs, zero, junk). */
function plainWeight(bytes: Buffer, from: number, end: number): bigint | undefined {
  if (from === end) return undefined;
  for (let i = from; i < end; i++) {
    const byte = bytes[i] ?? 0;
    if (byte < ZERO || byte > NINE) return undefined;
  }
  const weight = BigInt(bytes.toString('latin1', from, end));
  return weight === 0n ? undefined : weight;
}
