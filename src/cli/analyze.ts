/**
 * `rollover analyze FILE --margin [--json]`: how close was it? For one seat (IRV) the exact margin of
 * victory with a witness that a recount confirms; the cheap bounds are printed first (to stderr) while the
 * exact search runs. For several seats (STV) an estimate of the swing that would change the last seat.
 * The contract is in DESIGN.md ("rollover analyze"). With --rctab-config the ballots are an RCTab
 * contest's cast vote records, read with RCTab's ballot rules (analysis/rctab-contest.ts).
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
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { RctabContestBuilder } from '../analysis/rctab-contest.ts';
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
    .option('--max-nodes <n>', 'integer programs to solve before settling for a bound', wholeNumber('max-nodes'), 20_000)
    .option('--json', 'print JSON')
    .action(commandAction(analyze));
}

function wholeNumber(name: string): (text: string) => number {
  return (text) => {
    if (!/^[1-9]\d{0,8}$/.test(text)) throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
    return Number(text);
  };
}

async function analyze(file: string | undefined, options: AnalyzeOptions): Promise<Outcome> {
  const source = options.rctabConfig ?? file;
  if (source === undefined) return usageError('analyze needs a ballot FILE or --rctab-config CONFIG');
  const contest = options.rctabConfig ? await readRctabContest(options.rctabConfig) : await readContest(source, options.format ? { format: options.format } : {});
  if (!contest.ok) return invalidInput(describeInputError(contest.error));
  const tieBreak: TieBreakOptions = { mode: options.tiebreak, seed: options.lotSeed };
  return chooseMethod(options, contest.value) === 'irv' ? irvAnalysis(source, contest.value, tieBreak, options) : stvAnalysis(source, contest.value, tieBreak, options);
}

async function irvAnalysis(file: string, contest: Contest, tieBreak: TieBreakOptions, options: AnalyzeOptions): Promise<Outcome> {
  const cheap = cheapIrvBounds(contest, { tieBreak });
  if (!cheap.ok) return invalidInput(`${file}: ${cheap.error}`);
  const upper = cheap.value.upper ? `, at most ${changedBallots(cheap.value.upper)} (last-round margin)` : '';
  process.stderr.write(`margin: at least ${cheap.value.lower} ballots${upper}; searching for the exact margin…\n`);
  const margin = irvMargin(contest, await loadHighsSolver(), { tieBreak, maxNodes: options.maxNodes });
  if (!margin.ok) return invalidInput(`${file}: ${margin.error}`);
  const names = contest.candidates;
  if (options.json) return success(`${JSON.stringify({ margin: marginJson(margin.value, names) }, null, 2)}\n`);
  return success(marginText(margin.value, names));
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
    integerPrograms: m.nodes,
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

function stvAnalysis(file: string, contest: Contest, tieBreak: TieBreakOptions, options: AnalyzeOptions): Outcome {
  const result = count(contest, {
    method: 'stv',
    rules: options.rules ?? DEFAULT_RULES.stv,
    tieBreak,
    ...(options.seats === undefined ? {} : { seats: options.seats }),
  });
  if (!result.ok) return invalidInput(`${file}: ${result.error}`);
  const estimate = stvLastSeatEstimate(result.value);
  if (!estimate) return invalidInput(`${file}: every candidate was elected, so there is no runner-up to compare`);
  const names = contest.candidates;
  const [last, runnerUp] = [names[estimate.lastElected], names[estimate.runnerUp]];
  if (options.json) {
    const gap = estimate.gap.toFixed(result.value.places);
    return success(`${JSON.stringify({ margin: { ballots: Number(estimate.ballots), exact: false, estimate: true, lastElected: last, runnerUp, round: estimate.round, gap, witness: [] } }, null, 2)}\n`);
  }
  return success(`Last seat (estimate): ${estimate.ballots} ballots moved from ${last} to ${runnerUp} in round ${estimate.round} would reverse them (gap ${estimate.gap.toFixed(result.value.places)} votes)\n`);
}

/** Reads an RCTab contest's CVRs, with the config's ballot rules, as a plain contest. */
export async function readRctabContest(configPath: string): Promise<Result<Contest, InputError>> {
  const { parseRctabConfig } = await import('../formats/rctab/config.ts');
  const { CVR_READERS } = await import('../formats/rctab/readers/index.ts');
  const { CandidateDirectory } = await import('../formats/rctab/cvr.ts');
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch {
    return err({ file: configPath, message: 'cannot read the RCTab configuration' });
  }
  const parsed = parseRctabConfig(text, configPath, dirname(configPath));
  if (!parsed.ok) return parsed;
  const config = RctabContestBuilder.check(parsed.value);
  if (!config.ok) return err({ file: configPath, message: config.error });
  const builder = new RctabContestBuilder(config.value);
  const directory = new CandidateDirectory(config.value.directory);
  for (const spec of config.value.sources) {
    const read = await CVR_READERS[spec.provider](spec, directory, (record) => builder.add(record));
    if (!read.ok) return read;
  }
  return ok(builder.contest());
}
