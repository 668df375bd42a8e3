/**
 * `rollover analyze FILE --margin [--json]`: how close was it? For one seat (IRV) the exact margin of
 * victory with a witness that a recount confirms; the cheap bounds are printed first (to stderr) while the
 * exact search runs. For several seats (STV) an estimate of the swing that would change the last seat.
 * The contract is in DESIGN.md ("rollover analyze"). With --rctab-config the ballots are an RCTab
 * contest's cast vote records, read with RCTab's ballot rules (analysis/rctab-contest.ts).
 *
 * --what-if SPEC and --segments COLUMN read a ballot file with segment columns (analysis/segments.ts):
 * the what-if recount (does it change the winner?) with a non-monotonicity probe, and the breakdown by
 * segment with small segments pooled (--privacy-threshold, default 10 ballots).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CandidateIndex, Contest } from '../count/ballots.ts';
import { count, DEFAULT_RULES } from '../count/index.ts';
import type { TieBreakMode, TieBreakOptions } from '../count/types.ts';
import type { BallotFormatName } from '../formats/detect.ts';
import { cheapIrvBounds, irvMargin, type IrvMargin } from '../analysis/irv-margin.ts';
import { loadHighsSolver } from '../analysis/mip.ts';
import { stvLastSeatEstimate } from '../analysis/stv-margin.ts';
import { changedBallots, type BallotChange } from '../analysis/witness.ts';
import { DEFAULT_PRIVACY_THRESHOLD, segmentBreakdown } from '../analysis/breakdown.ts';
import { parseSegmentedCsv, type SegmentedContest } from '../analysis/segments.ts';
import { changedBy, parseWhatIf, probeNonMonotonicity, whatIf } from '../analysis/what-if.ts';
import { segmentRowJson, segmentSwings, swingJson, swingText, type SegmentRowJson } from '../analysis/segment-swings.ts';
import { smallestSwing, type MarginSearch } from '../analysis/swing.ts';
import { readFileSync } from 'node:fs';
import { readRctabContest } from '../analysis/rctab-contest.ts';
import { describeInputError, err, ok, type InputError, type Result } from '../result.ts';
import { chooseMethod } from './count.ts';
import { commandAction, invalidInput, success, usageError, type Outcome } from './exit.ts';
import { BALLOT_FORMATS, readContest } from './read-file.ts';

interface AnalyzeOptions {
  readonly format?: BallotFormatName;
  readonly method?: 'irv' | 'stv';
  readonly rules?: string;
  readonly seats?: number;
  readonly tiebreak: TieBreakMode;
  readonly lotSeed: string;
  readonly maxNodes: number;
  readonly margin?: true;
  readonly rctabConfig?: string;
  readonly whatIf?: string;
  readonly segments?: string;
  readonly privacyThreshold: number;
  readonly json?: true;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('how close was it: the exact IRV margin of victory with a witness, or an STV last-seat estimate')
    .argument('[file]', 'ballot file: BLT, CSV, PrefLib or JSON')
    .option('--rctab-config <config>', "an RCTab contest configuration: analyse its CVRs instead of FILE")
    .addOption(new Option('--format <format>', 'the file format (default: from the name, then the content)').choices(BALLOT_FORMATS))
    .option('--margin', 'the margin of victory (the default analysis)')
    .addOption(new Option('--method <method>', 'irv or stv (default: irv for one seat, else stv)').choices(['irv', 'stv']))
    .option('--rules <name>', 'STV rule set for the last-seat estimate')
    .option('--seats <n>', 'seats to fill (default: from the file)', wholeNumber('seats'))
    .addOption(new Option('--tiebreak <mode>', 'how ties are broken before lot').choices(['backwards', 'forwards', 'lot']).default('backwards'))
    .option('--lot-seed <seed>', 'seed of the reproducible lot', 'rollover')
    .option('--max-nodes <n>', 'programs (integer programs and their linear relaxations) to solve before settling for a bound', wholeNumber('max-nodes'), 20_000)
    .option('--what-if <spec>', 'recount with a segment kept, removed or re-weighted: class=member, region!=London, -class=affiliate, class=registered*2')
    .option('--segments <column>', 'first preferences and final-round shares by the values of a segment column')
    .option('--privacy-threshold <n>', 'smallest segment shown (ballots)', wholeNumber('privacy-threshold'), Number(DEFAULT_PRIVACY_THRESHOLD))
    .option('--json', 'print JSON')
    .action(commandAction(analyze));
}

function wholeNumber(name: string): (text: string) => number {
  return (text) => {
    if (!/^[1-9]\d{0,8}$/.test(text)) throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
    return Number(text);
  };
}

/** One analysis's share of the output: a key of the JSON object and lines of text. */
interface Part {
  readonly key: string;
  readonly json: unknown;
  readonly text: string;
}

