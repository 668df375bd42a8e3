/**
 * RCTab's detailed report, as detailed_report.json and detailed_report.csv, laid out as RCTab writes them so
 * that tools reading RCTab's output (RCVis, audit scripts) read ours.
 *
 * Source: the format as RCTab's regression cases show it (expected_detailed_report.json / .csv; the JSON is
 * the "URCVT format" described at rcvformats.readthedocs.io): JSON keys sorted, Jackson's pretty-printing;
 * CSV with a contest block, a summary block and one column triple (votes, % of vote, transfer) per round,
 * ties marked with an asterisk and a footnote. Shares of the vote are truncated to two places.
 * Candidates' rows follow their first-round votes, most first; equal votes keep the order in which RCTab's
 * hash map of the tally lists them (java.util.HashMap: by String.hashCode bucket), undeclared write-ins last.
 */
import { Decimal } from '../../count/rctab/decimal.ts';
import type { RctabCount, RctabRound, TallyResult, TransferTarget } from '../../count/rctab/round.ts';
import { sliceId, type SliceKey } from '../../count/rctab/slices.ts';
import type { ContestInfo } from './config.ts';
import { compareKeys, jackson, type JacksonJson } from './jackson.ts';
import { javaHashMapOrder } from './java-order.ts';

export const GENERATED_BY = 'Rollover';

export interface ReportContext {
  readonly contest: ContestInfo;
  readonly singleWinner: boolean;
  /** Shares of the vote are of the first round's votes (multi-pass IRV), not the threshold's. */
  readonly firstRoundShares: boolean;
  /** Multi-winner with surplus transfers: the report shows residual and final-round surplus. */
  readonly surplusRows: boolean;
  /** Bottoms-up by percentage: the percentage every winner reached. */
  readonly percentage?: string;
  /** Whether the threshold follows each round's votes (so do a precinct's shares). */
  readonly sharesPerRound: boolean;
  /** Set for a report by precinct or batch. */
  readonly slice?: SliceKey;
}

export function detailedReportJson(count: RctabCount, ctx: ReportContext): string {
  const name = (c: number): string => count.candidates[c]?.name ?? '';
  const last = count.rounds[count.rounds.length - 1];
  // Tallies are laid out in the order jackson() prints them, so that it need not sort them again.
  const byName = count.candidates.map((_, c) => c).sort((a, b) => compareKeys(name(a), name(b)));
  const config: Record<string, JacksonJson> = { contest: ctx.contest.name, date: ctx.contest.date, generatedBy: GENERATED_BY, jurisdiction: ctx.contest.jurisdiction, office: ctx.contest.office };
  if (ctx.slice) config[ctx.slice.kind] = ctx.slice.label;
  const doc: JacksonJson = {
    config,
    jsonFormatVersion: '1',
    results: count.rounds.map((r) => roundJson(r, name, byName)),
    summary: {
      finalThreshold: last?.threshold.toString() ?? '0',
      numCandidates: count.candidates.length,
      numWinners: count.numWinners,
      totalNumBallots: count.totalBallots.toString(),
      undervotes: Number(count.undervotes),
    },
  };
  return jackson(doc);
}

function roundJson(r: RctabRound, name: (c: number) => string, byName: readonly number[]): JacksonJson {
  const inactive: Record<string, JacksonJson> = {
    exhaustedChoices: r.inactive.exhaustedChoices.toString(),
    overvotes: r.inactive.overvotes.toString(),
    repeatedRankings: r.inactive.repeatedRankings.toString(),
    skippedRankings: r.inactive.skippedRankings.toString(),
  };
  if (r.finalRoundSurplus !== undefined) inactive.finalRoundSurplus = r.finalRoundSurplus.toString();
  return {
    inactiveBallots: inactive,
    round: r.round,
    tally: Object.fromEntries(byName.flatMap((c) => {
      const votes = r.tally.get(c);
      return votes === undefined ? [] : [[name(c), votes.toString()]];
    })),
    tallyResults: r.results.map((t) => resultJson(t, name)),
    threshold: r.threshold.toString(),
  };
}

