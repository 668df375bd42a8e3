/**
 * `rollover convert CONFIG.json [--to cdf|csv] [--output FILE]`: read every CVR source of an RCTab contest
 * configuration (ES&S, Dominion, CDF, Clear Ballot, Hart, generic CSV; paths relative to the config) and
 * write the cast vote records as RCTab's conversions do: one NIST CDF JSON report, or RCTab's CVR export
 * CSV (one row per record, one column per rank). Records are written as they are read, so a conversion
 * of millions of ballots holds none of them in memory; with --output the file appears only once every
 * source has been read (nothing is written when a source is invalid). Without --output the result goes to
 * stdout, which suits contests that fit in memory.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { cdfCvr, cdfElection, cdfFrame } from '../formats/rctab/cdf-writer.ts';
import { parseRctabConfig, type RctabConfig } from '../formats/rctab/config.ts';
import { CandidateDirectory, type CastVoteRecord } from '../formats/rctab/cvr.ts';
import { cvrCsvHeader, cvrCsvRow } from '../formats/rctab/cvr-csv.ts';
import { readSources } from '../formats/rctab/readers/index.ts';
import { describeInputError } from '../result.ts';
import { commandAction, invalidInput, success, type Outcome } from './exit.ts';
import { describeRctabError } from './rctab.ts';
import { fileSink, memorySink } from './sink.ts';

interface ConvertOptions {
  readonly to: 'cdf' | 'csv';
  readonly output?: string;
}

/** How the chosen format lays out the output around and between records. */
interface Layout {
  readonly head: string;
  /** The record's text; `index` counts records from 0. */
  readonly record: (record: CastVoteRecord, index: number) => string;
  readonly tail: string;
}

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description("convert an RCTab contest's cast vote records to NIST CDF JSON or RCTab's CVR CSV")
    .argument('<config>', 'RCTab contest configuration (JSON); CVR paths are relative to it')
    .addOption(new Option('--to <format>', 'cdf (NIST CDF JSON) or csv (one row per record)').choices(['cdf', 'csv']).default('cdf'))
    .option('--output <file>', 'write here instead of to stdout')
    .action(commandAction((config: string, options: ConvertOptions) => convert(config, options)));
}

async function convert(configPath: string, options: ConvertOptions): Promise<Outcome> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (e) {
    return invalidInput(`${configPath}: cannot read the config (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  // A missing CVR file is listed with the config's other problems, as RCTab lists it.
  const config = parseRctabConfig(text, configPath, dirname(resolve(configPath)), { fileExists: existsSync });
  if (!config.ok) return invalidInput(describeRctabError(config.error));
  const layout = options.to === 'csv' ? csvLayout(config.value) : cdfLayout(config.value);
  const sink = options.output === undefined ? memorySink() : fileSink(options.output);
  sink.write(layout.head);
  const read = await readSources(config.value.sources, new CandidateDirectory(config.value.directory), (record, i) => sink.write(layout.record(record, i)));
  if (!read.ok) {
    await sink.abort();
    return invalidInput(describeInputError(read.error));
  }
  sink.write(layout.tail);
  return success(await sink.commit());
}

function cdfLayout(config: RctabConfig): Layout {
  const frame = cdfFrame(cdfElection(config), new Date().toISOString());
  return {
    head: frame.head,
    record: (record, index) => frame.cvr(cdfCvr(record), index),
    tail: frame.tail,
  };
}

function csvLayout(config: RctabConfig): Layout {
  // RCTab's "max" rankings: as many as there are declared candidates.
  const ranks = config.rules.maxRankingsAllowed ?? config.directory.length;
  const labels = new Map(config.sources.map((s) => [s.filePath, s.undeclaredWriteInLabel ?? '']));
  const options = { ranks, writeInLabel: (source: string) => labels.get(source) ?? '' };
  return { head: cvrCsvHeader(ranks), record: (record) => cvrCsvRow(record, options), tail: '' };
}