async function analyze(file: string | undefined, options: AnalyzeOptions): Promise<Outcome> {
  const source = options.rctabConfig ?? file;
  if (source === undefined) return usageError('analyze needs a ballot FILE or --rctab-config CONFIG');
  const bySegment = options.whatIf !== undefined || options.segments !== undefined;
  const segmented = bySegment ? readSegmented(source) : undefined;
  if (segmented && !segmented.ok) return invalidInput(describeInputError(segmented.error));
  const contest = segmented ? ok(segmented.value.contest) : options.rctabConfig ? await readRctabContest(options.rctabConfig) : await readContest(source, options.format ? { format: options.format } : {});
  if (!contest.ok) return invalidInput(describeInputError(contest.error));
  const tieBreak: TieBreakOptions = { mode: options.tiebreak, seed: options.lotSeed };
  const method = chooseMethod(options, contest.value);
  const countOptions = { method, tieBreak, ...(options.rules === undefined ? {} : { rules: options.rules }), ...(options.seats === undefined ? {} : { seats: options.seats }) };
  const parts: Result<Part, string>[] = [];
  if (options.margin || !bySegment) parts.push(method === 'irv' ? await irvAnalysis(contest.value, tieBreak, options) : stvAnalysis(contest.value, countOptions));
  // A segment's exact margin needs the solver: loaded only for IRV, where it applies.
  const search = segmented && method === 'irv' ? { solver: await loadHighsSolver(), maxNodes: options.maxNodes } : undefined;
  if (segmented?.ok && options.whatIf !== undefined) parts.push(whatIfAnalysis(segmented.value, options.whatIf, countOptions, search));
  if (segmented?.ok && options.segments !== undefined) parts.push(breakdownAnalysis(segmented.value, options.segments, countOptions, BigInt(options.privacyThreshold), search));
  const failed = parts.find((p) => !p.ok);
  if (failed && !failed.ok) return invalidInput(`${source}: ${failed.error}`);
  const done = parts.flatMap((p) => (p.ok ? [p.value] : []));
  if (options.json) return success(`${JSON.stringify(Object.fromEntries(done.map((p) => [p.key, p.json])), null, 2)}\n`);
  return success(done.map((p) => p.text).join(''));
}

function readSegmented(file: string): Result<SegmentedContest, InputError> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return err({ file, message: 'cannot read the ballot file' });
  }
  return parseSegmentedCsv(text, file);
}

async function irvAnalysis(contest: Contest, tieBreak: TieBreakOptions, options: AnalyzeOptions): Promise<Result<Part, string>> {
  const cheap = cheapIrvBounds(contest, { tieBreak });
  if (!cheap.ok) return cheap;
  const upper = cheap.value.upper ? `, at most ${changedBallots(cheap.value.upper)} (last-round margin)` : '';
  process.stderr.write(`margin: at least ${cheap.value.lower} ballots${upper}; searching for the exact margin…\n`);
  const margin = irvMargin(contest, await loadHighsSolver(), { tieBreak, maxNodes: options.maxNodes });
  if (!margin.ok) return margin;
  const names = contest.candidates;
  return ok({ key: 'margin', json: marginJson(margin.value, names), text: marginText(margin.value, names) });
}

function marginJson(m: IrvMargin, names: readonly string[]): Record<string, unknown> {
  return {
    ballots: Number(m.ballots),
    exact: m.exact,
    lowerBound: Number(m.lowerBound),
    winner: names[m.winner],
    newWinner: names[m.newWinner],
    witness: m.witness.map((c) => ({ from: named(c.from, names), to: named(c.to, names), count: Number(c.count) })),
    cheapBounds: { lower: Number(m.cheap.lower), ...(m.cheap.upper ? { upper: Number(changedBallots(m.cheap.upper)) } : {}) },
    programs: m.nodes,
  };
}

function named(ranking: readonly CandidateIndex[], names: readonly string[]): string[] {
  return ranking.map((c) => names[c] ?? `#${c}`);
}

function marginText(m: IrvMargin, names: readonly string[]): string {
  const head = m.exact
    ? `Margin of victory: ${m.ballots} ballots (exact)`
    : `Margin of victory: between ${m.lowerBound} and ${m.ballots} ballots (search stopped)`;
  const lines = [head, `Winner: ${names[m.winner]}; with these changes ${names[m.newWinner]} wins:`];
  for (const c of m.witness) lines.push(`  ${c.count} × ${rankingText(c, 'from', names)} → ${rankingText(c, 'to', names)}`);
  return `${lines.join('\n')}\n`;
}

function rankingText(c: BallotChange, side: 'from' | 'to', names: readonly string[]): string {
  const ranking = named(c[side], names);
  return ranking.length === 0 ? '(blank)' : `[${ranking.join(', ')}]`;
}

type CountRequest = Parameters<typeof count>[1];

