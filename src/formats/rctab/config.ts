/**
 * RCTab contest configuration files: parsed with zod, validated as RCTab validates them (see
 * config-validation.ts), and turned into the CVR source specs the readers take and the rules the tabulator
 * takes.
 */
import { err, ok, type InputError, type Result } from '../../result.ts';
import { Decimal } from '../../count/rctab/decimal.ts';
import { UNDECLARED_WRITE_INS, type RctabCandidate, type RctabRules } from '../../count/rctab/rules.ts';
import type { CandidateSpec, CvrSourceSpec } from './cvr.ts';
import {
  MODES,
  OVERVOTE_RULES,
  PROVIDERS,
  TIEBREAKS,
  configSchema,
  isBlank,
  isSet,
  option,
  resolveCvrPath,
  type RawConfig,
  type RawSource,
} from './config-options.ts';
import { migrateRctabConfig } from './config-migration.ts';
import { intWithOption } from './config-numbers.ts';
import { candidateAliases, validateRctabConfig } from './config-validation.ts';

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

export interface ParseOptions {
  /** Also check, as RCTab does, that every CVR source exists (the caller decides where files live). */
  readonly fileExists?: (path: string) => boolean;
}

/**
 * Parses and validates a config. `baseDir` is the config file's folder: relative CVR paths are resolved
 * against it. Every problem found is reported, as RCTab's validation does, in one message naming `file`.
 */
export function parseRctabConfig(content: string, file: string, baseDir: string, options: ParseOptions = {}): Result<RctabConfig, InputError> {
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
  const raw = migrateRctabConfig(parsed.data);
  const problems = validateRctabConfig(raw, { baseDir, ...(options.fileExists ? { fileExists: options.fileExists } : {}) });
  if (problems.length > 0) return err(validationFailure(file, problems));
  return ok(build(raw, baseDir));
}

/**
 * A config that failed validation. The message is one line, for callers that print one; the problems are
 * kept as a list too, for a caller that lists them one a line (a value in a problem may itself read like
 * a number marker, so the message cannot be split back into them).
 */
export interface ConfigValidationError extends InputError {
  readonly problems: readonly string[];
}

/** Whether an RCTab run's error is a failed config validation (the run passes it on as it was made). */
export function isConfigValidationError(error: InputError): error is ConfigValidationError {
  return 'problems' in error && Array.isArray(error.problems);
}

/** RCTab's summary line for a failed validation, before its problems. */
export function validationSummary(problems: readonly string[]): string {
  return `Contest config validation failed! ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}:`;
}

/** RCTab's summary line, then each problem numbered (on one line: the message is one error). */
function validationFailure(file: string, problems: readonly string[]): ConfigValidationError {
  return { file, message: `${validationSummary(problems)} ${problems.map((p, i) => `(${i + 1}) ${p}`).join(' ')}`, problems };
}

/** The config as the readers and the tabulator take it; `raw` has passed validation. */
function build(raw: RawConfig, baseDir: string): RctabConfig {
  const out = raw.outputSettings;
  const sources = raw.cvrFileSources.map((s) => sourceSpec(s, raw, baseDir));
  const candidates: RctabCandidate[] = raw.candidates.map((c) => ({ name: c.name ?? '', excluded: isSet(c.excluded), ...(c.code ? { code: c.code } : {}) }));
  if (sources.some((s) => s.undeclaredWriteInLabel !== undefined)) candidates.push({ name: UNDECLARED_WRITE_INS, excluded: false, undeclaredWriteIn: true });
  return {
    contest: {
      name: out.contestName ?? '',
      date: out.contestDate ?? '',
      jurisdiction: out.contestJurisdiction ?? '',
      office: out.contestOffice ?? '',
      outputDirectory: out.outputDirectory ?? '',
      tabulateByPrecinct: isSet(out.tabulateByPrecinct),
      tabulateByBatch: isSet(out.tabulateByBatch),
      generateCdfJson: isSet(out.generateCdfJson),
    },
    sources,
    directory: raw.candidates.map((c) => ({ name: c.name ?? '', aliases: candidateAliases(c) })),
    candidates,
    rules: rules(raw.rules),
  };
}

