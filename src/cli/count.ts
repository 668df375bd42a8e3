/**
 * `rollover count FILE [options]`: read a ballot file, count it under the chosen rules, print a stage
 * sheet (or, with --json, the contract's JSON). The contract is in DESIGN.md ("Contracts").
 *
 * Other ways of running a count (an RCTab contest configuration, say) plug in as a CountMode: they add
 * their own options to this command and take over when those options are given.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Contest } from '../count/ballots.ts';
import type { BallotFormatName } from '../formats/detect.ts';
import { count, DEFAULT_RULES, findRule, listRules, type CountOptions } from '../count/index.ts';
import type { TieBreakMode } from '../count/types.ts';
import { describeInputError } from '../result.ts';
import { compileFor, compileFully } from './compiler.ts';
import { commandAction, invalidInput, success, usageError, type Outcome } from './exit.ts';
import { progressBar } from './progress.ts';
import { BALLOT_FORMATS, readContest } from './read-file.ts';

type Method = CountOptions['method'];

/** The options as commander parses them (choices and numbers already checked). */
export interface CountCliOptions {
  readonly format?: BallotFormatName;
  readonly method?: Method;
  readonly rules?: string;
  readonly seats?: number;
  readonly tiebreak: TieBreakMode;
  readonly lotSeed: string;
  readonly batchElimination?: true;
  readonly continueUntilTwo?: true;
  readonly json?: true;
  readonly [other: string]: unknown;
}

/** Another way to run `rollover count`, switched on by options of its own. */
export interface CountMode {
  readonly addOptions: (command: Command) => void;
  /** Whether the given options ask for this mode (FILE is then optional). */
  readonly wants: (options: CountCliOptions) => boolean;
  readonly run: (file: string | undefined, options: CountCliOptions) => Promise<Outcome>;
}

export function registerCount(program: Command, modes: readonly CountMode[] = []): void {
  const command = program
    .command('count')
    .description('count a ballot file and print the result round by round')
    .argument('[file]', 'ballot file: BLT, CSV (wide or ballot_id,rank,choice), PrefLib or JSON')
    .addOption(new Option('--format <format>', 'the file format (default: from the name, then the content)').choices(BALLOT_FORMATS))
    .addOption(new Option('--method <method>', 'irv or stv (default: irv for one seat, else stv)').choices(['irv', 'stv']))
    .option('--rules <name>', `rule set (${ruleNames()})`)
    .option('--seats <n>', 'seats to fill (default: from the file)', seatsArgument)
    .addOption(new Option('--tiebreak <mode>', 'how ties are broken before lot').choices(['backwards', 'forwards', 'lot']).default('backwards'))
    .option('--lot-seed <seed>', 'seed of the reproducible lot', 'rollover')
    .option('--batch-elimination', 'IRV: exclude together all who could not overtake the next candidate')
    .option('--continue-until-two', 'IRV: keep excluding until two candidates remain')
    .option('--json', "print the contract's JSON instead of the stage sheet");
  for (const mode of modes) mode.addOptions(command);
  command.action(
    commandAction(async (file: string | undefined, options: CountCliOptions) => {
      const mode = modes.find((m) => m.wants(options));
      if (mode) {
        compileFully();
        return mode.run(file, options);
      }
      if (file === undefined) return usageError('count needs a ballot FILE (rollover count FILE [options])');
      return countFile(file, options);
    }, { exitWhenWritten: true }),
  );
}

function ruleNames(): string {
  return [...new Set(listRules().map((r) => r.name))].join(', ');
}

function seatsArgument(text: string): number {
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new InvalidArgumentError('seats must be a whole number of at least 1');
  return Number(text);
}

async function countFile(file: string, options: CountCliOptions): Promise<Outcome> {
  // A misspelt rule name is found before reading what may be a very large file.
  if (options.rules !== undefined && !listRules().some((r) => r.name === options.rules)) {
    return usageError(`unknown rules "${options.rules}" (known: ${ruleNames()})`);
  }
  const bar = progressBar(file);
  const contest = await readContest(file, { ...(options.format ? { format: options.format } : {}), onSize: compileFor, onProgress: bar.update });
  bar.done();
  if (!contest.ok) return invalidInput(describeInputError(contest.error));
  const method = chooseMethod(options, contest.value);
  const rules = options.rules ?? DEFAULT_RULES[method];
  if (!findRule(method, rules)) return usageError(unknownRules(method, rules));
  const result = count(contest.value, {
    method,
    rules,
    ...(options.seats === undefined ? {} : { seats: options.seats }),
    tieBreak: { mode: options.tiebreak, seed: options.lotSeed },
    batchElimination: options.batchElimination === true,
    continueUntilTwo: options.continueUntilTwo === true,
  });
  if (!result.ok) return invalidInput(`${file}: ${result.error}`);
  if (options.json) {
    const { countJson } = await import('../formats/count-json.ts');
    return success(`${JSON.stringify(countJson(result.value), null, 2)}\n`);
  }
  const { renderTable } = await import('./table.ts');
  return success(renderTable(result.value, contest.value.title));
}

/**
 * The method asked for; else the method of the named rules (so `--rules meek` alone means STV); else IRV
 * for one seat and STV for more.
 */
export function chooseMethod(options: Pick<CountCliOptions, 'method' | 'rules' | 'seats'>, contest: Pick<Contest, 'seats'>): Method {
  if (options.method) return options.method;
  const bySeats: Method = (options.seats ?? contest.seats) === 1 ? 'irv' : 'stv';
  const named = listRules().filter((r) => r.name === options.rules);
  return named.length === 0 || named.some((r) => r.method === bySeats) ? bySeats : (named[0]?.method ?? bySeats);
}

function unknownRules(method: Method, rules: string): string {
  const known = listRules().filter((r) => r.method === method).map((r) => r.name);
  return `unknown ${method} rules "${rules}" (known: ${known.join(', ') || 'none'})`;
}
