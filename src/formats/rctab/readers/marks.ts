/**
 * Helpers every CVR reader shares: collecting a record's marks rank by rank, reading the text of a
 * spreadsheet-style cell the way RCTab does, and reporting candidates the config does not know.
 */
import { err, inputError, type InputError, type Result } from '../../../result.ts';
import {
  OVERVOTE,
  UNDECLARED_WRITE_IN,
  type CandidateDirectory,
  type CvrSourceSpec,
  type Mark,
  type RankMarks,
} from '../cvr.ts';

/**
 * Gathers (rank, mark) pairs in any order and returns them as RankMarks sorted by rank. It runs for every
 * CVR: a ballot holds a few ranks, usually given in order, so a short array searched from its end does
 * better than a map, and is sorted only when a rank came out of order.
 */
export class RankingBuilder {
  private readonly ranks: { rank: number; marks: Mark[] }[] = [];
  private inOrder = true;

  add(rank: number, mark: Mark): void {
    for (let i = this.ranks.length - 1; i >= 0; i--) {
      const entry = this.ranks[i];
      if (entry?.rank === rank) {
        entry.marks.push(mark);
        return;
      }
    }
    const last = this.ranks[this.ranks.length - 1];
    if (last !== undefined && last.rank > rank) this.inOrder = false;
    this.ranks.push({ rank, marks: [mark] });
  }

  build(): RankMarks[] {
    return this.inOrder ? this.ranks : [...this.ranks].sort((a, b) => a.rank - b.rank);
  }
}

/**
 * Every name a source uses that the config does not list. RCTab reads the whole source before failing, so
 * the operator sees all of them (with how often they occur) and can fix the config in one go.
 */
export class UnknownCandidates {
  private readonly seen = new Map<string, { count: number; firstRecord: string }>();

  note(name: string, record: string): void {
    const entry = this.seen.get(name);
    if (entry) entry.count += 1;
    else this.seen.set(name, { count: 1, firstRecord: record });
  }

  /** The error to return once the source is read, or undefined when every name was recognised. */
  error(file: string): InputError | undefined {
    const [first] = this.seen.values();
    if (first === undefined) return undefined;
    const names = [...this.seen.entries()].map(([name, e]) => `'${name}' (${e.count} ${e.count === 1 ? 'time' : 'times'})`);
    return inputError(`candidate(s) not in the contest config: ${names.join(', ')}`, { file, record: first.firstRecord });
  }
}

/** Resolves a name or alias, noting it as unknown when the config lacks it. */
export function candidateMark(
  text: string,
  candidates: CandidateDirectory,
  unknown: UnknownCandidates,
  record: string,
): Mark | undefined {
  const mark = candidates.resolve(text);
  if (mark === undefined) unknown.note(text, record);
  return mark;
}

/**
 * The marks in one rank cell of an ES&S-style sheet, following RCTab's reading: a blank cell or the
 * skipped-rank label is a skipped rank (unless blanks are to be read as undeclared write-ins), the
 * overvote label is an explicit overvote, the undeclared write-in label is a write-in, and with an
 * overvote delimiter a cell naming several candidates is an overvote of them. Names are trimmed.
 */
export function cellMarks(
  raw: string,
  spec: CvrSourceSpec,
  candidates: CandidateDirectory,
  unknown: UnknownCandidates,
  record: string,
): Result<Mark[], InputError> {
  const text = raw.trim();
  if (text === '') return { ok: true, value: spec.treatBlankAsUndeclaredWriteIn ? [UNDECLARED_WRITE_IN] : [] };
  if (text === spec.skippedRankLabel) return { ok: true, value: [] };
  if (text === spec.overvoteLabel) return { ok: true, value: [OVERVOTE] };
  const delimiter = spec.overvoteDelimiter;
  const names = delimiter === undefined || delimiter === '' ? [text] : text.split(delimiter).map((n) => n.trim());
  const marks: Mark[] = [];
  for (const name of names) {
    if (names.length > 1 && (name === spec.overvoteLabel || name === spec.skippedRankLabel || name === '')) {
      return err(inputError(`cell '${text}' mixes '${name}' with candidates split by '${delimiter ?? ''}'`, { record }));
    }
    const mark = name === spec.undeclaredWriteInLabel ? UNDECLARED_WRITE_IN : candidateMark(name, candidates, unknown, record);
    if (mark !== undefined) marks.push(mark);
  }
  return { ok: true, value: marks };
}
