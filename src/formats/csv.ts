/**
 * Ballots as CSV (RFC 4180 quoting), in either of two shapes, told apart by the header:
 *
 * Wide, one ballot a row:   id,weight,rank1,rank2,rank3      (id and weight/count columns optional)
 *                           17,2,Ann,,Bob                    (cells name candidates; empty = rank unused)
 * Long, one mark a row:     ballot_id,rank,choice            (as ranked.vote publishes Burlington 2009;
 *                           000001-00-0008,1,Bob Kiss         a ballot's rows must be consecutive)
 *
 * Candidates are the names seen, in order of first appearance; seats are 1 unless the caller says.
 *
 * Marks, as in the convention RCTab offers for IRV (its "always skip to next rank" rule for skipped ranks
 * and "exhaust immediately" rule for overvotes); read this way, Burlington's 2009 ballot file gives back
 * the city's published first round and final round (test/formats/csv.test.ts, test/data/burlington):
 * - an empty cell, or `$UNDERVOTE`, is a rank left unused: it is passed over and later ranks still count;
 * - `$OVERVOTE` (more than one candidate marked at a rank) ends the ballot there: later ranks are ignored;
 * - a candidate marked again at a later rank counts at the first rank only (the later mark is passed over).
 *
 * Speed: the file is read as bytes, and wide rows are counted from their bytes (csv-bytes.ts): a row seen
 * before is not decoded or split at all, and a new one is split on its bytes with only new cells decoded.
 * The rules for what a cell marks live here, in `cellMark`, and both paths use them.
 */
import type { CandidateIndex, Contest } from '../count/ballots.ts';
import { err, inputError, ok, type InputError, type Result } from '../result.ts';
import { quotesBalanced, splitRow } from './csv-row.ts';
import { MarkedRanking, OVERVOTE, SKIP, UNREAD, WideRowBytes } from './csv-bytes.ts';
import { BallotGroups } from './groups.ts';
import { baseName, byteLineParser, copyOf, describeCharacter, findControlCharacter, isDigits, parseWhole, type IncrementalParser } from './lines.ts';

export interface CsvOptions {
  /** Seats to fill (default 1): CSV files do not say. */
  readonly seats?: number;
  /** Contest title (default: the file's name without directory or extension). */
  readonly title?: string;
}

interface WideLayout {
  readonly kind: 'wide';
  readonly columns: number;
  readonly hasId: boolean;
  readonly weightColumn: number | undefined;
  readonly rankColumns: readonly number[];
}

interface LongLayout {
  readonly kind: 'long';
}

/** The ballot being assembled from consecutive long-form rows (its ranking is the reader's `ranking`). */
interface LongBallot {
  readonly id: string;
  lastRank: number;
}

const DOLLAR = 0x24;

/** A row spanning lines longer than this is a stray quote swallowing the file, not a ballot. */
const MAX_ROW_CHARS = 1 << 16;

class CsvReader {
  private layout: WideLayout | LongLayout | undefined;
  private readonly names: string[] = [];
  private readonly indexOfName = new Map<string, CandidateIndex>();
  private readonly groups = new BallotGroups();
  /** The ranking of the row or long-form ballot being read. */
  private readonly ranking = new MarkedRanking();
  /** The fast path for wide rows, once the header says the file is wide. */
  private wide: WideRowBytes | undefined;
  private ballot: LongBallot | undefined;
  private pending: { text: string; line: number } | undefined;

  constructor(
    private readonly file: string,
    private readonly options: CsvOptions,
  ) {}

  line(text: string, lineNo: number): InputError | undefined {
    let row = text;
    let line = lineNo;
    if (this.pending !== undefined) {
      row = `${this.pending.text}\n${text}`;
      line = this.pending.line;
      this.pending = undefined;
    }
    // A quoted cell may hold a line break: keep reading until every quote is closed.
    if (row.indexOf('"') !== -1 && !quotesBalanced(row)) {
      if (row.length > MAX_ROW_CHARS) return this.error(`a quote opened on this line is still open ${MAX_ROW_CHARS} characters later (a stray quote?)`, line);
      this.pending = { text: row, line };
      return undefined;
    }
    if (row === '') return undefined;
    if (this.layout === undefined) return this.header(row, line);
    return this.layout.kind === 'wide' ? this.wideRow(this.layout, row, line) : this.longRow(row, line);
  }

