/**
 * `rollover count --rctab-config CONFIG.json [CONFIG2.json ...] --report-dir DIR`: run RCTab contest
 * configurations (CVR paths relative to each config file) and write RCTab's detailed reports into DIR:
 * detailed_report.json and .csv, or detailed_report_1.json, _2, ... for the passes of a multi-pass IRV, and
 * with the config's tabulateByPrecinct / tabulateByBatch one pair per precinct or batch in "Tabulate by
 * Precinct" and "Tabulate by Batch". With several configs each contest's reports go into DIR/<config name>,
 * and a CVR export they share is read once for all of them.
 * Nothing is written unless every contest counted. The contract is in DESIGN.md ("Contracts").
 *
 * A config whose outputSettings set generateCdfJson also gets cvr_cdf.json: the CVRs as NIST CDF JSON with
 * what each ballot counted for in each round, as RCTab writes it.
 *
 * `--ballot-rounds` adds ballot_rounds.csv: each CVR id and what it counted for in each round.
 * `--check-only` reads the CVRs and prints the ballot counts (by source and precinct, undervotes,
 * overvotes) without counting, for an operator to compare with the voting system's totals.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { isConfigValidationError, validationSummary } from '../formats/rctab/config.ts';
import { checkRctabContests, runRctabContests, type CdfExport, type ContestInput } from '../formats/rctab/run.ts';
import { describeInputError, type InputError } from '../result.ts';
import type { CountCliOptions, CountMode } from './count.ts';
import { invalidInput, success, usageError, type Outcome } from './exit.ts';
import { fileSink, type Sink } from './sink.ts';

export const rctabCountMode: CountMode = {
  addOptions: (command: Command) => {
    command
      .option('--rctab-config <configs...>', 'RCTab contest configurations (JSON) to count instead of FILE')
      .option('--report-dir <dir>', 'with --rctab-config: where to write the detailed reports')
      .option('--check-only', 'with --rctab-config: read the CVRs and print ballot counts, without counting')
      .option('--ballot-rounds', 'with --rctab-config: also write ballot_rounds.csv, how each ballot counted in each round');
  },
  wants: (options: CountCliOptions) => options.rctabConfig !== undefined || options.reportDir !== undefined || options.checkOnly !== undefined,
  run: (file: string | undefined, options: CountCliOptions) => runRctabCommand(file, options),
};

async function runRctabCommand(file: string | undefined, options: CountCliOptions): Promise<Outcome> {
  const configs = options.rctabConfig;
  const dir = options.reportDir;
  if (!Array.isArray(configs) || !configs.every((c): c is string => typeof c === 'string')) {
    return usageError('--report-dir and --check-only go with --rctab-config CONFIG.json');
  }
  if (file !== undefined) return usageError('give either a ballot FILE or --rctab-config, not both');
  if (options.checkOnly === true) return checkAll(configs);
  if (typeof dir !== 'string') return usageError('--rctab-config needs --report-dir DIR for the reports');
  const inputs = await readInputs(configs);
  if (!Array.isArray(inputs)) return inputs;
  const counted = await runRctabContests(inputs, { ballotRounds: options.ballotRounds === true, cdfGeneratedDate: new Date().toISOString() });
  if (!counted.ok) return invalidInput(describeRctabError(counted.error));
  const folder = (config: string): string => (configs.length > 1 ? join(dir, basename(config, extname(config))) : dir);
  const contests = configs.map((config, i) => ({ folder: folder(config), run: counted.value[i] ?? { reports: [], exports: [] } }));
  const files = contests.flatMap(({ folder, run }) => run.reports.map((r) => ({ path: join(folder, r.name), content: r.content })));
  const exports = contests.flatMap(({ folder, run }) => run.exports.map((e) => ({ path: join(folder, e.name), cdf: e })));
  // Hundreds of precinct reports: make each folder once, then write the files side by side rather than one
  // awaited write after another.
  for (const folder of new Set([...files, ...exports].map((f) => dirname(f.path)))) await mkdir(folder, { recursive: true });
  const written = await writeExports(exports);
  if (typeof written !== 'string') return written;
  await Promise.all(files.map((f) => writeFile(f.path, f.content, 'utf8')));
  return success(`${files.map((f) => `${f.path}\n`).join('')}${written}`);
}

/**
 * Streams each CDF export to its file (each may be far larger than memory); if one fails, none is kept.
 * Returns the files' lines to print.
 */
async function writeExports(exports: readonly { path: string; cdf: CdfExport }[]): Promise<string | Outcome> {
  const sinks: Sink[] = [];
  for (const { path, cdf } of exports) {
    const sink = fileSink(path);
    sinks.push(sink);
    const written = await cdf.write((text) => sink.write(text));
    if (!written.ok) {
      await Promise.all(sinks.map((s) => s.abort()));
      return invalidInput(describeRctabError(written.error));
    }
  }
  const lines: string[] = [];
  for (const sink of sinks) lines.push(await sink.commit());
  return lines.join('');
}

async function checkAll(configs: readonly string[]): Promise<Outcome> {
  const inputs = await readInputs(configs);
  if (!Array.isArray(inputs)) return inputs;
  const checked = await checkRctabContests(inputs);
  return checked.ok ? success(checked.value.join('\n')) : invalidInput(describeRctabError(checked.error));
}

/** The configs' texts, each with its absolute path (CVR paths are relative to it). */
async function readInputs(configs: readonly string[]): Promise<ContestInput[] | Outcome> {
  const inputs: ContestInput[] = [];
  for (const config of configs) {
    const text = await readConfig(config);
    if (typeof text !== 'string') return text;
    inputs.push({ text, path: resolve(config) });
  }
  return inputs;
}

async function readConfig(config: string): Promise<string | Outcome> {
  try {
    return await readFile(config, 'utf8');
  } catch (e) {
    return invalidInput(`${config}: cannot read the config (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/**
 * An RCTab run's error for the terminal: a failed config validation lists its problems one a line under
 * RCTab's summary line, where its message (one error, shared with the web page) numbers them on one line.
 */
export function describeRctabError(error: InputError): string {
  if (!isConfigValidationError(error)) return describeInputError(error);
  const head = describeInputError({ ...error, message: validationSummary(error.problems) });
  return [head, ...error.problems.map((p, i) => `  (${i + 1}) ${p}`)].join('\n');
}