function sourceSpec(s: RawSource, raw: RawConfig, baseDir: string): CvrSourceSpec {
  const provider = valid(option(PROVIDERS, s.provider));
  const filePath = valid(s.filePath);
  const maxRankings = whole(raw.rules.maxRankingsAllowed);
  const text = (value: string | undefined): string | undefined => (isBlank(value) ? undefined : value);
  const fields = {
    contestId: text(s.contestId),
    firstVoteColumnIndex: whole(s.firstVoteColumnIndex),
    firstVoteRowIndex: whole(s.firstVoteRowIndex),
    idColumnIndex: whole(s.idColumnIndex),
    precinctColumnIndex: whole(s.precinctColumnIndex),
    batchColumnIndex: whole(s.batchColumnIndex),
    overvoteDelimiter: text(s.overvoteDelimiter),
    overvoteLabel: text(s.overvoteLabel),
    skippedRankLabel: text(s.skippedRankLabel),
    undeclaredWriteInLabel: text(s.undeclaredWriteInLabel),
    // ES&S rank columns run from the first vote column for maxRankingsAllowed columns.
    maxRankings: provider === 'ess' ? maxRankings : undefined,
  };
  return {
    provider,
    filePath,
    resolvedPath: resolveCvrPath(filePath, baseDir),
    treatBlankAsUndeclaredWriteIn: isSet(s.treatBlankAsUndeclaredWriteIn),
    ...definedOnly(fields),
  };
}

function rules(r: RawConfig['rules']): RctabRules {
  const mode = valid(option(MODES, r.winnerElectionMode));
  const skipped = r.maxSkippedRanksAllowed?.toLowerCase() === 'unlimited' ? undefined : whole(r.maxSkippedRanksAllowed);
  const percentage = mode === 'bottomsUpUsingPercentageThreshold' && !isBlank(r.multiSeatBottomsUpPercentageThreshold) ? Decimal.parse(r.multiSeatBottomsUpPercentageThreshold) : undefined;
  const optional = {
    randomSeed: isBlank(r.randomSeed) ? undefined : BigInt(r.randomSeed),
    maxSkippedRanksAllowed: skipped,
    maxRankingsAllowed: whole(r.maxRankingsAllowed),
    stopTabulationEarlyAfterRound: whole(r.stopTabulationEarlyAfterRound),
    multiSeatBottomsUpPercentageThreshold: percentage,
  };
  return {
    winnerElectionMode: mode,
    numberOfWinners: valid(whole(r.numberOfWinners)),
    tiebreakMode: valid(option(TIEBREAKS, r.tiebreakMode)),
    overvoteRule: valid(option(OVERVOTE_RULES, r.overvoteRule)),
    exhaustOnDuplicateCandidate: isSet(r.exhaustOnDuplicateCandidate),
    batchElimination: isSet(r.batchElimination),
    continueUntilTwoCandidatesRemain: isSet(r.continueUntilTwoCandidatesRemain),
    cutoffElimination: isSet(r.cutoffElimination),
    doesFirstRoundDetermineThreshold: isSet(r.doesFirstRoundDetermineThreshold),
    nonIntegerWinningThreshold: isSet(r.nonIntegerWinningThreshold),
    hareQuota: isSet(r.hareQuota),
    decimalPlacesForVoteArithmetic: valid(whole(r.decimalPlacesForVoteArithmetic)),
    minimumVoteThreshold: isBlank(r.minimumVoteThreshold) ? 0n : BigInt(r.minimumVoteThreshold),
    ...definedOnly(optional),
  };
}

/** A validated whole number, read as validation read it ("max", "unlimited" and blank give undefined). */
function whole(value: string | undefined): number | undefined {
  return intWithOption(value, undefined, 0);
}

/** A value validation has vouched for: its absence would be a bug here, not bad input. */
function valid<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('RCTab config: a validated setting is missing');
  return value;
}

/** The entries that have a value (optional properties are left out rather than set to undefined). */
function definedOnly<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
