/**
 * RCTab contest configuration files: parsed with zod, checked as RCTab checks them, and turned into the
 * CVR source specs the readers take and the rules the tabulator takes.
 *
 * Source: RCTab's config file documentation (every key of "outputSettings", "cvrFileSources",
 * "candidates" and "rules", their allowed values and which combinations are valid) and its user guide.
 * RCTab stores numbers as strings ("numberOfWinners" : "1") and accepts numbers too; blank means unset.
 */
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { err, ok, type InputError, type Result } from '../../result.ts';
import { Decimal } from '../../count/rctab/decimal.ts';
import {
  UNDECLARED_WRITE_INS,
  type OvervoteRule,
  type RctabCandidate,
  type RctabRules,
  type TiebreakMode,
  type WinnerElectionMode,
} from '../../count/rctab/rules.ts';
import type { CandidateSpec, CvrProvider, CvrSourceSpec } from './cvr.ts';

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
// Kept as written so that a flag like "True" is one more problem reported, not the end of validation.
const flag = z.union([z.boolean(), z.string(), z.number()]);

const sourceSchema = z.object({
  filePath: text.optional(),
  provider: text.optional(),
  contestId: text.optional(),
  firstVoteColumnIndex: text.optional(),
  firstVoteRowIndex: text.optional(),
  idColumnIndex: text.optional(),
  batchColumnIndex: text.optional(),
  precinctColumnIndex: text.optional(),
  overvoteDelimiter: text.optional(),
  overvoteLabel: text.optional(),
  skippedRankLabel: text.optional(),
  undeclaredWriteInLabel: text.optional(),
  treatBlankAsUndeclaredWriteIn: flag.optional(),
});

const configSchema = z.object({
  tabulatorVersion: text.optional(),
  outputSettings: z.object({
    contestName: text.optional(),
    outputDirectory: text.optional(),
    contestDate: text.optional(),
    contestJurisdiction: text.optional(),
    contestOffice: text.optional(),
    tabulateByPrecinct: flag.optional(),
    tabulateByBatch: flag.optional(),
    generateCdfJson: flag.optional(),
  }),
  cvrFileSources: z.array(sourceSchema),
  candidates: z.array(z.object({ name: text.optional(), code: text.optional(), excluded: flag.optional(), aliases: z.array(text).optional() })),
  rules: z.object({
    tiebreakMode: text.optional(),
    overvoteRule: text.optional(),
    winnerElectionMode: text.optional(),
    randomSeed: text.optional(),
    numberOfWinners: text.optional(),
    multiSeatBottomsUpPercentageThreshold: text.optional(),
    decimalPlacesForVoteArithmetic: text.optional(),
    minimumVoteThreshold: text.optional(),
    maxSkippedRanksAllowed: text.optional(),
    maxRankingsAllowed: text.optional(),
    nonIntegerWinningThreshold: flag.optional(),
    doesFirstRoundDetermineThreshold: flag.optional(),
    hareQuota: flag.optional(),
    batchElimination: flag.optional(),
    cutoffElimination: flag.optional(),
    continueUntilTwoCandidatesRemain: flag.optional(),
    stopTabulationEarlyAfterRound: text.optional(),
    exhaustOnDuplicateCandidate: flag.optional(),
    rulesDescription: text.optional(),
  }),
});

type RawConfig = z.infer<typeof configSchema>;
type RawSource = z.infer<typeof sourceSchema>;

export interface ContestInfo {
  readonly name: string;
  readonly date: string;
  readonly jurisdiction: string;
  readonly office: string;
  readonly outputDirectory: string;
  readonly tabulateByPrecinct: boolean;
  readonly tabulateByBatch: boolean;
  readonly generateCdfJson: boolean;
}

export interface RctabConfig {
  readonly contest: ContestInfo;
  readonly sources: readonly CvrSourceSpec[];
  /** For the CVR readers: each config candidate with its code and aliases. */
  readonly directory: readonly CandidateSpec[];
  /** For the tabulator: config candidates in order, then the undeclared write-ins when a source has a label. */
  readonly candidates: readonly RctabCandidate[];
  readonly rules: RctabRules;
}