function resultJson(t: TallyResult, name: (c: number) => string): JacksonJson {
  const transfers: Record<string, JacksonJson> = {};
  for (const [to, amount] of t.transfers) {
    if (!amount.isZero()) transfers[to === 'exhausted' ? 'exhausted' : name(to)] = amount.toString();
  }
  if (t.residual !== undefined) transfers['residual surplus'] = t.residual.toString();
  return { [t.kind]: name(t.candidate), transfers };
}

/**
 * The CSV report. For a precinct or batch, `full` is the whole contest's count, whose first round orders
 * the candidates' rows.
 */
export function detailedReportCsv(count: RctabCount, ctx: ReportContext, full: RctabCount = count): string {
  const rows = [...contestRows(count, ctx), [], ...roundRows(count, ctx, full)];
  if (ctx.slice) rows.push([], [`†Elect/Eliminate decisions are from the full contest. All other results on this report are at the ${ctx.slice.kind} level.`]);
  if (count.rounds.some((r) => r.results.some((t) => t.tie))) rows.push([], ['*Tie resolved in accordance with election law']);
  return rows.map(csvLine).join('\n') + '\n';
}

/** The "Contest Information" and "Contest Summary" blocks. */
function contestRows(count: RctabCount, ctx: ReportContext): string[][] {
  const name = (c: number): string => count.candidates[c]?.name ?? '';
  const last = count.rounds[count.rounds.length - 1];
  return [
    ['Contest Information'],
    ['Generated By', GENERATED_BY],
    ['CSV Format Version', '1'],
    ['Type of Election', ctx.singleWinner ? 'Single-Winner' : 'Multi-Winner'],
    ['Contest', ctx.contest.name],
    ['Jurisdiction', ctx.contest.jurisdiction],
    ['Office', ctx.contest.office],
    ['Date', ctx.contest.date],
    ['Winner(s)', count.winners.map(name).join(', ')],
    ctx.slice ? [ctx.slice.kind === 'precinct' ? 'Precinct' : 'Batch', ctx.slice.label] : ['Final Threshold', last?.threshold.toString() ?? '0'],
    [],
    ['Contest Summary'],
    ['Number to be Elected', ctx.percentage === undefined ? String(count.numWinners) : `All candidates over the ${ctx.percentage}% threshold`],
    ['Number of Candidates', String(count.numCandidates - count.candidates.filter((c) => c.excluded).length)],
    ['Total Number of Ballots', count.totalBallots.toString()],
    ['Number of Undervotes (No Rankings)', count.undervotes.toString()],
  ];
}