  finish(lines: number): Result<Contest, InputError> {
    if (this.pending !== undefined) {
      return err(this.error('a quote opened on this line is never closed (a quoted cell may span lines, so the rest of the file was read as part of it)', this.pending.line));
    }
    if (this.layout === undefined) return err(this.error('empty file: expected a header such as "rank1,rank2,rank3" or "ballot_id,rank,choice"', Math.max(lines, 1)));
    this.endBallot();
    if (this.names.length === 0) return err(this.error('no candidate is named in any row', Math.max(lines, 1)));
    const seats = this.options.seats ?? 1;
    if (seats > this.names.length) return err(this.error(`${seats} seats but only ${this.names.length} candidates are named`, Math.max(lines, 1)));
    this.wide?.settle();
    // The row tables are done with: let them go before the ballots are built, which is the peak of memory.
    this.wide = undefined;
    return ok({ title: this.options.title ?? baseName(this.file), candidates: this.names, withdrawn: [], seats, ballots: this.groups.ballots() });
  }

  private error(message: string, line: number): InputError {
    return inputError(message, { file: this.file, line });
  }

  private cells(row: string, line: number): string[] | InputError {
    const junk = findControlCharacter(row);
    if (junk !== -1) return this.error(`not a text CSV file: ${describeCharacter(row, junk)}`, line);
    const cells = splitRow(row);
    return Array.isArray(cells) ? cells : this.error(cells.problem, line);
  }

  /** The common case, a row without quotes or junk, split natively; anything else the careful way. */
  private plainCells(row: string, line: number): string[] | InputError {
    return row.indexOf('"') === -1 && findControlCharacter(row) === -1 ? row.split(',') : this.cells(row, line);
  }

  private header(row: string, line: number): InputError | undefined {
    const cells = this.cells(row, line);
    if (!Array.isArray(cells)) return cells;
    const columns = cells.map((cell) => cell.trim().toLowerCase().replace(/[\s_]/g, ''));
    if (columns.length === 3 && isIdColumn(columns[0]) && columns[1] === 'rank' && (columns[2] === 'choice' || columns[2] === 'candidate')) {
      this.layout = { kind: 'long' };
      return undefined;
    }
    const layout = wideLayout(columns);
    if (typeof layout === 'string') return this.error(layout, line);
    this.layout = layout;
    this.wide = new WideRowBytes(layout, this.groups, (text) => (text.includes('"') || findControlCharacter(text) !== -1 ? UNREAD : this.cellMark(text)));
    return undefined;
  }

  /**
   * One line as bytes[from, end). Wide rows go the fast way when they can; a row it leaves, read here
   * instead, is then remembered by its bytes. Everything else (the header, long rows, every line while a
   * quoted cell is open) is decoded and goes the general way.
   */
  bytesLine(bytes: Buffer, from: number, end: number, lineNo: number): InputError | undefined {
    const wide = this.wide;
    if (wide === undefined || this.layout?.kind !== 'wide' || this.pending !== undefined || from === end) return this.line(bytes.toString('utf8', from, end), lineNo);
    if (wide.count(bytes, from, end)) return undefined;
    const row = bytes.toString('utf8', from, end);
    // A row that opens a quoted cell without closing it continues on the next line: not a row on its own.
    if (row.indexOf('"') !== -1 && !quotesBalanced(row)) return this.line(row, lineNo);
    const counted = this.rankWideRow(this.layout, row, lineNo);
    if ('message' in counted) return counted;
    wide.remember(bytes, from, end, counted.group, counted.weight);
    return undefined;
  }

  private wideRow(layout: WideLayout, row: string, line: number): InputError | undefined {
    const counted = this.rankWideRow(layout, row, line);
    if ('message' in counted) return counted;
    this.groups.addWeight(counted.group, counted.weight);
    return undefined;
  }