const PROVIDERS: readonly CvrProvider[] = ['ess', 'dominion', 'cdf', 'clearBallot', 'hart', 'genericCsv'];
const MODES: readonly WinnerElectionMode[] = [
  'singleWinnerMajority',
  'multiWinnerAllowOnlyOneWinnerPerRound',
  'multiWinnerAllowMultipleWinnersPerRound',
  'bottomsUp',
  'bottomsUpUsingPercentageThreshold',
  'multiPassIrv',
];
const TIEBREAKS: readonly TiebreakMode[] = [
  'random',
  'stopCountingAndAsk',
  'previousRoundCountsThenRandom',
  'previousRoundCountsThenAsk',
  'useCandidateOrder',
  'generatePermutation',
];
const OVERVOTE_RULES: readonly OvervoteRule[] = ['alwaysSkipToNextRank', 'exhaustImmediately', 'exhaustIfMultipleContinuing'];
/**
 * Older configs spell options as RCTab's interface shows them ("Exhaust immediately"), or by earlier names
 * (usePermutationInConfig, interactive); RCTab migrates them on load, and so do we.
 */
const LEGACY_NAMES: Readonly<Record<string, string>> = {
  'Single-winner majority determines winner': 'singleWinnerMajority',
  'Multi-winner allow only one winner per round': 'multiWinnerAllowOnlyOneWinnerPerRound',
  'Multi-winner allow multiple winners per round': 'multiWinnerAllowMultipleWinnersPerRound',
  'Bottoms-up': 'bottomsUp',
  'Bottoms-up using percentage threshold': 'bottomsUpUsingPercentageThreshold',
  'Multi-pass IRV': 'multiPassIrv',
  Random: 'random',
  'Stop counting and ask': 'stopCountingAndAsk',
  interactive: 'stopCountingAndAsk',
  'Previous round counts (then random)': 'previousRoundCountsThenRandom',
  'Previous round counts (then stop counting and ask)': 'previousRoundCountsThenAsk',
  previousRoundCountsThenInteractive: 'previousRoundCountsThenAsk',
  'Use candidate order in the config file': 'useCandidateOrder',
  usePermutationInConfig: 'useCandidateOrder',
  'Generate permutation': 'generatePermutation',
  'Always skip to next rank': 'alwaysSkipToNextRank',
  'Exhaust immediately': 'exhaustImmediately',
  'Exhaust if multiple continuing': 'exhaustIfMultipleContinuing',
  'ES&S': 'ess',
  CDF: 'cdf',
  'Clear Ballot': 'clearBallot',
  Dominion: 'dominion',
  Hart: 'hart',
};

/** The option `value` names, if it is one of `names` or an older spelling of one. */
function option<T extends string>(names: readonly T[], value: string | undefined): T | undefined {
  const name = value === undefined ? undefined : (LEGACY_NAMES[value] ?? value);
  return names.find((n) => n === name);
}

/** RCTab's randomSeed range: a 48-bit signed integer, java.util.Random's seed width. */
const SEED_LIMIT = 140737488355328n;

/**
 * Parses and validates a config. `baseDir` is the config file's folder: relative CVR paths are resolved
 * against it. Every problem found is reported, as RCTab's validation does.
 */
export function parseRctabConfig(content: string, file: string, baseDir: string): Result<RctabConfig, InputError> {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (e) {
    return err({ file, message: `not valid JSON: ${(e as Error).message}` });
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    return err({ file, message: `invalid config: ${issues.join('; ')}` });
  }
  const problems: string[] = [];
  const config = build(parsed.data, baseDir, problems);
  if (problems.length > 0 || !config) return err({ file, message: `contest config validation failed: ${problems.join('; ')}` });
  return ok(config);
}

