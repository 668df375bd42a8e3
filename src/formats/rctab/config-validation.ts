/**
 * RCTab's validation of a contest config: every check RCTab makes before it tabulates, each problem in
 * RCTab's own words (its operator log messages: the offending value, and the file source or candidate it
 * concerns), all of them reported at once as RCTab's validation does.
 *
 * Sources: RCTab's config file documentation, its operator log messages (technical data package, section
 * 29) and its contest config validation. Order follows RCTab's: version, output settings, CVR sources,
 * candidates, rules.
 */
import type { WinnerElectionMode } from '../../count/rctab/rules.ts';
import {
  MODE_LABELS,
  MODES,
  OVERVOTE_RULES,
  TIEBREAKS,
  checkFlags,
  isBlank,
  isSet,
  option,
  type RawCandidate,
  type RawConfig,
} from './config-options.ts';
import { checkSources, termConflict } from './config-source-checks.ts';
import { INT_MAX, decimalOutOfRange, intWithOption, outOfRange, present } from './config-numbers.ts';

export interface ValidationOptions {
  /** The config file's folder: relative CVR paths are resolved against it. */
  readonly baseDir: string;
  /** When given, every CVR source must exist ("Cast vote record file not found"). */
  readonly fileExists?: (path: string) => boolean;
}

/** RCTab's randomSeed range: java.util.Random keeps 48 bits of its seed. */
const MIN_SEED = -140737488355328n;
const MAX_SEED = 140737488355327n;

/** Every problem RCTab would report for this config; empty when it is valid. */
export function validateRctabConfig(raw: RawConfig, options: ValidationOptions): string[] {
  const problems: string[] = [];
  checkOutputSettings(raw, problems);
  checkSources(raw, options, problems);
  checkCandidates(raw, problems);
  checkRules(raw, problems);
  return problems;
}

function checkOutputSettings(raw: RawConfig, problems: string[]): void {
  const out = raw.outputSettings;
  if (isBlank(raw.tabulatorVersion)) problems.push('tabulatorVersion is required!');
  if (isBlank(out.contestName)) problems.push('contestName is required!');
  if (!isBlank(out.contestDate) && !isCalendarDate(out.contestDate)) problems.push(`Invalid contestDate: ${out.contestDate}!`);
  // RCTab refuses C:\Users on Windows: user accounts keep delete rights there, so the results could not be
  // kept read-only (RCTab issue 757). The message is ours; RCTab's wording is not published.
  if (!isBlank(out.outputDirectory) && /^[a-z]:[\\/]+users([\\/]|$)/i.test(out.outputDirectory)) {
    problems.push(
      `outputDirectory "${out.outputDirectory}" is inside a Windows user account folder (C:\\Users), where results can't be kept read-only! Choose a folder outside it, e.g. C:\\RCTab.`,
    );
  }
  checkFlags(out, ['tabulateByPrecinct', 'tabulateByBatch', 'generateCdfJson'], problems);
}

/** RCTab reads contestDate as an ISO date (yyyy-MM-dd). */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/**
 * A candidate's aliases as RCTab keeps them: its code (older configs) and aliases, each once. The name and
 * every alias must be unique across all candidates.
 */
export function candidateAliases(candidate: RawCandidate): string[] {
  const aliases = [candidate.code, ...(candidate.aliases ?? [])].filter((a): a is string => !isBlank(a));
  return [...new Set(aliases)];
}

function checkCandidates(raw: RawConfig, problems: string[]): void {
  const seen = new Set<string>();
  for (const candidate of raw.candidates) {
    if (isBlank(candidate.name)) problems.push('A name is required for each candidate!');
    const terms = [...candidateAliases(candidate), ...(isBlank(candidate.name) ? [] : [candidate.name])];
    for (const term of terms) {
      const conflict = seen.has(term) ? `Duplicate candidate names are not allowed: ${term}` : termConflict(term, 'a candidate name', raw.cvrFileSources);
      if (conflict === undefined) seen.add(term);
      else problems.push(conflict);
    }
    checkFlags(candidate, ['excluded'], problems, ` for candidate: ${candidate.name ?? ''}`);
  }
  const declared = declaredCount(raw);
  const excluded = new Set(raw.candidates.filter((c) => isSet(c.excluded)).map((c) => c.name ?? ''));
  if (declared < 1) problems.push('Contest config must contain at least 1 declared candidate!');
  else if (excluded.size === declared) problems.push('Contest config must contain at least 1 non-excluded candidate!');
}