  /** The ballot group a wide row counts for, and how many ballots it stands for. */
  private rankWideRow(layout: WideLayout, row: string, line: number): { group: number; weight: bigint } | InputError {
    const cells = this.plainCells(row, line);
    if (!Array.isArray(cells)) return cells;
    if (cells.length !== layout.columns) return this.error(`this row has ${cells.length} cells but the header has ${layout.columns} columns`, line);
    let weight = 1n;
    if (layout.weightColumn !== undefined) {
      const cell = (cells[layout.weightColumn] ?? '').trim();
      if (!isDigits(cell) || BigInt(cell) === 0n) return this.error(`weight '${cell}' is not a whole number of ballots (1 or more)`, line);
      weight = BigInt(cell);
    }
    const ranking = this.ranking;
    ranking.clear();
    for (const column of layout.rankColumns) ranking.add(this.cellMark(cells[column] ?? ''));
    return { group: this.groups.groupOf(ranking.candidates, [], ranking.length), weight };
  }

  private longRow(row: string, line: number): InputError | undefined {
    const cells = this.plainCells(row, line);
    if (!Array.isArray(cells)) return cells;
    const [id = '', rankCell = '', choice = ''] = cells;
    if (cells.length !== 3) return this.error(`this row has ${cells.length} cells but the header has 3 columns (ballot_id,rank,choice)`, line);
    const rank = isDigits(rankCell.trim()) ? Number(rankCell) : 0;
    if (rank < 1) return this.error(`rank '${rankCell}' is not a whole number from 1 up`, line);
    if (this.ballot?.id !== id) {
      this.endBallot();
      this.ballot = { id, lastRank: 0 };
      this.ranking.clear();
    }
    const ballot = this.ballot;
    if (rank <= ballot.lastRank) {
      return this.error(`ballot ${id}: rank ${rank} comes after rank ${ballot.lastRank} (a ballot's rows must be in rank order, one row per rank; mark an overvote as $OVERVOTE)`, line);
    }
    ballot.lastRank = rank;
    this.ranking.add(this.cellMark(choice));
    return undefined;
  }

  private endBallot(): void {
    if (this.ballot !== undefined) this.groups.addWeight(this.groups.groupOf(this.ranking.candidates, [], this.ranking.length), 1n);
    this.ballot = undefined;
  }

  /**
   * What a cell marks: nothing (empty, or $UNDERVOTE), an overvote, or a candidate, who is a candidate of
   * the contest from the first mark on, even where the mark does not count (after an overvote).
   */
  private cellMark(cell: string): number {
    const name = cellText(cell);
    if (name === '') return SKIP;
    if (name.charCodeAt(0) === DOLLAR) {
      const marker = name.toUpperCase();
      if (marker === '$UNDERVOTE') return SKIP;
      if (marker === '$OVERVOTE') return OVERVOTE;
    }
    let index = this.indexOfName.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(copyOf(name));
      this.indexOfName.set(name, index);
    }
    return index;
  }
}

function isIdColumn(column: string | undefined): boolean {
  return column === 'id' || column === 'ballotid';
}

function wideLayout(columns: readonly string[]): WideLayout | string {
  let weightColumn: number | undefined;
  const rankColumns: number[] = [];
  for (const [i, column] of columns.entries()) {
    if (i === 0 && isIdColumn(column)) continue;
    if (column === 'weight' || column === 'count') {
      if (weightColumn !== undefined) return 'the header has two weight/count columns';
      weightColumn = i;
    } else if (column === `rank${rankColumns.length + 1}`) rankColumns.push(i);
    else return `unexpected column '${column}' in the header: expected rank1, rank2, … in order (with an optional leading id and a weight or count column), or ballot_id,rank,choice`;
  }
  if (rankColumns.length === 0) return 'the header has no rank columns (rank1, rank2, …)';
  return { kind: 'wide', columns: columns.length, hasId: isIdColumn(columns[0]), weightColumn, rankColumns };
}

/** A cell's text without surrounding spaces (trimmed only when there are any: most cells have none). */
function cellText(cell: string): string {
  if (cell === '') return cell;
  const padded = cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32;
  return padded ? cell.trim() : cell;
}

export function createCsvParser(file: string, options: CsvOptions = {}): IncrementalParser {
  const reader = new CsvReader(file, options);
  return byteLineParser(file, {
    line: (bytes, from, end, lineNo) => reader.bytesLine(bytes, from, end, lineNo),
    finish: (lines) => reader.finish(lines),
  });
}

export function parseCsv(text: string, file: string, options: CsvOptions = {}): Result<Contest, InputError> {
  return parseWhole(createCsvParser(file, options), text);
}