function build(raw: RawConfig, baseDir: string, problems: string[]): RctabConfig | undefined {
  const out = raw.outputSettings;
  if (!raw.tabulatorVersion) problems.push('tabulatorVersion is required');
  if (!out.contestName) problems.push('contestName is required');
  const outputDirectory = out.outputDirectory ?? '';
  if (/^[a-z]:[\\/]+users([\\/]|$)/i.test(outputDirectory)) problems.push(`outputDirectory "${outputDirectory}" is inside a user account folder (C:\\Users), which RCTab does not allow`);
  const directory = candidateSpecs(raw, problems);
  const rules = parseRules(raw, problems);
  const sources = raw.cvrFileSources.map((s, i) => parseSource(s, i + 1, raw, baseDir, problems));
  if (sources.length === 0) problems.push('at least one CVR file source is required');
  const byPrecinct = flagOf(out.tabulateByPrecinct, 'tabulateByPrecinct', problems);
  if (byPrecinct) {
    raw.cvrFileSources.forEach((s, i) => {
      if (option(PROVIDERS, s.provider) === 'ess' && !s.precinctColumnIndex) problems.push(`CVR source ${i + 1}: precinctColumnIndex is required when tabulateByPrecinct is enabled`);
    });
  }
  if (problems.length > 0 || !rules) return undefined;
  const hasUwi = sources.some((s) => s?.undeclaredWriteInLabel !== undefined);
  const candidates: RctabCandidate[] = raw.candidates.map((c) => ({
    name: c.name ?? '',
    excluded: flagOf(c.excluded, 'excluded', problems),
    ...(c.code ? { code: c.code } : {}),
  }));
  if (hasUwi) candidates.push({ name: UNDECLARED_WRITE_INS, excluded: false, undeclaredWriteIn: true });
  return {
    contest: {
      name: out.contestName ?? '',
      date: out.contestDate ?? '',
      jurisdiction: out.contestJurisdiction ?? '',
      office: out.contestOffice ?? '',
      outputDirectory,
      tabulateByPrecinct: byPrecinct,
      tabulateByBatch: flagOf(out.tabulateByBatch, 'tabulateByBatch', problems),
      generateCdfJson: flagOf(out.generateCdfJson, 'generateCdfJson', problems),
    },
    sources: sources.filter((s): s is CvrSourceSpec => s !== undefined),
    directory,
    candidates,
    rules,
  };
}

function candidateSpecs(raw: RawConfig, problems: string[]): CandidateSpec[] {
  const names = new Set<string>();
  const cdfOnly = raw.cvrFileSources.length > 0 && raw.cvrFileSources.every((s) => option(PROVIDERS, s.provider) === 'cdf');
  if (raw.candidates.length === 0 && !cdfOnly) problems.push('at least one candidate is required');
  return raw.candidates.map((c, i) => {
    const name = c.name ?? '';
    if (name === '') problems.push(`candidate ${i + 1}: name is required`);
    else if (names.has(name)) problems.push(`candidate "${name}" appears more than once`);
    names.add(name);
    const aliases = [...(c.code ? [c.code] : []), ...(c.aliases ?? [])].filter((a) => a !== '');
    return { name, aliases };
  });
}

function parseSource(s: RawSource, n: number, raw: RawConfig, baseDir: string, problems: string[]): CvrSourceSpec | undefined {
  const where = `CVR source ${n}`;
  const before = problems.length;
  const provider = option(PROVIDERS, s.provider);
  if (!s.filePath) problems.push(`${where}: filePath is required`);
  if (!provider) problems.push(`${where}: provider "${s.provider ?? ''}" is not one of ${PROVIDERS.join(', ')}`);
  const tabular = provider === 'ess' || provider === 'genericCsv';
  const firstColumn = optionalInt(s.firstVoteColumnIndex, 1, 1000, `${where}: firstVoteColumnIndex`, problems);
  const firstRow = optionalInt(s.firstVoteRowIndex, 1, 100000, `${where}: firstVoteRowIndex`, problems);
  if (tabular && firstColumn === undefined && !s.firstVoteColumnIndex) problems.push(`${where}: firstVoteColumnIndex is required for ${provider}`);
  if (tabular && firstRow === undefined && !s.firstVoteRowIndex) problems.push(`${where}: firstVoteRowIndex is required for ${provider}`);
  if (provider !== undefined && !tabular && provider !== 'cdf' && !s.contestId) problems.push(`${where}: contestId is required for ${provider}`);
  if (option(OVERVOTE_RULES, raw.rules.overvoteRule) === 'exhaustIfMultipleContinuing' && provider === 'ess' && !s.overvoteDelimiter)
    problems.push(`${where}: overvoteRule exhaustIfMultipleContinuing needs an overvoteDelimiter with an ES&S source`);
  if (s.overvoteDelimiter && s.overvoteLabel) problems.push(`${where}: overvoteDelimiter must be blank when overvoteLabel is given`);
  const idColumn = optionalInt(s.idColumnIndex, 1, 1000, `${where}: idColumnIndex`, problems);
  const precinctColumn = optionalInt(s.precinctColumnIndex, 1, 1000, `${where}: precinctColumnIndex`, problems);
  const batchColumn = optionalInt(s.batchColumnIndex, 1, 1000, `${where}: batchColumnIndex`, problems);
  if (problems.length > before || !provider || !s.filePath) return undefined;
  const maxRankings = raw.rules.maxRankingsAllowed;
  return {
    provider,
    filePath: s.filePath,
    resolvedPath: isAbsolute(s.filePath) ? s.filePath : join(baseDir, s.filePath),
    treatBlankAsUndeclaredWriteIn: flagOf(s.treatBlankAsUndeclaredWriteIn, `${where}: treatBlankAsUndeclaredWriteIn`, problems),
    ...(s.contestId ? { contestId: s.contestId } : {}),
    ...(firstColumn !== undefined ? { firstVoteColumnIndex: firstColumn } : {}),
    ...(firstRow !== undefined ? { firstVoteRowIndex: firstRow } : {}),
    ...(idColumn !== undefined ? { idColumnIndex: idColumn } : {}),
    ...(precinctColumn !== undefined ? { precinctColumnIndex: precinctColumn } : {}),
    ...(batchColumn !== undefined ? { batchColumnIndex: batchColumn } : {}),
    ...(s.overvoteDelimiter ? { overvoteDelimiter: s.overvoteDelimiter } : {}),
    ...(s.overvoteLabel ? { overvoteLabel: s.overvoteLabel } : {}),
    ...(s.skippedRankLabel ? { skippedRankLabel: s.skippedRankLabel } : {}),
    ...(s.undeclaredWriteInLabel ? { undeclaredWriteInLabel: s.undeclaredWriteInLabel } : {}),
    // ES&S rank columns run from the first vote column for maxRankingsAllowed columns.
    ...(provider === 'ess' && maxRankings && /^\d+$/.test(maxRankings) ? { maxRankings: Number(maxRankings) } : {}),
  };
}

