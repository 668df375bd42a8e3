/**
 * Cast vote records as RCTab's CVR export CSV (RCTab issues #243, #468): one row per record with its
 * source, provider, ids, precinct and one column per rank, so an auditor can check what was read.
 *
 * Source: RCTab's expected exports in its conversion cases (conversions_from_ess, _dominion, _cdf):
 * columns Source Filepath, CVR Provider, Contest Id, RCTab CVR Id, Tabulator Id, Batch Id, Vendor Id,
 * Precinct, Precinct Portion, Rank 1 ... Rank n (n = the contest's maximum rankings); a rank cell holds the
 * candidate's config name, "undervote" when nothing is marked there, the source's own undeclared write-in
 * label for a write-in, "overvote" for an explicit overvote label; an overvoted rank lists its choices one
 * per line, in the CVR's order, in a quoted cell. Lines end in LF.
 */
import type { CastVoteRecord, Mark } from './cvr.ts';

export interface CvrCsvOptions {
  /** How many rank columns to write. */
  readonly ranks: number;
  /** The undeclared write-in label of the source a record came from (its `source` path). */
  readonly writeInLabel: (source: string) => string;
}

export function cvrCsvHeader(ranks: number): string {
  const fixed = ['Source Filepath', 'CVR Provider', 'Contest Id', 'RCTab CVR Id', 'Tabulator Id', 'Batch Id', 'Vendor Id', 'Precinct', 'Precinct Portion'];
  return `${[...fixed, ...Array.from({ length: ranks }, (_, i) => `Rank ${i + 1}`)].join(',')}\n`;
}

export function cvrCsvRow(record: CastVoteRecord, options: CvrCsvOptions): string {
  const label = options.writeInLabel(record.source);
  const markText = (mark: Mark): string => (mark.kind === 'candidate' ? mark.name : mark.kind === 'overvote' ? 'overvote' : label);
  const ranks = Array.from({ length: options.ranks }, (_, i) => {
    const marks = record.rankings.find((r) => r.rank === i + 1)?.marks ?? [];
    return marks.length === 0 ? 'undervote' : marks.map(markText).join('\n');
  });
  const cells = [
    record.source, record.provider, record.contestId, record.computedId, record.tabulatorId, record.batchId,
    record.suppliedId, record.precinct, record.precinctPortion, ...ranks,
  ];
  return `${cells.map((c) => quoted(c ?? '')).join(',')}\n`;
}

/** RFC 4180: a cell holding a comma, quote or line break is quoted, its quotes doubled. */
function quoted(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
