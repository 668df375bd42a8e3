/**
 * `rollover count --rctab-config CONFIG.json --report-dir DIR`: run an RCTab contest configuration (CVR
 * paths relative to the config file) and write RCTab's detailed reports into DIR: detailed_report.json and
 * .csv, or detailed_report_1.json, _2, ... for the passes of a multi-pass IRV, and with the config's
 * tabulateByPrecinct / tabulateByBatch one pair per precinct or batch in "Tabulate by Precinct" and
 * "Tabulate by Batch". Nothing is written unless the whole contest counted. The contract is in DESIGN.md ("Contracts").
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { runRctabContest } from '../formats/rctab/run.ts';
import { describeInputError } from '../result.ts';
import type { CountCliOptions, CountMode } from './count.ts';
import { invalidInput, success, usageError, type Outcome } from './exit.ts';

export const rctabCountMode: CountMode = {
  addOptions: (command: Command) => {
    command
      .option('--rctab-config <config>', 'an RCTab contest configuration (JSON) to count instead of FILE')
      .option('--report-dir <dir>', 'with --rctab-config: where to write the detailed reports');
  },
  wants: (options: CountCliOptions) => options.rctabConfig !== undefined || options.reportDir !== undefined,
  run: (file: string | undefined, options: CountCliOptions) => runRctabCommand(file, options),
};

async function runRctabCommand(file: string | undefined, options: CountCliOptions): Promise<Outcome> {
  const config = options.rctabConfig;
  const dir = options.reportDir;
  if (typeof config !== 'string') return usageError('--report-dir goes with --rctab-config CONFIG.json');
  if (typeof dir !== 'string') return usageError('--rctab-config needs --report-dir DIR for the reports');
  if (file !== undefined) return usageError('give either a ballot FILE or --rctab-config, not both');
  let text: string;
  try {
    text = await readFile(config, 'utf8');
  } catch (e) {
    return invalidInput(`${config}: cannot read the config (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const result = await runRctabContest(text, resolve(config));
  if (!result.ok) return invalidInput(describeInputError(result.error));
  for (const report of result.value) {
    const path = join(dir, report.name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, report.content, 'utf8');
  }
  return success(`${result.value.map((r) => join(dir, r.name)).join('\n')}\n`);
}