function stvAnalysis(contest: Contest, countOptions: CountRequest): Result<Part, string> {
  const result = count(contest, { ...countOptions, method: 'stv', rules: countOptions.rules ?? DEFAULT_RULES.stv });
  if (!result.ok) return result;
  const estimate = stvLastSeatEstimate(result.value);
  if (!estimate) return err('every candidate was elected, so there is no runner-up to compare');
  const names = contest.candidates;
  const [last, runnerUp] = [names[estimate.lastElected], names[estimate.runnerUp]];
  const gap = estimate.gap.toFixed(result.value.places);
  return ok({
    key: 'margin',
    json: { ballots: Number(estimate.ballots), exact: false, estimate: true, lastElected: last, runnerUp, round: estimate.round, gap, witness: [] },
    text: `Last seat (estimate): ${estimate.ballots} ballots moved from ${last} to ${runnerUp} in round ${estimate.round} would reverse them (gap ${gap} votes)\n`,
  });
}

function whatIfAnalysis(segmented: SegmentedContest, text: string, countOptions: CountRequest, search: MarginSearch | undefined): Result<Part, string> {
  const spec = parseWhatIf(text, segmented.columns);
  if (!spec.ok) return spec;
  const outcome = whatIf(segmented, spec.value, countOptions);
  if (!outcome.ok) return outcome;
  const probe = probeNonMonotonicity(segmented.contest, countOptions);
  if (!probe.ok) return probe;
  const names = segmented.contest.candidates;
  const winners = outcome.value.winners.map((c) => names[c]);
  const odd = probe.value;
  const oddText = odd
    ? `Non-monotonic: ${names[odd.winner]} would lose (to ${odd.winners.map((c) => names[c]).join(', ')}) if ${odd.raised} more ballots ranked them first\n`
    : 'No non-monotonicity found by raising the winners on 1, 2, 4, … ballots\n';
  const swing = smallestSwing(segmented, changedBy(spec.value), countOptions, search);
  const swingPart = swing.ok ? swingJson(swing.value, names) : null;
  const swingLines = swingPart
    ? [`Smallest swing of the ${swingPart.ballots} ballots this changes (${swingPart.winner} wins${swingPart.runnerUp === null ? '' : `, runner-up ${swingPart.runnerUp}`}):`, ...swingText(swingPart).map((l) => `  ${l}`)]
    : [`Smallest swing: ${swing.ok ? '' : swing.error}`];
  return ok({
    key: 'whatIf',
    json: {
      spec: text,
      ballots: Number(outcome.value.ballots),
      winners,
      changesWinner: outcome.value.changesWinner,
      nonMonotonic: odd ? { winner: names[odd.winner], raisedBallots: Number(odd.raised), winners: odd.winners.map((c) => names[c]) } : null,
      smallestSwing: swingPart,
      ...(swing.ok ? {} : { noSwing: swing.error }),
    },
    text: `What if ${text}: ${outcome.value.ballots} ballots, ${winners.join(', ')} ${outcome.value.changesWinner ? 'instead' : 'as before'}\n${oddText}${swingLines.join('\n')}\n`,
  });
}

function breakdownAnalysis(segmented: SegmentedContest, column: string, countOptions: CountRequest, threshold: bigint, search: MarginSearch | undefined): Result<Part, string> {
  if (!segmented.columns.includes(column)) return err(`no segment column "${column}" (columns: ${segmented.columns.join(', ')})`);
  const result = count(segmented.contest, countOptions);
  if (!result.ok) return result;
  const names = segmented.contest.candidates;
  const rows = segmentBreakdown(segmented, column, result.value, threshold);
  const json = rows.map((r) => segmentRowJson(r, names));
  const label = (r: SegmentRowJson): string => r.segment ?? `other (${r.segments} segments pooled for privacy)`;
  const text = json.map((r) => `  ${label(r)}: ${r.ballots} ballots; first preferences ${describe(r.firstPreferences)}${r.finalRound ? `; final round ${describe(r.finalRound)}, exhausted ${r.exhausted ?? 0}` : ''}\n`);
  const swings = segmentSwings(segmented, column, countOptions, threshold, search);
  const swingRows = swings.ok ? swings.value.map((s) => ({ segment: s.segment ?? null, segments: s.segments, ...swingJson(s.swing, names) })) : [];
  const swingLines = swings.ok
    ? swingRows.map((s) => `  ${s.segment ?? `other (${s.segments} segments pooled for privacy)`}:\n${swingText(s).map((l) => `    ${l}\n`).join('')}`)
    : [`  ${swings.error}\n`];
  return ok({
    key: 'segments',
    json: { column, privacyThreshold: Number(threshold), rows: json, swings: swingRows, ...(swings.ok ? {} : { noSwing: swings.error }) },
    text: `By ${column}:\n${text.join('')}Smallest swing of each ${column} that alters the winner:\n${swingLines.join('')}`,
  });
}

function describe(counts: Record<string, number>): string {
  return Object.entries(counts).map(([name, n]) => `${name} ${n}`).join(', ');
}