/** The round-by-round table: outcomes, each candidate's votes, active and inactive ballots, surpluses. */
function roundRows(count: RctabCount, ctx: ReportContext, full: RctabCount): string[][] {
  const name = (c: number): string => count.candidates[c]?.name ?? '';
  const rounds = count.rounds;
  // Shares are of the votes the threshold came from, except that a multi-pass IRV shows its first round's.
  const shareOf = (r: RctabRound): Decimal => (ctx.firstRoundShares ? (rounds[0]?.thresholdVotes ?? r.thresholdVotes) : r.thresholdVotes);
  const perRound = (label: string, cell: (r: RctabRound) => string): string[] => [label, ...rounds.flatMap((r) => [cell(r), '', ''])];
  const rows: string[][] = [
    ['Rounds', ...rounds.flatMap((r) => [`Round ${r.round} Votes`, '% of vote', 'transfer'])],
    perRound(ctx.slice ? 'Eliminated†' : 'Eliminated', (r) => outcomeCell(r, 'eliminated', name)),
    perRound(ctx.slice ? 'Elected†' : 'Elected', (r) => outcomeCell(r, 'elected', name)),
    ...rowOrder(full).map((c) => [name(c), ...rounds.flatMap((r, i) => candidateCells(r, rounds[i + 1], c, shareOf(r)))]),
    perRound('Active Ballots', (r) => activeVotes(r).toString()),
    ...(ctx.slice ? [] : [perRound('Current Round Threshold', (r) => r.threshold.toString())]),
    inactiveRow('Inactive Ballots by Overvotes', rounds, (r) => r.inactive.overvotes),
    inactiveRow('Inactive Ballots by Skipped Rankings', rounds, (r) => r.inactive.skippedRankings),
    inactiveRow('Inactive Ballots by Exhausted Choices', rounds, (r) => r.inactive.exhaustedChoices),
    inactiveRow('Inactive Ballots by Repeated Rankings', rounds, (r) => r.inactive.repeatedRankings),
    inactiveRow('Inactive Ballots Total', rounds, inactiveTotal),
  ];
  if (ctx.surplusRows && !ctx.slice && rounds.some((r) => !r.residualSurplus.isZero())) {
    rows.push(perRound('Residual surplus', (r) => r.residualSurplus.toString()));
  }
  // A count that elected everyone in its first round has no surplus round to show.
  if (ctx.surplusRows) rows.push(perRound('Final Round Surplus', (r) => (r.round > 1 ? (r.finalRoundSurplus?.toString() ?? '') : '')));
  return rows;
}

function outcomeCell(r: RctabRound, kind: TallyResult['kind'], name: (c: number) => string): string {
  return r.results
    .filter((t) => t.kind === kind)
    .map((t) => `${name(t.candidate)}${t.tie ? '*' : ''}`)
    .join('; ');
}

function candidateCells(r: RctabRound, next: RctabRound | undefined, c: number, share: Decimal): string[] {
  const votes = r.tally.get(c) ?? Decimal.ZERO;
  const change = next === undefined ? '0' : (next.tally.get(c) ?? Decimal.ZERO).sub(votes).toString();
  return [votes.toString(), percent(votes, share), change];
}

function inactiveRow(label: string, rounds: readonly RctabRound[], value: (r: RctabRound) => Decimal): string[] {
  return [
    label,
    ...rounds.flatMap((r, i) => {
      const next = rounds[i + 1];
      return [value(r).toString(), '', next === undefined ? '0' : value(next).sub(value(r)).toString()];
    }),
  ];
}

function inactiveTotal(r: RctabRound): Decimal {
  const i = r.inactive;
  return i.overvotes.add(i.skippedRankings).add(i.exhaustedChoices).add(i.repeatedRankings);
}

/** Votes still counting: the round's tally, and the final round surplus no one could take. */
function activeVotes(r: RctabRound): Decimal {
  let total = r.finalRoundSurplus ?? Decimal.ZERO;
  for (const v of r.tally.values()) total = total.add(v);
  return total;
}

/** votes ÷ total as a percentage truncated to two places, printed as Java prints a double ("25.0%"). */
function percent(votes: Decimal, total: Decimal): string {
  if (total.isZero()) return '';
  const hundredths = votes.mul(HUNDREDTHS).div(total, 0, 'down').unscaled;
  const sign = hundredths < 0n ? '-' : '';
  const magnitude = hundredths < 0n ? -hundredths : hundredths;
  const whole = magnitude / 100n;
  const cents = magnitude % 100n;
  // Trailing zeros of the fraction go, but one digit always stays: 25.00 → "25.0", 12.50 → "12.5".
  const fraction = cents % 10n === 0n ? String(cents / 10n) : String(cents).padStart(2, '0');
  return `${sign}${whole}.${fraction}%`;
}

const HUNDREDTHS = Decimal.int(10000);

