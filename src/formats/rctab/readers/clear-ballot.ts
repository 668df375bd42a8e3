/**
 * Clear Ballot cast vote records: a CSV with ten ballot columns (RowNumber, BoxID, BoxPosition, BallotID,
 * PrecinctID, BallotStyleID, PrecinctStyleName, ScanComputerName, Status, Remade) and then one column per
 * (contest, rank, candidate) whose header reads `Choice_<n>_<k>:<contest>:<rank>:<vote for>:<candidate>:<party>`;
 * a 1 in that column marks the candidate at that rank.
 *
 * Source: RCTab's `clearBallot` provider (a beta format in RCTab's CVR documentation) and the Kansas 2020
 * primary export in its tests. Only columns of the config's contest are read; a candidate named as the
 * undeclared write-in label is a write-in. RCTab's id is `<file name>-<n>`, n counting ballots from 1.
 */
import { basename } from 'node:path';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';
import { UNDECLARED_WRITE_IN, type CvrReader, type CvrSourceSpec, type CandidateDirectory, type Mark } from '../cvr.ts';
import { csvRows } from './csv-rows.ts';
import { candidateMark, RankingBuilder, UnknownCandidates } from './marks.ts';

const BALLOT_ID = 3;
const PRECINCT_ID = 4;
const FIRST_CHOICE_COLUMN = 10;

interface ChoiceColumn {
  readonly column: number;
  readonly rank: number;
  readonly mark: Mark | undefined;
}

export const readClearBallot: CvrReader = async (spec, candidates, onRecord) => {
  const unknown = new UnknownCandidates();
  let choices: ChoiceColumn[] | undefined;
  let records = 0;
  try {
    for await (const row of csvRows(spec.resolvedPath)) {
      const where = { file: spec.filePath, line: row.line };
      if ('problem' in row.cells) return err(inputError(row.cells.problem, where));
      const cells = row.cells;
      if (choices === undefined) {
        const header = choiceColumns(cells, spec, candidates, unknown);
        if (!header.ok) return err({ ...header.error, ...where });
        choices = header.value;
        continue;
      }
      if (cells.length === 1 && cells[0] === '') continue;
      if (cells.length < FIRST_CHOICE_COLUMN) return err(inputError(`${cells.length} columns, expected at least ${FIRST_CHOICE_COLUMN}`, where));
      records += 1;
      const ranking = new RankingBuilder();
      for (const choice of choices) {
        if (cells[choice.column]?.trim() === '1' && choice.mark !== undefined) ranking.add(choice.rank, choice.mark);
      }
      const suppliedId = cells[BALLOT_ID] ?? '';
      const precinct = cells[PRECINCT_ID] ?? '';
      onRecord({
        provider: 'clearBallot',
        source: spec.filePath,
        computedId: `${basename(spec.filePath)}-${records}`,
        ...(suppliedId === '' ? {} : { suppliedId }),
        ...(spec.contestId === undefined ? {} : { contestId: spec.contestId }),
        ...(precinct === '' ? {} : { precinct }),
        rankings: ranking.build(),
      });
    }
  } catch {
    return err(inputError('CVR file not found or not readable', { file: spec.filePath }));
  }
  if (choices === undefined) return err(inputError('empty file: no header row', { file: spec.filePath }));
  const unknownError = unknown.error(spec.filePath);
  if (unknownError) return err(unknownError);
  return ok({ records, files: [spec.filePath] });
};

/** The header's choice columns for the contest, with the rank and mark each stands for. */
function choiceColumns(
  header: readonly string[],
  spec: CvrSourceSpec,
  candidates: CandidateDirectory,
  unknown: UnknownCandidates,
): Result<ChoiceColumn[], InputError> {
  const columns: ChoiceColumn[] = [];
  for (let column = FIRST_CHOICE_COLUMN; column < header.length; column++) {
    const parts = (header[column] ?? '').split(':');
    const [, contest, rankText, , candidate] = parts;
    if (parts.length < 5 || contest === undefined || rankText === undefined || candidate === undefined) {
      return err(inputError(`column ${column + 1} header '${header[column] ?? ''}' is not Choice_<n>:<contest>:<rank>:<vote for>:<candidate>:<party>`));
    }
    if (contest !== spec.contestId) continue;
    const rank = Number(rankText);
    if (!Number.isInteger(rank) || rank < 1) return err(inputError(`column ${column + 1} header: rank '${rankText}' is not a positive whole number`));
    const mark = candidate === spec.undeclaredWriteInLabel ? UNDECLARED_WRITE_IN : candidateMark(candidate, candidates, unknown, `header column ${column + 1}`);
    columns.push({ column, rank, mark });
  }
  if (columns.length === 0) return err(inputError(`no column of contest '${spec.contestId ?? ''}' in the header`));
  return ok(columns);
}
