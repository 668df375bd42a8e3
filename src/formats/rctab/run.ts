/**
 * An RCTab contest from config to reports: validate the config, read every CVR source with its provider's
 * reader, group identical ballots, tabulate with RCTab's rules, and write the detailed reports (one pair per
 * pass of a multi-pass IRV: detailed_report_1.json, ...). Nothing is written here: the caller gets the
 * files' names and contents, or the first error, and writes only on success.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { tabulate } from '../../count/rctab/tabulator.ts';
import { OVERVOTE_LABEL, type RctabBallot, type RctabRank } from '../../count/rctab/rules.ts';
import type { RctabCount } from '../../count/rctab/round.ts';
import type { SliceKey } from '../../count/rctab/slices.ts';
import { err, ok, type InputError, type Result } from '../../result.ts';
import { BallotCountCheck } from './check.ts';
import { parseRctabConfig, type RctabConfig } from './config.ts';
import { CandidateDirectory, type CastVoteRecord, type Mark } from './cvr.ts';
import { sharesById } from './cdf-rounds.ts';
import { cdfCvr, cdfElection, cdfFrame, precinctUnits } from './cdf-writer.ts';
import { CVR_READERS, readSources } from './readers/index.ts';
import { ballotRoundsCsv, detailedReportCsv, detailedReportJson, sliceView, type ReportContext } from './report.ts';

export interface ReportFile {
  readonly name: string;
  readonly content: string;
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

/** Runs the contest of the config at `configPath`, whose text is `configText`. */
export async function runRctabContest(configText: string, configPath: string, options: RunOptions = {}): Promise<Result<ReportFile[], InputError>> {
  const config = parseRctabConfig(configText, configPath, dirname(configPath));
  if (!config.ok) return config;
  const date = config.value.contest.generateCdfJson ? options.cdfGeneratedDate : undefined;
  const ballotRounds = options.ballotRounds === true;
  // The CDF export needs every ballot's rounds, which the count records for ballots read with their ids.
  const ballots = await readBallots(config.value, ballotRounds || date !== undefined);
  if (!ballots.ok) return ballots;
  const counted = count(config.value, ballots.value.groups);
  if (!counted.ok) return counted;
  const files = layOut(config.value, counted.value, ballotRounds);
  if (date === undefined) return ok(files);
  const cdf = await cdfFiles(config.value, counted.value, ballots.value.precincts, date);
  return cdf.ok ? ok([...files, ...cdf.value]) : cdf;
}