function parseRules(raw: RawConfig, problems: string[]): RctabRules | undefined {
  const r = raw.rules;
  const before = problems.length;
  const mode = option(MODES, r.winnerElectionMode);
  const tiebreak = option(TIEBREAKS, r.tiebreakMode);
  const overvote = option(OVERVOTE_RULES, r.overvoteRule);
  if (!mode) problems.push(`winnerElectionMode "${r.winnerElectionMode ?? ''}" is not one of ${MODES.join(', ')}`);
  if (!tiebreak) problems.push(`tiebreakMode "${r.tiebreakMode ?? ''}" is not one of ${TIEBREAKS.join(', ')}`);
  if (!overvote) problems.push(`overvoteRule "${r.overvoteRule ?? ''}" is not one of ${OVERVOTE_RULES.join(', ')}`);
  const seats = requiredInt(r.numberOfWinners, 0, 1000000, 'numberOfWinners', problems);
  const places = requiredInt(r.decimalPlacesForVoteArithmetic, 1, 20, 'decimalPlacesForVoteArithmetic', problems);
  const skipped = r.maxSkippedRanksAllowed === 'unlimited' ? undefined : requiredInt(r.maxSkippedRanksAllowed, 0, 1000000, 'maxSkippedRanksAllowed', problems);
  const rankings = r.maxRankingsAllowed === 'max' ? undefined : requiredInt(r.maxRankingsAllowed, 1, 1000000, 'maxRankingsAllowed', problems);
  const minimum = optionalInt(r.minimumVoteThreshold, 0, 1000000, 'minimumVoteThreshold', problems) ?? 0;
  const stopAfter = optionalInt(r.stopTabulationEarlyAfterRound, 1, 1000000, 'stopTabulationEarlyAfterRound', problems);
  const seed = parseSeed(r.randomSeed, tiebreak, problems);
  const flags = ruleFlags(r, problems);
  const percentage = parsePercentage(r.multiSeatBottomsUpPercentageThreshold, mode, problems);
  if (mode && seats !== undefined) checkModeAndSeats(mode, seats, flags, problems);
  if (problems.length > before || !mode || !tiebreak || !overvote || seats === undefined || places === undefined) return undefined;
  return {
    winnerElectionMode: mode,
    numberOfWinners: seats,
    tiebreakMode: tiebreak,
    overvoteRule: overvote,
    exhaustOnDuplicateCandidate: flags.exhaustOnDuplicateCandidate,
    batchElimination: flags.batchElimination,
    continueUntilTwoCandidatesRemain: flags.continueUntilTwoCandidatesRemain,
    cutoffElimination: flags.cutoffElimination,
    doesFirstRoundDetermineThreshold: flags.doesFirstRoundDetermineThreshold,
    nonIntegerWinningThreshold: flags.nonIntegerWinningThreshold,
    hareQuota: flags.hareQuota,
    decimalPlacesForVoteArithmetic: places,
    minimumVoteThreshold: BigInt(minimum),
    ...(seed !== undefined ? { randomSeed: seed } : {}),
    ...(skipped !== undefined ? { maxSkippedRanksAllowed: skipped } : {}),
    ...(rankings !== undefined ? { maxRankingsAllowed: rankings } : {}),
    ...(stopAfter !== undefined ? { stopTabulationEarlyAfterRound: stopAfter } : {}),
    ...(percentage !== undefined ? { multiSeatBottomsUpPercentageThreshold: percentage } : {}),
  };
}

