/**
 * `rollover convert CONFIG.json [--output FILE]`: read every CVR source of an RCTab contest configuration
 * (ES&S, Dominion, CDF, Clear Ballot, Hart, generic CSV; paths relative to the config) and write the cast
 * vote records as one NIST CDF JSON report, as RCTab's conversion does. Prints to stdout unless --output is
 * given; nothing is written when any source is invalid.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { cdfCvr, cdfReport, type CdfJson } from '../formats/rctab/cdf-writer.ts';
import { parseRctabConfig, type RctabConfig } from '../formats/rctab/config.ts';
import { CandidateDirectory } from '../formats/rctab/cvr.ts';
import { CVR_READERS } from '../formats/rctab/readers/index.ts';
import { describeInputError, err, ok, type InputError, type Result } from '../result.ts';
import { commandAction, invalidInput, success, type Outcome } from './exit.ts';

interface ConvertOptions {
  readonly output?: string;
}

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description("convert an RCTab contest's cast vote records to NIST CDF JSON")
    .argument('<config>', 'RCTab contest configuration (JSON); CVR paths are relative to it')
    .option('--output <file>', 'write the CDF JSON here instead of to stdout')
    .action(commandAction((config: string, options: ConvertOptions) => convert(config, options)));
}

async function convert(configPath: string, options: ConvertOptions): Promise<Outcome> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (e) {
    return invalidInput(`${configPath}: cannot read the config (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const config = parseRctabConfig(text, configPath, dirname(resolve(configPath)));
  if (!config.ok) return invalidInput(describeInputError(config.error));
  const cvrs = await readCdfCvrs(config.value);
  if (!cvrs.ok) return invalidInput(describeInputError(cvrs.error));
  const report = cdfReport(
    {
      contestName: config.value.contest.name,
      jurisdiction: config.value.contest.jurisdiction,
      candidates: config.value.directory.map((c) => c.name),
      undeclaredWriteIns: config.value.sources.some((s) => s.undeclaredWriteInLabel !== undefined),
      overvoteLabel: config.value.sources.some((s) => s.overvoteLabel !== undefined),
    },
    cvrs.value,
    new Date().toISOString(),
  );
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (options.output === undefined) return success(json);
  await writeFile(options.output, json, 'utf8');
  return success(`${options.output}\n`);
}

/** Every source's records as CDF CVRs, in source order; the first invalid source stops the conversion. */
async function readCdfCvrs(config: RctabConfig): Promise<Result<CdfJson[], InputError>> {
  const directory = new CandidateDirectory(config.directory);
  const cvrs: CdfJson[] = [];
  for (const spec of config.sources) {
    const read = await CVR_READERS[spec.provider](spec, directory, (record) => cvrs.push(cdfCvr(record)));
    if (!read.ok) return err(read.error);
  }
  return ok(cvrs);
}