/** Reads the contest's CVRs without counting and describes the ballots found, for the operator to check. */
export async function checkRctabContest(configText: string, configPath: string): Promise<Result<string, InputError>> {
  const config = parseRctabConfig(configText, configPath, dirname(configPath));
  if (!config.ok) return config;
  const check = new BallotCountCheck();
  const maxRankings = config.value.rules.maxRankingsAllowed ?? config.value.candidates.filter((c) => c.undeclaredWriteIn !== true).length;
  const read = await readBallots(config.value, false, (record, ranks) => check.add(record, ranks, maxRankings));
  return read.ok ? ok(check.describe(config.value.contest.name)) : read;
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
 * The CVRs as NIST CDF JSON with their rounds, one file per pass, read again from the sources: the count
 * kept each ballot's rounds under its CVR id, not the records themselves.
 */
async function cdfFiles(config: RctabConfig, passes: readonly RctabCount[], precincts: readonly string[], date: string): Promise<Result<ReportFile[], InputError>> {
  const units = config.contest.tabulateByPrecinct ? precinctUnits(precincts) : new Map<string, string>();
  const files: ReportFile[] = [];
  for (const [i, pass] of passes.entries()) {
    const shares = sharesById(pass, config.rules.decimalPlacesForVoteArithmetic);
    const frame = cdfFrame(cdfElection(config), date, units);
    const parts = [frame.head];
    const read = await readSources(config.sources, new CandidateDirectory(config.directory), (record, index) => {
      const rounds = shares.get(record.computedId);
      const unitId = record.precinct === undefined ? undefined : units.get(record.precinct);
      parts.push(frame.cvr(cdfCvr(record, { ...(rounds ? { rounds } : {}), ...(unitId !== undefined ? { unitId } : {}) }), index));
    });
    if (!read.ok) return read;
    parts.push(frame.tail);
    files.push({ name: `${passStem(config, passes.length, i).replace('detailed_report', 'cvr_cdf')}.json`, content: parts.join('') });
  }
  return ok(files);
}

/** Sees each record as read, with its ranks as the tabulator takes them. */
type RecordObserver = (record: CastVoteRecord, ranks: readonly RctabRank[]) => void;

/**
 * Reads every source, checking what RCTab checks of each record, into groups of identical ballots (with
 * their CVR ids when `keepIds`). `observe` sees every record (the ballot-count confirmation uses it).
 */
async function readBallots(config: RctabConfig, keepIds: boolean, observe?: RecordObserver): Promise<Result<Ballots, InputError>> {
  const directory = new CandidateDirectory(config.directory);
  const index = new Map(config.candidates.map((c, i) => [c.name, i]));
  const uwi = config.candidates.findIndex((c) => c.undeclaredWriteIn === true);
  const groups: Group[] = [];
  // Groups by precinct and batch, then by ranking: short keys, and precinct labels are few.
  const bySlice = new Map<string, Map<string, Group>>();
  // Groups with the same ranking in different precincts share one copy of it.
  const rankings = new Map<string, RctabRank[]>();
  const precincts = new Set<string>();
  for (const spec of config.sources) {
    const reader = CVR_READERS[spec.provider];
    if (!reader) return err({ file: spec.filePath, message: `reading ${spec.provider} CVRs is not supported yet` });
    if (!existsSync(spec.resolvedPath)) return err({ file: spec.filePath, message: `CVR source not found (${spec.resolvedPath})` });
    let problem: InputError | undefined;
    const read = await reader(spec, directory, (record) => {
      if (problem) return;
      if (record.precinct !== undefined && record.precinct !== '') precincts.add(record.precinct);
      const ranks = toRanks(record, config, index, uwi);
      if (!ranks.ok) {
        problem = ranks.error;
        return;
      }
      observe?.(record, ranks.value);
      const slices = slicesOf(record, config);
      const place = sliceKey(slices);
      let inSlice = bySlice.get(place);
      if (!inSlice) {
        inSlice = new Map();
        bySlice.set(place, inSlice);
      }
      const key = rankingKey(ranks.value);
      const group = inSlice.get(key);
      if (group) {
        group.weight += 1n;
        group.ids?.push(record.computedId);
      } else {
        let shared = rankings.get(key);
        if (!shared) {
          shared = ranks.value;
          rankings.set(key, shared);
        }
        const added: Group = { ranks: shared, weight: 1n, ...(slices.length > 0 ? { slices } : {}), ...(keepIds ? { ids: [record.computedId] } : {}) };
        inSlice.set(key, added);
        groups.push(added);
      }
    });
    if (!read.ok) return read;
    if (problem) return err(problem);
  }
  if (config.contest.tabulateByPrecinct && precincts.size === 0 && groups.length > 0) {
    return err({ message: 'tabulateByPrecinct is enabled but no CVR gives a precinct' });
  }
  return ok({ groups, precincts: [...precincts] });
}

/** The ballots of a contest, grouped, and the precincts its records name in order of first appearance. */
interface Ballots {
  readonly groups: RctabBallot[];
  readonly precincts: readonly string[];
}

/** Identical ballots, counted once with their number as weight. */
interface Group {
  readonly ranks: RctabRank[];
  weight: bigint;
  readonly slices?: SliceKey[];
  readonly ids?: string[];
}

/**
 * What makes ballots identical for the count: the same candidates at the same ranks (the key of a group
 * within its precinct and batch). It runs once per CVR, so it is built as one flat string of char codes
 * (each number as two 16-bit halves, so any value fits), which a Map hashes without first flattening.
 */
function rankingKey(ranks: readonly RctabRank[]): string {
  const codes: number[] = [];
  for (const { rank, candidates } of ranks) {
    codes.push(rank >>> 16, rank & 0xffff, candidates.length >>> 16, candidates.length & 0xffff);
    for (const c of candidates) codes.push((c + 1) >>> 16, (c + 1) & 0xffff);
  }
  return String.fromCharCode(...codes);
}

/** The precinct and batch of a group: a label's length goes before it, so that no label can pass for two. */
function sliceKey(slices: readonly SliceKey[]): string {
  const [only, ...more] = slices;
  if (more.length === 0) return only?.label ?? '';
  return slices.map(({ label }) => `${label.length}:${label}`).join('|');
}

function toRanks(record: CastVoteRecord, config: RctabConfig, index: ReadonlyMap<string, number>, uwi: number): Result<RctabRank[], InputError> {
  const where = { file: record.source, record: record.computedId };
  const max = config.rules.maxRankingsAllowed;
  const ranks: RctabRank[] = [];
  for (const { rank, marks } of record.rankings) {
    if (max !== undefined && rank > max) return err({ ...where, message: `ranks a choice at rank ${rank}, beyond maxRankingsAllowed (${max})` });
    const candidates: number[] = [];
    for (const mark of marks) {
      const c = markIndex(mark, index, uwi);
      if (c === undefined) return err({ ...where, message: 'has an undeclared write-in but no source declares undeclaredWriteInLabel' });
      if (!candidates.includes(c)) candidates.push(c);
    }
    ranks.push({ rank, candidates });
  }
  return ok(ranks);
}

/**
 * The precinct and batch a record is reported under, when the config asks for results by precinct or batch.
 * Records without one are grouped under RCTab's placeholder names (as its regression cases name them:
 * missing_precinct_example for ES&S, generic_csv_test for the others and for batches).
 */
function slicesOf(record: CastVoteRecord, config: RctabConfig): SliceKey[] {
  const keys: SliceKey[] = [];
  if (config.contest.tabulateByPrecinct) {
    const missing = record.provider === 'ess' ? 'missing_precinct_id' : 'no precinct id';
    keys.push({ kind: 'precinct', label: record.precinct || missing });
  }
  if (config.contest.tabulateByBatch) keys.push({ kind: 'batch', label: record.batchId || 'no batch id' });
  return keys;
}

function markIndex(mark: Mark, index: ReadonlyMap<string, number>, uwi: number): number | undefined {
  switch (mark.kind) {
    case 'candidate':
      return index.get(mark.name);
    case 'overvote':
      return OVERVOTE_LABEL;
    case 'undeclaredWriteIn':
      return uwi < 0 ? undefined : uwi;
  }
}
