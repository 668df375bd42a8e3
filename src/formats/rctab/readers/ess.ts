/**
 * ES&S cast vote records: an xlsx workbook, one row per ballot on the first worksheet.
 *
 * Source: RCTab's "CVR Files" document (ES&S section) and config parameters: rows above
 * firstVoteRowIndex are headers; column firstVoteColumnIndex holds the first choice and each following
 * column the next rank, up to maxRankings columns (Minneapolis files carry a trailing COUNT column that is
 * not a rank); idColumnIndex, precinctColumnIndex and batchColumnIndex are optional. Indexes are 1-based.
 * RCTab's own id for a row is `<file name>-<n>`, n counting ballots from 1.
 *
 * The workbook is streamed (exceljs WorkbookReader), so memory does not grow with the number of rows.
 */
import type { EventEmitter } from 'node:events';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';
import type { CastVoteRecord, CvrReader, CvrSourceSpec, CandidateDirectory } from '../cvr.ts';
import { cellMarks, RankingBuilder, UnknownCandidates } from './marks.ts';
import { zipEntryNames } from './xlsx-zip.ts';

export const readEss: CvrReader = async (spec, candidates, onRecord) => {
  const firstColumn = spec.firstVoteColumnIndex;
  if (firstColumn === undefined || spec.firstVoteRowIndex === undefined) {
    return err(inputError('an ES&S source needs firstVoteColumnIndex and firstVoteRowIndex', { file: spec.filePath }));
  }
  try {
    await access(spec.resolvedPath, constants.R_OK);
  } catch {
    return err(inputError('CVR file not found or not readable', { file: spec.filePath }));
  }
  const entries = await zipEntryNames(spec.resolvedPath);
  if (!entries.ok) return err(inputError(entries.error, { file: spec.filePath }));
  const parts = { sharedStrings: entries.value.includes(SHARED_STRINGS), worksheet: entries.value.some((name) => WORKSHEET.test(name)) };
  for (let attempt = 1; ; attempt++) {
    const read = await readWorkbook(spec, candidates, onRecord, parts);
    if (!(read instanceof Incomplete)) return read;
    if (attempt === READ_ATTEMPTS) return err(inputError(read.message(READ_ATTEMPTS), { file: spec.filePath }));
  }
};

/** The parts of the archive a ballot sheet needs, as exceljs names them (the first worksheet is sheet<n>.xml). */
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
/** A lost part shows in about one read in a hundred under load; three in a row mean something else is wrong. */
const READ_ATTEMPTS = 3;
/**
 * Why a workbook is read again: exceljs (4.4) walks the archive with unzipper's Parse stream, which
 * announces its end as soon as it has parsed the last entry, while entries it has parsed but exceljs has
 * not yet taken still wait in the stream; exceljs stops at that end and never sees them. exceljs pauses to
 * copy a worksheet stored before the shared strings into a temporary file, so a loaded machine (the copy
 * waits on the disk, the parse does not) loses the shared strings, and every text cell reads as blank:
 * every ballot blank, and a count of nothing. A small sheet stored after a pause can be lost the same way.
 * Nothing is delivered before the check, so reading again is safe.
 */
class Incomplete {
  constructor(private readonly lost: string) {}

  /** Said after the last attempt: a part lost every time is more likely a damaged file than a busy machine. */
  message(attempts: number): string {
    return `the workbook's ${this.lost} could not be read in ${attempts} attempts, though its zip directory lists it: the file may be damaged (if a spreadsheet program opens it, try again)`;
  }
}

