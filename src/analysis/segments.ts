/**
 * Ballots that carry segments (region, elector class …), read from a wide CSV whose header names segment
 * columns `segment:<name>` before the ranks, e.g.
 *
 *   segment:region,segment:class,rank1,rank2,rank3
 *   London,member,Abbott,Jowell,
 *   North,registered,Jowell,Khan,Abbott
 *
 * Each row is one ballot; a blank rank cell ends nothing (later ranks still count), an empty row is
 * refused. Candidates are numbered in order of first appearance. Rows split as RFC 4180 (csv-row.ts);
 * rows with quoted line breaks are not supported here.
 */
import type { Ballot, CandidateIndex, Contest } from '../count/ballots.ts';
import { splitRow } from '../formats/csv-row.ts';
import { err, inputError, ok, type InputError, type Result } from '../result.ts';

export interface SegmentedBallot extends Ballot {
  /** Segment column → value, e.g. region → London. */
  readonly segments: ReadonlyMap<string, string>;
}

export interface SegmentedContest {
  readonly contest: Contest;
  /** Parallel to contest.ballots. */
  readonly ballots: readonly SegmentedBallot[];
  readonly columns: readonly string[];
}

const SEGMENT = /^segment:(.+)$/;
const RANK = /^rank\d+$/i;

export function parseSegmentedCsv(text: string, file: string): Result<SegmentedContest, InputError> {
  const lines = text.split(/\r?\n/);
  const header = splitRow(lines[0] ?? '');
  if ('problem' in header) return err(inputError(header.problem, { file, line: 1 }));
  const columns = header.flatMap((h) => SEGMENT.exec(h.trim())?.[1] ?? []);
  const bad = header.findIndex((h, i) => (i < columns.length ? !SEGMENT.test(h.trim()) : !RANK.test(h.trim())));
  if (columns.length === 0 || bad >= 0) {
    return err(inputError(`header must be segment:<name> columns, then rank1, rank2, …${bad >= 0 ? ` (column ${bad + 1} is '${header[bad]}')` : ''}`, { file, line: 1 }));
  }
  const candidates: string[] = [];
  const ballots: SegmentedBallot[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const cells = splitRow(line);
    if ('problem' in cells) return err(inputError(cells.problem, { file, line: i + 1 }));
    if (cells.length > header.length) return err(inputError(`${cells.length} cells but the header has ${header.length}`, { file, line: i + 1 }));
    const segments = new Map(columns.map((c, j) => [c, (cells[j] ?? '').trim()]));
    const ranking: CandidateIndex[] = [];
    for (const name of cells.slice(columns.length).map((c) => c.trim()).filter((c) => c !== '')) {
      let c = candidates.indexOf(name);
      if (c < 0) c = candidates.push(name) - 1;
      if (ranking.includes(c)) return err(inputError(`ranks ${name} twice`, { file, line: i + 1 }));
      ranking.push(c);
    }
    ballots.push({ ranking, weight: 1n, segments });
  }
  if (ballots.length === 0) return err(inputError('no ballots', { file }));
  const contest: Contest = { title: file, candidates, withdrawn: [], seats: 1, ballots };
  return ok({ contest, ballots, columns });
}