/** First-round votes, most first; ties in java.util.HashMap iteration order; undeclared write-ins last. */
function rowOrder(count: RctabCount): number[] {
  const first = count.rounds[0]?.tally ?? new Map<number, Decimal>();
  const hashOrder = javaHashMapOrder([...first.keys()], (c) => count.candidates[c]?.name ?? '');
  const uwi = (c: number): boolean => count.candidates[c]?.undeclaredWriteIn === true;
  const sorted = hashOrder.filter((c) => !uwi(c)).sort((a, b) => (first.get(b) ?? Decimal.ZERO).cmp(first.get(a) ?? Decimal.ZERO));
  return [...sorted, ...hashOrder.filter(uwi)];
}

/** Minimal CSV quoting, as RCTab's files show it: only fields holding a comma, quote or line break. */
function csvLine(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

/**
 * The count seen from one precinct or batch: its ballots' votes, inactive ballots and transfers, with the
 * whole contest's decisions and thresholds.
 */
export function sliceView(count: RctabCount, key: SliceKey, ctx: ReportContext): RctabCount {
  const id = sliceId(key);
  const totals = count.sliceTotals.get(id);
  const votesOf = (r: RctabRound): Decimal => {
    let total = Decimal.ZERO;
    for (const v of r.slices.get(id)?.tally.values() ?? []) total = total.add(v);
    return total;
  };
  const first = count.rounds[0];
  const firstVotes = first ? votesOf(first) : Decimal.ZERO;
  const rounds = count.rounds.map((r): RctabRound => {
    const slice = r.slices.get(id);
    const tally = new Map([...r.tally.keys()].map((c) => [c, slice?.tally.get(c) ?? Decimal.ZERO]));
    const results = r.results.map((t, i): TallyResult => ({ kind: t.kind, candidate: t.candidate, tie: t.tie, transfers: slice?.transfers.get(i) ?? new Map<TransferTarget, Decimal>() }));
    const surplus = r.finalRoundSurplus === undefined ? {} : { finalRoundSurplus: slice?.finalRoundSurplus ?? Decimal.ZERO };
    return {
      round: r.round,
      tally,
      threshold: r.threshold,
      thresholdVotes: ctx.sharesPerRound ? votesOf(r) : firstVotes,
      inactive: slice?.inactive ?? r.inactive,
      residualSurplus: Decimal.ZERO,
      results,
      slices: new Map(),
      ...surplus,
    };
  });
  return { ...count, rounds, totalBallots: totals?.ballots ?? 0n, undervotes: totals?.undervotes ?? 0n, sliceTotals: new Map() };
}

const INACTIVE_LABELS: Readonly<Record<string, string>> = {
  overvotes: 'inactive (overvote)',
  skippedRankings: 'inactive (skipped rankings)',
  exhaustedChoices: 'inactive (exhausted choices)',
  repeatedRankings: 'inactive (repeated ranking)',
};

/**
 * How each ballot counted in each round, one row per CVR id (RCTab issue #486, for auditors): the
 * candidate it counted for, with its value when a surplus transfer left it worth less than one vote, or
 * why it was inactive.
 */
export function ballotRoundsCsv(count: RctabCount): string {
  const name = (c: number): string => count.candidates[c]?.name ?? '';
  const header = ['Ballot ID', ...count.rounds.map((r) => `Round ${r.round}`)];
  const rows = count.paths.flatMap((path) => {
    const cells =
      path.steps.length === 0
        ? count.rounds.map(() => 'undervote')
        : path.steps.map((step) => {
            if ('inactive' in step) return INACTIVE_LABELS[step.inactive] ?? step.inactive;
            if ('finalSurplus' in step) return `final round surplus (${step.finalSurplus.toString()})`;
            return step.value.cmp(Decimal.ONE) === 0 ? name(step.candidate) : `${name(step.candidate)} (${step.value.toString()})`;
          });
    return path.ids.map((id) => [id, ...cells]);
  });
  const collator = new Intl.Collator('en', { numeric: true });
  rows.sort((a, b) => collator.compare(a[0] ?? '', b[0] ?? ''));
  return [header, ...rows].map(csvLine).join('\n') + '\n';
}