/** RCTab counts distinct candidate names (a name listed twice is one declared candidate). */
function declaredCount(raw: RawConfig): number {
  return new Set(raw.candidates.map((c) => c.name ?? '')).size;
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

function checkRules(raw: RawConfig, problems: string[]): void {
  const r = raw.rules;
  const mode = checkOptions(r, problems);
  problems.push(...rangeProblems(r, declaredCount(raw)));
  const seats = intWithOption(r.numberOfWinners, undefined, 0);
  if (seats !== undefined) problems.push(...seatProblems(seats, mode, r));
  problems.push(...thresholdProblems(mode, r));
  checkFlags(r, RULE_FLAGS, problems);
}

/** The tie-break (with its seed), overvote and winner election options; gives the mode when known. */
function checkOptions(r: RawConfig['rules'], problems: string[]): WinnerElectionMode | undefined {
  const tiebreak = known('tiebreakMode', TIEBREAKS, r.tiebreakMode, problems);
  const random = tiebreak === 'random' || tiebreak === 'previousRoundCountsThenRandom' || tiebreak === 'generatePermutation';
  if (random && isBlank(r.randomSeed)) problems.push('When tiebreakMode involves a random element, randomSeed must be supplied!');
  problems.push(...present([outOfRange(r.randomSeed, 'randomSeed', MIN_SEED, MAX_SEED, false)]));
  known('overvoteRule', OVERVOTE_RULES, r.overvoteRule, problems);
  return known('winnerElectionMode', MODES, r.winnerElectionMode, problems);
}

/** The numeric rules, each within its range ("max" and "unlimited" standing for numbers). */
function rangeProblems(r: RawConfig['rules'], declared: number): string[] {
  const problems: string[] = [];
  const rankings = intWithOption(r.maxRankingsAllowed, 'max', declared);
  if (rankings === undefined || (declared >= 1 && rankings < 1)) problems.push(`maxRankingsAllowed must either be "max" or an integer from 1 to ${INT_MAX}!`);
  const skipped = intWithOption(r.maxSkippedRanksAllowed, 'unlimited', Number(INT_MAX));
  if (skipped === undefined || skipped < 0) problems.push(`maxSkippedRanksAllowed must either be "unlimited" or an integer from 0 to ${INT_MAX}!`);
  return problems.concat(
    present([
      // RCTab once capped seats at the number of candidates; now it elects everyone when seats are more.
      outOfRange(r.numberOfWinners, 'numberOfWinners', 0n, INT_MAX, true),
      outOfRange(r.decimalPlacesForVoteArithmetic, 'decimalPlacesForVoteArithmetic', 1n, 20n, true),
      outOfRange(r.minimumVoteThreshold, 'minimumVoteThreshold', 0n, 1000000n, false),
      decimalOutOfRange(r.multiSeatBottomsUpPercentageThreshold, 'multiSeatBottomsUpPercentageThreshold', 1n, 100n),
      outOfRange(r.stopTabulationEarlyAfterRound, 'stopTabulationEarlyAfterRound', 1n, INT_MAX, false),
    ]),
  );
}

/** The option named by `value`; otherwise RCTab's message for an unset or unrecognized one. */
function known<T extends string>(field: string, names: readonly T[], value: string | undefined, problems: string[]): T | undefined {
  const name = option(names, value);
  if (name === undefined) problems.push(isBlank(value) ? `Invalid ${field}!` : `${field} "${value}" is unrecognized! Please supply a valid ${field}.`);
  return name;
}

const quoted = (mode: WinnerElectionMode): string => `"${MODE_LABELS[mode]}"`;
const PERCENTAGE_MODE = 'bottomsUpUsingPercentageThreshold';

/** Which winner election modes go with how many seats, and the options only single-seat counts take. */
function seatProblems(seats: number, mode: WinnerElectionMode | undefined, r: RawConfig['rules']): string[] {
  const problems: string[] = [];
  if (seats > 0 && mode === PERCENTAGE_MODE) problems.push(`numberOfWinners must be zero if winnerElectionMode is ${quoted(mode)}!`);
  if (seats > 1 && mode !== 'multiPassIrv') {
    const unless = 'in a multi-seat contest unless the winner election mode is multi-pass IRV!';
    if (isSet(r.continueUntilTwoCandidatesRemain)) problems.push(`continueUntilTwoCandidatesRemain can't be true ${unless}`);
    if (isSet(r.batchElimination)) problems.push(`batchElimination can't be true ${unless}`);
    // The documentation: single-winner majority is "only valid when numberOfWinners = 1".
    if (mode === 'singleWinnerMajority') problems.push(`winnerElectionMode can't be ${quoted(mode)} in a multi-seat contest!`);
  }
  if (seats === 1 && mode !== undefined && mode !== 'singleWinnerMajority') problems.push(`winnerElectionMode can't be ${quoted(mode)} in a single-seat contest!`);
  if (seats === 0) {
    if (mode !== PERCENTAGE_MODE) problems.push(`If numberOfWinners is zero, winnerElectionMode must be ${quoted(PERCENTAGE_MODE)}!`);
    if (isBlank(r.multiSeatBottomsUpPercentageThreshold)) problems.push('If numberOfWinners is zero, multiSeatBottomsUpPercentageThreshold must be specified!');
  }
  return problems;
}

/** Batch elimination, Hare quota and non-integer thresholds, by winner election mode. */
function thresholdProblems(mode: WinnerElectionMode | undefined, r: RawConfig['rules']): string[] {
  const problems: string[] = [];
  if (mode === PERCENTAGE_MODE && isSet(r.batchElimination)) problems.push(`batchElimination can't be true when winnerElectionMode is ${quoted(mode)}!`);
  // Quotas are a multi-winner (surplus-transferring) notion.
  if (mode !== undefined && mode !== 'multiWinnerAllowOnlyOneWinnerPerRound' && mode !== 'multiWinnerAllowMultipleWinnersPerRound') {
    if (isSet(r.nonIntegerWinningThreshold)) problems.push(`nonIntegerWinningThreshold can't be true when winnerElectionMode is ${quoted(mode)}!`);
    if (isSet(r.hareQuota)) problems.push(`hareQuota can't be true when winnerElectionMode is ${quoted(mode)}!`);
  }
  if (isSet(r.nonIntegerWinningThreshold) && isSet(r.hareQuota)) problems.push("nonIntegerWinningThreshold and hareQuota can't both be true at the same time!");
  return problems;
}