/** The combinations the documentation rules out. */
function checkModeAndSeats(mode: WinnerElectionMode, seats: number, r: RuleFlags, problems: string[]): void {
  const single = mode === 'singleWinnerMajority' || mode === 'multiPassIrv';
  if (mode === 'singleWinnerMajority' && seats !== 1) problems.push('singleWinnerMajority needs numberOfWinners = 1');
  if (mode === 'bottomsUpUsingPercentageThreshold' && seats !== 0) problems.push('bottomsUpUsingPercentageThreshold needs numberOfWinners = 0');
  if (mode !== 'singleWinnerMajority' && mode !== 'bottomsUpUsingPercentageThreshold' && seats < 2) problems.push(`${mode} needs numberOfWinners > 1`);
  if (!single && r.batchElimination) problems.push('batchElimination is only valid for single-winner and multi-pass IRV contests');
  if (!single && r.continueUntilTwoCandidatesRemain) problems.push('continueUntilTwoCandidatesRemain is only valid for single-winner and multi-pass IRV contests');
}

const RULE_FLAGS = [
  'exhaustOnDuplicateCandidate',
  'batchElimination',
  'continueUntilTwoCandidatesRemain',
  'cutoffElimination',
  'doesFirstRoundDetermineThreshold',
  'nonIntegerWinningThreshold',
  'hareQuota',
] as const;

type RuleFlags = Record<(typeof RULE_FLAGS)[number], boolean>;

function ruleFlags(r: RawConfig['rules'], problems: string[]): RuleFlags {
  const entries = RULE_FLAGS.map((name) => [name, flagOf(r[name], name, problems)] as const);
  return Object.fromEntries(entries) as RuleFlags;
}

/** A true/false setting; absent means false. */
function flagOf(value: boolean | string | number | undefined, name: string, problems: string[]): boolean {
  if (value === undefined || typeof value === 'boolean') return value ?? false;
  problems.push(`${name} must be true or false, not ${JSON.stringify(value)}`);
  return false;
}

function parseSeed(value: string | undefined, mode: TiebreakMode | undefined, problems: string[]): bigint | undefined {
  const needed = mode === 'random' || mode === 'previousRoundCountsThenRandom' || mode === 'generatePermutation';
  if (!value) {
    if (needed) problems.push(`randomSeed is required when tiebreakMode is ${mode}`);
    return undefined;
  }
  if (!/^-?\d+$/.test(value) || BigInt(value) >= SEED_LIMIT || BigInt(value) < -SEED_LIMIT) {
    problems.push(`randomSeed "${value}" must be a whole number from ${-SEED_LIMIT} to ${SEED_LIMIT - 1n}`);
    return undefined;
  }
  return BigInt(value);
}

function parsePercentage(value: string | undefined, mode: WinnerElectionMode | undefined, problems: string[]): Decimal | undefined {
  if (mode !== 'bottomsUpUsingPercentageThreshold') return undefined;
  const pct = value ? Decimal.parse(value) : undefined;
  if (!pct || pct.lt(Decimal.ONE) || Decimal.int(100).lt(pct)) {
    problems.push(`multiSeatBottomsUpPercentageThreshold "${value ?? ''}" must be a number from 1 to 100`);
    return undefined;
  }
  return pct;
}

function requiredInt(value: string | undefined, min: number, max: number, name: string, problems: string[]): number | undefined {
  if (!value) {
    problems.push(`${name} is required`);
    return undefined;
  }
  return optionalInt(value, min, max, name, problems);
}

function optionalInt(value: string | undefined, min: number, max: number, name: string, problems: string[]): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    problems.push(`${name} "${value}" must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return n;
}
