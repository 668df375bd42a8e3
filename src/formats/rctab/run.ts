/**
 * An RCTab contest from config to reports: validate the config, read every CVR source with its provider's
 * reader (once for all the contests of a run that share it), group identical ballots, tabulate with RCTab's
 * rules, and write the detailed reports (one pair per pass of a multi-pass IRV: detailed_report_1.json, ...)
 * and, when the config asks, the CDF export. Nothing is written here: the caller gets the files' names and
 * contents, or the first error, and writes only on success.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { tabulate } from '../../count/rctab/tabulator.ts';
import type { RctabBallot } from '../../count/rctab/rules.ts';
import type { RctabCount } from '../../count/rctab/round.ts';
import { err, ok, type InputError, type Result } from '../../result.ts';
import { BallotCountCheck } from './check.ts';
import { parseRctabConfig, type RctabConfig } from './config.ts';
import { BallotGrouper } from './ballot-groups.ts';
import { CandidateDirectory, type CastVoteRecord } from './cvr.ts';
import { sharesById } from './cdf-rounds.ts';
import { cdfCvr, cdfElection, cdfFrame, precinctUnits } from './cdf-writer.ts';
import { READERS, readSources, type CvrReaders } from './readers/index.ts';
import { readShared } from './shared-read.ts';
import { ballotRoundsCsv, detailedReportCsv, detailedReportJson, sliceView, type ReportContext } from './report.ts';

export interface ReportFile {
  readonly name: string;
  readonly content: string;
}

/**
 * The CVRs of a counted contest as NIST CDF JSON, written on demand: the export can be far larger than
 * memory (a snapshot per ballot per round), so `write` streams its text to `out` as it reads the sources
 * again.
 */
export interface CdfExport {
  readonly name: string;
  write(out: (text: string) => void): Promise<Result<void, InputError>>;
}

/** What a contest's run produces: its report files, and its CDF exports when the config asks for them. */
export interface ContestRun {
  readonly reports: ReportFile[];
  readonly exports: CdfExport[];
}

export interface RunOptions {
  /** Also write ballot_rounds.csv: how each ballot counted in each round. */
  readonly ballotRounds?: boolean;
  /**
   * Write the CVRs as NIST CDF JSON with each ballot's rounds (cvr_cdf.json, or one per pass) when the
   * config's generateCdfJson asks, stamped with this ISO 8601 time.
   */
  readonly cdfGeneratedDate?: string;
}

/** A contest config to run: its text, and its path (CVR paths are relative to its folder). */
export interface ContestInput {
  readonly text: string;
  readonly path: string;
}

/** Runs the contest of the config at `configPath`, whose text is `configText`; its CDF exports as files too. */
export async function runRctabContest(configText: string, configPath: string, options: RunOptions = {}): Promise<Result<ReportFile[], InputError>> {
  const run = await runRctabContests([{ text: configText, path: configPath }], options);
  if (!run.ok) return run;
  const files = [...(run.value[0]?.reports ?? [])];
  for (const cdf of run.value[0]?.exports ?? []) {
    const parts: string[] = [];
    const written = await cdf.write((text) => parts.push(text));
    if (!written.ok) return written;
    files.push({ name: cdf.name, content: parts.join('') });
  }
  return ok(files);
}

/**
 * Runs several contests, reading each CVR source they share once (see shared-read.ts): each contest's
 * reports and CDF exports, in the order given, or the first error. `readers` reads each provider's CVRs.
 */
export async function runRctabContests(
  inputs: readonly ContestInput[],
  options: RunOptions = {},
  readers: CvrReaders = READERS,
): Promise<Result<ContestRun[], InputError>> {
  const configs: RctabConfig[] = [];
  for (const input of inputs) {
    const config = parseInput(input);
    if (!config.ok) return config;
    configs.push(config.value);
  }
  const ballotRounds = options.ballotRounds === true;
  const contests = configs.map((config) => {
    const date = config.contest.generateCdfJson ? options.cdfGeneratedDate : undefined;
    // The CDF export needs every ballot's rounds, which the count records for ballots read with their ids.
    return { config, date, grouper: new BallotGrouper(config, ballotRounds || date !== undefined) };
  });
  const read = await readShared(contests.map(({ config, grouper }) => ({ sources: config.sources, candidates: config.directory, onRecord: (r: CastVoteRecord) => grouper.add(r) })), readers);
  if (!read.ok) return read;
  const results: ContestRun[] = [];
  for (const { config, date, grouper } of contests) {
    const counted = contestRun(config, grouper, ballotRounds, date);
    if (!counted.ok) return counted;
    results.push(counted.value);
  }
  return ok(results);
}

/**
 * The config of `input`, validated as RCTab validates it, CVR sources included: a missing file is one
 * more of the problems listed together, not an error of its own once the others are fixed.
 */
function parseInput({ text, path }: ContestInput): Result<RctabConfig, InputError> {
  return parseRctabConfig(text, path, dirname(path), { fileExists: existsSync });
}

/** Counts a contest whose records are all read, and lays out its files (with its CDF export when dated). */
function contestRun(config: RctabConfig, grouper: BallotGrouper, ballotRounds: boolean, date: string | undefined): Result<ContestRun, InputError> {
  const ballots = grouper.finish();
  if (!ballots.ok) return ballots;
  const counted = count(config, ballots.value.groups);
  if (!counted.ok) return counted;
  const exports = date === undefined ? [] : cdfExports(config, counted.value, ballots.value.precincts, date);
  return ok({ reports: layOut(config, counted.value, ballotRounds), exports });
}

