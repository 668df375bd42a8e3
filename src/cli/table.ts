/**
 * The readable output of `rollover count`: a stage sheet like a returning officer's, one block per round
 * with each candidate's votes, share of the votes still in the count, the votes transferred to or from
 * them at the end of the round, the exhausted votes, and who was elected or excluded (and how any tie was
 * broken), its figures written as formats/figures.ts writes them.
 *
 * The transfer column is the change from this round's tally to the next one's, which is what the transfer
 * at the end of the round did, whatever the rule.
 */
import { Rational } from '../count/arithmetic.ts';
import type { CandidateIndex } from '../count/ballots.ts';
import type { CountResult, Round, TieBreakRecord } from '../count/types.ts';
import { candidateName } from '../formats/count-json.ts';
import { share, votes } from '../formats/figures.ts';

type Row = readonly [name: string, votes: string, share: string, transfer: string, status: string];

const HEADER: Row = ['Candidate', 'Votes', 'Share', 'Transfer', ''];

export function renderTable(result: CountResult, title: string): string {
  const blocks = result.rounds.map((r, i) => roundBlock(result, r, result.rounds[i + 1]));
  const widths = columnWidths([HEADER, ...blocks.flatMap((b) => b.rows)]);
  const lines = heading(result, title);
  for (const b of blocks) {
    lines.push('', b.caption, formatRow(HEADER, widths), ...b.rows.map((row) => formatRow(row, widths)), ...b.after);
  }
  const label = result.seats === 1 ? 'Winner' : 'Elected';
  lines.push('', `${label}: ${result.winners.map((c) => candidateName(result, c)).join(', ') || 'none'}`);
  return `${lines.join('\n')}\n`;
}

function heading(result: CountResult, title: string): string[] {
  const seats = `${result.seats} seat${result.seats === 1 ? '' : 's'}`;
  const lines = title.trim() === '' ? [] : [title.trim()];
  const facts = [`${result.method.toUpperCase()} (${result.rules} rules)`, seats, `${votes(result.validVotes, result.places)} valid votes`];
  if (result.quota) facts.push(`quota ${votes(result.quota, result.places)}`);
  lines.push(facts.join(' · '));
  for (const note of result.notes ?? []) lines.push(`Note: ${note}`);
  return lines;
}

interface Block {
  readonly caption: string;
  readonly rows: Row[];
  /** Lines under the table: transfer made, tie-breaks, notes. */
  readonly after: string[];
}

function roundBlock(result: CountResult, r: Round, next: Round | undefined): Block {
  const p = result.places;
  const name = (c: CandidateIndex): string => candidateName(result, c);
  const total = [...r.tally.values()].reduce((a, b) => a.add(b), Rational.ZERO);
  const change = (now: Rational, later: Rational | undefined): string => (next ? signed(later ?? Rational.ZERO, now, p) : '');
  const rows: Row[] = [...r.tally.entries()]
    .sort(([a], [b]) => a - b)
    .map(([c, v]): Row => [name(c), votes(v, p), share(v, total), change(v, next?.tally.get(c)), status(result, r, c)]);
  rows.push(['Exhausted', votes(r.exhausted, p), '', change(r.exhausted, next?.exhausted), '']);
  if (!r.loss.isZero() || (next !== undefined && !next.loss.isZero())) {
    rows.push(['Lost to rounding', votes(r.loss, p), '', change(r.loss, next?.loss), '']);
  }
  const thresholdName = result.method === 'irv' ? 'majority' : 'quota';
  return {
    caption: `Round ${r.round} · ${thresholdName} ${votes(r.threshold, p)}`,
    rows,
    after: [...transferLine(r, name, p), ...(r.tieBreaks ?? []).map((t) => tieLine(t, name)), ...(r.notes ?? []).map((n) => `  Note: ${n}`)],
  };
}

function status(result: CountResult, r: Round, c: CandidateIndex): string {
  if (r.elected.includes(c)) return 'ELECTED';
  if (r.excluded.includes(c)) return 'EXCLUDED';
  return result.rounds.some((earlier) => earlier.round < r.round && earlier.elected.includes(c)) ? 'elected' : '';
}

function transferLine(r: Round, name: (c: CandidateIndex) => string, places: number): string[] {
  const t = r.transfer;
  if (!t) return [];
  const from = t.from.map(name).join(', ');
  const what = t.kind === 'surplus' ? `surplus of ${from}` : `votes of ${from} (excluded)`;
  const value = t.value ? ` at transfer value ${t.value.toFixed(Math.max(places, 5))}` : '';
  return [`  Transferred: ${what}${value}`];
}

const TIE_BROKEN: Readonly<Record<TieBreakRecord['how'], string>> = {
  backwards: 'backwards',
  forwards: 'forwards',
  order: 'by the declared tie order',
  lot: 'by lot',
};

function tieLine(t: TieBreakRecord, name: (c: CandidateIndex) => string): string {
  const how = `${TIE_BROKEN[t.how]}${t.round === undefined ? '' : ` at round ${t.round}`}`;
  return `  Tie between ${t.tied.map(name).join(', ')} broken ${how}: ${name(t.chosen)}`;
}

/** The change from `now` to `later`, signed; blank when nothing moved. */
function signed(later: Rational, now: Rational, places: number): string {
  const d = later.sub(now);
  if (d.isZero()) return '';
  return d.gt(Rational.ZERO) ? `+${votes(d, places)}` : votes(d, places);
}

function columnWidths(rows: readonly Row[]): number[] {
  return HEADER.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
}

/** Name left-aligned, figures right-aligned so that the decimal points line up. */
function formatRow(row: Row, widths: readonly number[]): string {
  const cell = (i: number): string => {
    const text = row[i] ?? '';
    const width = widths[i] ?? 0;
    return i === 0 || i === 4 ? text.padEnd(width) : text.padStart(width);
  };
  return `  ${[0, 1, 2, 3, 4].map(cell).join('   ')}`.trimEnd();
}