async function readWorkbook(
  spec: CvrSourceSpec,
  candidates: CandidateDirectory,
  onRecord: (record: CastVoteRecord) => void,
  parts: { readonly sharedStrings: boolean; readonly worksheet: boolean },
): Promise<Awaited<ReturnType<CvrReader>> | Incomplete> {
  const firstRow = spec.firstVoteRowIndex ?? 1;
  // Loaded here, not with the module: exceljs costs a fifth of a second of start-up, and this module is
  // loaded by every command that knows the CVR formats (even for --help), most never reading a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(spec.resolvedPath, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  let sawSharedStrings = false;
  // The reader is an EventEmitter at run time, though exceljs's types declare it a Workbook.
  (reader as unknown as EventEmitter).on('entry', (entry: { type?: unknown }) => {
    if (entry.type === 'shared-strings') sawSharedStrings = true;
  });
  const unknown = new UnknownCandidates();
  const state = { records: 0, lastRow: 0 };
  let sheets = 0;
  let lost = false;
  try {
    for await (const sheet of reader) {
      // RCTab reads the first worksheet only. Every other sheet, and a first one whose strings were lost,
      // is read through unused rather than the loop left: exceljs copies a sheet stored before the shared
      // strings into a temporary file, which it closes only once the sheet is read and deletes only if the
      // loop goes on, and a server counting uploads must leave no file, open or not, behind.
      sheets += 1;
      if (sheets === 1 && parts.sharedStrings && !sawSharedStrings) lost = true;
      if (sheets > 1 || lost) {
        await sheet.read();
        continue;
      }
      for await (const row of sheet) {
        state.lastRow = row.number;
        if (row.number < firstRow) continue;
        // Every row the sheet stores is a ballot, even one with no cells: RCTab counts such rows as blank
        // ballots (its first_round_determines_threshold case has three, counted as undervotes).
        const cells = row.values as unknown[];
        const record = rowRecord(cells, row.number, spec, candidates, unknown, state.records + 1);
        if (!record.ok) return err({ ...record.error, file: spec.filePath });
        state.records += 1;
        onRecord(record.value);
      }
    }
  } catch (e) {
    const reason = (e as Error).message;
    // exceljs reports a zip that stops mid-entry as FILE_ENDED.
    const message = reason === 'FILE_ENDED' ? 'the xlsx workbook ends early (truncated?)' : `not a readable xlsx workbook (${reason})`;
    // The last good row tells the operator how far the file is sound.
    return err(inputError(message, { file: spec.filePath, ...(state.lastRow > 0 ? { record: `after row ${state.lastRow}` } : {}) }));
  }
  if (lost) return new Incomplete(`shared strings (${SHARED_STRINGS})`);
  if (parts.worksheet && sheets === 0) return new Incomplete('worksheet');
  const unknownError = unknown.error(spec.filePath);
  if (unknownError) return err(unknownError);
  return ok({ records: state.records, files: [spec.filePath] });
}

function rowRecord(
  cells: readonly unknown[],
  rowNumber: number,
  spec: CvrSourceSpec,
  candidates: CandidateDirectory,
  unknown: UnknownCandidates,
  ballotNumber: number,
): Result<CastVoteRecord, InputError> {
  const where = `row ${rowNumber}`;
  const first = spec.firstVoteColumnIndex ?? 1;
  const last = spec.maxRankings === undefined ? cells.length - 1 : first + spec.maxRankings - 1;
  const ranking = new RankingBuilder();
  for (let column = first; column <= last; column++) {
    const marks = cellMarks(cellText(cells[column]), spec, candidates, unknown, where);
    if (!marks.ok) return marks;
    for (const mark of marks.value) ranking.add(column - first + 1, mark);
  }
  const suppliedId = optionalCell(cells, spec.idColumnIndex);
  const precinct = optionalCell(cells, spec.precinctColumnIndex);
  const batchId = optionalCell(cells, spec.batchColumnIndex);
  return ok({
    provider: 'ess',
    source: spec.filePath,
    computedId: `${basename(spec.filePath)}-${ballotNumber}`,
    ...(suppliedId === undefined ? {} : { suppliedId }),
    ...(precinct === undefined ? {} : { precinct }),
    ...(batchId === undefined ? {} : { batchId }),
    rankings: ranking.build(),
  });
}

function optionalCell(cells: readonly unknown[], column: number | undefined): string | undefined {
  if (column === undefined) return undefined;
  const text = cellText(cells[column]).trim();
  return text === '' ? undefined : text;
}

/** A cell's text: exceljs gives strings, numbers, rich text ({richText}), formulas ({result}) or dates. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return (value.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    }
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return cellText(value.text);
  }
  return '';
}