/** Reads the contest's CVRs without counting and describes the ballots found, for the operator to check. */
export async function checkRctabContest(configText: string, configPath: string): Promise<Result<string, InputError>> {
  const checked = await checkRctabContests([{ text: configText, path: configPath }]);
  return checked.ok ? ok(checked.value[0] ?? '') : checked;
}

/** checkRctabContest for several contests, reading each CVR source they share once. */
export async function checkRctabContests(inputs: readonly ContestInput[]): Promise<Result<string[], InputError>> {
  const contests: { config: RctabConfig; check: BallotCountCheck; grouper: BallotGrouper }[] = [];
  for (const input of inputs) {
    const config = parseInput(input);
    if (!config.ok) return config;
    const check = new BallotCountCheck();
    const maxRankings = config.value.rules.maxRankingsAllowed ?? config.value.candidates.filter((c) => c.undeclaredWriteIn !== true).length;
    contests.push({ config: config.value, check, grouper: new BallotGrouper(config.value, false, (record, ranks) => check.add(record, ranks, maxRankings)) });
  }
  const read = await readShared(contests.map(({ config, grouper }) => ({ sources: config.sources, candidates: config.directory, onRecord: (r: CastVoteRecord) => grouper.add(r) })));
  if (!read.ok) return read;
  const texts: string[] = [];
  for (const { config, check, grouper } of contests) {
    const ballots = grouper.finish();
    if (!ballots.ok) return ballots;
    texts.push(check.describe(config.contest.name));
  }
  return ok(texts);
}

/** Tabulates ballots already read and lays out the reports (ballot_rounds.csv for ballots given with ids). */
export function reports(config: RctabConfig, ballots: readonly RctabBallot[]): Result<ReportFile[], InputError> {
  const counted = count(config, ballots);
  return counted.ok ? ok(layOut(config, counted.value, true)) : counted;
}

function count(config: RctabConfig, ballots: readonly RctabBallot[]): Result<RctabCount[], InputError> {
  const counted = tabulate(config.candidates, ballots, config.rules);
  return counted.ok ? ok(counted.value) : err({ message: `tabulation stopped: ${counted.error}` });
}

/** The stem of a pass's report files: detailed_report, or detailed_report_<n> for several passes. */
function passStem(config: RctabConfig, passes: number, i: number): string {
  return passes > 1 || config.rules.winnerElectionMode === 'multiPassIrv' ? `detailed_report_${i + 1}` : 'detailed_report';
}

function layOut(config: RctabConfig, passes: readonly RctabCount[], ballotRounds: boolean): ReportFile[] {
  const mode = config.rules.winnerElectionMode;
  const percentage = config.rules.multiSeatBottomsUpPercentageThreshold;
  const ctx: ReportContext = {
    contest: config.contest,
    singleWinner: mode === 'singleWinnerMajority',
    firstRoundShares: mode === 'multiPassIrv',
    sharesPerRound: !config.rules.doesFirstRoundDetermineThreshold && (mode === 'singleWinnerMajority' || mode === 'multiPassIrv' || mode === 'bottomsUpUsingPercentageThreshold'),
    surplusRows: mode === 'multiWinnerAllowOnlyOneWinnerPerRound' || mode === 'multiWinnerAllowMultipleWinnersPerRound',
    ...(percentage !== undefined ? { percentage: percentage.toString() } : {}),
  };
  return passes.flatMap((count, i) => {
    const stem = passStem(config, passes.length, i);
    const slices = [...count.sliceTotals.values()].flatMap(({ key }) => {
      const folder = key.kind === 'precinct' ? 'Tabulate by Precinct' : 'Tabulate by Batch';
      const base = `${folder}/${key.label.replace(/[^\w.-]/g, '_')}_${key.kind}_${stem}`;
      const view = sliceView(count, key, ctx);
      const sliceCtx = { ...ctx, slice: key };
      return [
        { name: `${base}.json`, content: detailedReportJson(view, sliceCtx) },
        { name: `${base}.csv`, content: detailedReportCsv(view, sliceCtx, count) },
      ];
    });
    const audit = ballotRounds && count.paths.length > 0 ? [{ name: `${stem.replace('detailed_report', 'ballot_rounds')}.csv`, content: ballotRoundsCsv(count) }] : [];
    return [
      { name: `${stem}.json`, content: detailedReportJson(count, ctx) },
      { name: `${stem}.csv`, content: detailedReportCsv(count, ctx) },
      ...slices,
      ...audit,
    ];
  });
}

/**
 * The CVRs as NIST CDF JSON with their rounds, one file per pass, read again from the sources when
 * written: the count kept each ballot's rounds under its CVR id, not the records themselves.
 */
function cdfExports(config: RctabConfig, passes: readonly RctabCount[], precincts: readonly string[], date: string): CdfExport[] {
  const units = config.contest.tabulateByPrecinct ? precinctUnits(precincts) : new Map<string, string>();
  return passes.map((pass, i) => ({
    name: `${passStem(config, passes.length, i).replace('detailed_report', 'cvr_cdf')}.json`,
    write: async (out) => {
      const shares = sharesById(pass, config.rules.decimalPlacesForVoteArithmetic);
      const frame = cdfFrame(cdfElection(config), date, units);
      out(frame.head);
      const read = await readSources(config.sources, new CandidateDirectory(config.directory), (record, index) => {
        const rounds = shares.get(record.computedId);
        const unitId = record.precinct === undefined ? undefined : units.get(record.precinct);
        out(frame.cvr(cdfCvr(record, { ...(rounds ? { rounds } : {}), ...(unitId !== undefined ? { unitId } : {}) }), index));
      });
      if (!read.ok) return read;
      out(frame.tail);
      return ok(undefined);
    },
  }));
}

