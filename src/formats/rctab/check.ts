/**
 * A ballot-count confirmation before tabulating (`rollover count --rctab-config C --check-only`): how many
 * ballots each source gave, how many each precinct has, how many rank nobody (undervotes) and how many
 * overvote a rank, so an operator can compare them with the voting system's own totals before trusting a
 * count (RCTab issue #679, after New York City's 2021 miscount of test ballots left in the CVRs).
 */
import { OVERVOTE_LABEL, type RctabRank } from '../../count/rctab/rules.ts';
import type { CastVoteRecord } from './cvr.ts';

export const NO_PRECINCT = '(no precinct)';

export class BallotCountCheck {
  readonly bySource = new Map<string, number>();
  readonly byPrecinct = new Map<string, number>();
  total = 0;
  undervotes = 0;
  overvotes = 0;

  /** Counts one record, given its ranks as the tabulator reads them (within maxRankingsAllowed). */
  add(record: CastVoteRecord, ranks: readonly RctabRank[], maxRankings: number): void {
    this.total += 1;
    this.bySource.set(record.source, (this.bySource.get(record.source) ?? 0) + 1);
    const precinct = record.precinct === undefined || record.precinct === '' ? NO_PRECINCT : record.precinct;
    this.byPrecinct.set(precinct, (this.byPrecinct.get(precinct) ?? 0) + 1);
    const read = ranks.filter((r) => r.rank <= maxRankings);
    if (read.length === 0) this.undervotes += 1;
    if (read.some((r) => r.candidates.length > 1 || r.candidates[0] === OVERVOTE_LABEL)) this.overvotes += 1;
  }

  /** A plain-text table: sources, totals, then precincts in name order. */
  describe(contest: string): string {
    const width = Math.max(24, ...[...this.bySource.keys(), ...this.byPrecinct.keys()].map((k) => k.length + 2));
    const line = (label: string, n: number): string => `${label.padEnd(width)}${n}`;
    return [
      `Contest: ${contest}`,
      '',
      `${'Source'.padEnd(width)}Ballots`,
      ...[...this.bySource].map(([source, n]) => line(source, n)),
      line('Total', this.total),
      line('Undervotes (no rankings)', this.undervotes),
      line('Ballots with an overvote', this.overvotes),
      '',
      `${'Precinct'.padEnd(width)}Ballots`,
      ...[...this.byPrecinct].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, n]) => line(p, n)),
      '',
    ].join('\n');
  }
}
