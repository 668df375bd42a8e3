/**
 * Generic CSV cast vote records (RCTab's `genericCsv` provider, e.g. survey exports): one row per ballot and
 * one column per candidate, named in the header row; a cell holds the rank the voter gave that candidate,
 * blank when unranked. Several candidates with the same rank are an overvote at that rank.
 *
 * Source: RCTab's generic CSV reader (pull request #649) and its generic_csv_test case: candidate columns
 * start at firstVoteColumnIndex, ballots at firstVoteRowIndex (1-based, the header is the row above), and
 * the id, precinct and batch columns are optional. A column named as the undeclared write-in label is a
 * write-in. A rank above maxRankings is refused, as RCTab does. RCTab's id is `<file name>-<n>`.
 */
import { basename } from 'node:path';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';
import { UNDECLARED_WRITE_IN, type CastVoteRecord, type CvrReader, type CvrSourceSpec, type CandidateDirectory, type Mark } from '../cvr.ts';
import { csvRows } from './csv-rows.ts';
import { candidateMark, RankingBuilder, UnknownCandidates } from './marks.ts';

export const readGenericCsv: CvrReader = async (spec, candidates, onRecord) => {
  const first = spec.firstVoteColumnIndex;
  const firstRow = spec.firstVoteRowIndex;
  if (first === undefined || firstRow === undefined) {
    return err(inputError('a generic CSV source needs firstVoteColumnIndex and firstVoteRowIndex', { file: spec.filePath }));
  }
  const unknown = new UnknownCandidates();
  let columns: (Mark | undefined)[] | undefined;
  let records = 0;
  let rowNumber = 0;
  try {
    for await (const row of csvRows(spec.resolvedPath)) {
      rowNumber += 1;
      const where = { file: spec.filePath, line: row.line };
      if ('problem' in row.cells) return err(inputError(row.cells.problem, where));
      if (rowNumber === firstRow - 1) {
        columns = row.cells.slice(first - 1).map((name) => headerMark(name.trim(), spec, candidates, unknown, row.line));
      }
      if (rowNumber < firstRow || (row.cells.length === 1 && row.cells[0] === '')) continue;
      if (columns === undefined) return err(inputError(`no header row above the first ballot row ${firstRow}`, where));
      records += 1;
      const record = rowRecord(row.cells, columns, spec, records);
      if (!record.ok) return err({ ...record.error, ...where });
      onRecord(record.value);
    }
  } catch {
    return err(inputError('CVR file not found or not readable', { file: spec.filePath }));
  }
  const unknownError = unknown.error(spec.filePath);
  if (unknownError) return err(unknownError);
  return ok({ records, files: [spec.filePath] });
};

function headerMark(name: string, spec: CvrSourceSpec, candidates: CandidateDirectory, unknown: UnknownCandidates, line: number): Mark | undefined {
  return name === spec.undeclaredWriteInLabel ? UNDECLARED_WRITE_IN : candidateMark(name, candidates, unknown, `header line ${line}`);
}

function rowRecord(cells: readonly string[], columns: readonly (Mark | undefined)[], spec: CvrSourceSpec, n: number): Result<CastVoteRecord, InputError> {
  const first = spec.firstVoteColumnIndex ?? 1;
  const ranking = new RankingBuilder();
  for (const [i, mark] of columns.entries()) {
    const text = (cells[first - 1 + i] ?? '').trim();
    if (text === '' || mark === undefined) continue;
    const rank = Number(text);
    if (!Number.isInteger(rank) || rank < 1) return err(inputError(`column ${first + i}: rank '${text}' is not a positive whole number`));
    if (spec.maxRankings !== undefined && rank > spec.maxRankings) {
      return err(inputError(`column ${first + i}: rank ${rank} is above the maximum of ${spec.maxRankings} rankings`));
    }
    ranking.add(rank, mark);
  }
  const cell = (column: number | undefined): string => (column === undefined ? '' : (cells[column - 1] ?? '').trim());
  const [suppliedId, precinct, batchId] = [cell(spec.idColumnIndex), cell(spec.precinctColumnIndex), cell(spec.batchColumnIndex)];
  return ok({
    provider: 'genericCsv',
    source: spec.filePath,
    computedId: `${basename(spec.filePath)}-${n}`,
    ...(suppliedId === '' ? {} : { suppliedId }),
    ...(precinct === '' ? {} : { precinct }),
    ...(batchId === '' ? {} : { batchId }),
    rankings: ranking.build(),
  });
}
