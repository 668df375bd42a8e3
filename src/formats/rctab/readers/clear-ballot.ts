/**
 * Clear Ballot cast vote records: a CSV with ten ballot columns (RowNumber, BoxID, BoxPosition, BallotID,
 * PrecinctID, BallotStyleID, PrecinctStyleName, ScanComputerName, Status, Remade) and then one column per
 * (contest, rank, candidate) whose header reads `Choice_<n>_<k>:<contest>:<rank>:<vote for>:<candidate>:<party>`;
 * a 1 in that column marks the candidate at that rank.
 *
 * Source: RCTab's `clearBallot` provider (a beta format in RCTab's CVR documentation) and the Kansas 2020
 * primary export in its tests. Only columns of the config's contest are read; a candidate named as the
 * undeclared write-in label is a write-in. RCTab's id is `<file name>-<n>`, n counting ballots from 1.
 * Several contests of one export can be read in one pass (readClearBallotContests).
 */
import { basename } from 'node:path';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';
import { UNDECLARED_WRITE_IN, type CastVoteRecord, type CvrReader, type CvrSourceSpec, type CandidateDirectory, type Mark } from '../cvr.ts';
import { csvRows } from './csv-rows.ts';
import { candidateMark, RankingBuilder, UnknownCandidates } from './marks.ts';
import type { ContestsReader, CvrTarget } from './targets.ts';

const BALLOT_ID = 3;
const PRECINCT_ID = 4;
const FIRST_CHOICE_COLUMN = 10;

interface ChoiceColumn {
  readonly column: number;
  readonly rank: number;
  readonly mark: Mark | undefined;
}

export const readClearBallot: CvrReader = (spec, candidates, onRecord) => readClearBallotContests([{ spec, candidates, onRecord }]);

/** A contest read from the file: its target, and its choice columns once the header is read. */
interface ContestColumns extends CvrTarget {
  readonly unknown: UnknownCandidates;
  choices: readonly ChoiceColumn[];
}

/**
 * Reads several contests of one Clear Ballot export in one pass (every target names the same file): each
 * row is split into cells once, and each target reads its contest's columns of it. Every ballot is a
 * record of every contest, as RCTab reads the file for one contest (a ballot without the contest's marks
 * is an undervote).
 */
export const readClearBallotContests: ContestsReader = async (targets) => {
  const [first] = targets;
  if (first === undefined) return ok({ records: 0, files: [] });
  const { resolvedPath, filePath: label } = first.spec;
  const contests: ContestColumns[] = targets.map((target) => ({ ...target, unknown: new UnknownCandidates(), choices: [] }));
  let header = false;
  let ballots = 0;
  try {
    for await (const row of csvRows(resolvedPath)) {
      const where = { file: label, line: row.line };
      if ('problem' in row.cells) return err(inputError(row.cells.problem, where));
      const cells = row.cells;
      if (!header) {
        header = true;
        for (const contest of contests) {
          const columns = choiceColumns(cells, contest.spec, contest.candidates, contest.unknown);
          if (!columns.ok) return err({ ...columns.error, ...where });
          contest.choices = columns.value;
        }
        continue;
      }
      if (cells.length === 1 && cells[0] === '') continue;
      if (cells.length < FIRST_CHOICE_COLUMN) return err(inputError(`${cells.length} columns, expected at least ${FIRST_CHOICE_COLUMN}`, where));
      ballots += 1;
      for (const contest of contests) contest.onRecord(ballotRecord(cells, ballots, contest));
    }
  } catch {
    return err(inputError('CVR file not found or not readable', { file: label }));
  }
  if (!header) return err(inputError('empty file: no header row', { file: label }));
  for (const { spec, unknown } of contests) {
    const unknownError = unknown.error(spec.filePath);
    if (unknownError) return err(unknownError);
  }
  return ok({ records: ballots * contests.length, files: [label] });
};

/** The `ballot`th ballot's record of the contest: its marks in the contest's choice columns. */
function ballotRecord(cells: readonly string[], ballot: number, { spec, choices }: ContestColumns): CastVoteRecord {
  const ranking = new RankingBuilder();
  for (const choice of choices) {
    if (cells[choice.column]?.trim() === '1' && choice.mark !== undefined) ranking.add(choice.rank, choice.mark);
  }
  const suppliedId = cells[BALLOT_ID] ?? '';
  const precinct = cells[PRECINCT_ID] ?? '';
  return {
    provider: 'clearBallot',
    source: spec.filePath,
    computedId: `${basename(spec.filePath)}-${ballot}`,
    ...(suppliedId === '' ? {} : { suppliedId }),
    ...(spec.contestId === undefined ? {} : { contestId: spec.contestId }),
    ...(precinct === '' ? {} : { precinct }),
    rankings: ranking.build(),
  };
}

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
