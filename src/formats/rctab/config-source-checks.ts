/**
 * RCTab's checks of the CVR file sources of a config, in its words: which fields each provider requires,
 * allows or forbids, their ranges, labels that clash, duplicate or missing files, and the output and
 * overvote settings a source must agree with.
 */
import type { CvrProvider } from './cvr.ts';
import { outOfRange, present } from './config-numbers.ts';
import {
  OVERVOTE_LABELS,
  OVERVOTE_RULES,
  PROVIDER_LABELS,
  PROVIDERS,
  checkFlags,
  isBlank,
  isSet,
  option,
  resolveCvrPath,
  type RawConfig,
  type RawSource,
} from './config-options.ts';
import type { ValidationOptions } from './config-validation.ts';

/** Names (and aliases) that RCTab's results use for other things. */
const RESERVED_TERMS = ['residual surplus', 'exhausted', 'uncounted'];
const LABEL_FIELDS = ['overvoteLabel', 'skippedRankLabel', 'undeclaredWriteInLabel'] as const;

/** RCTab's check of a label or candidate name: not a reserved term, nor a label of a CVR source. */
export function termConflict(term: string, field: string, sources: readonly RawSource[]): string | undefined {
  const lower = term.toLowerCase();
  if (RESERVED_TERMS.includes(lower)) return `"${term}" is a reserved term and can't be used for ${field}!`;
  for (const source of sources) {
    const other = LABEL_FIELDS.find((f) => f !== field && !isBlank(source[f]) && source[f]?.toLowerCase() === lower);
    if (other !== undefined) return `"${term}" can't be used as ${field} if it's also being used as ${other}!`;
  }
  return undefined;
}

export function checkSources(raw: RawConfig, options: ValidationOptions, problems: string[]): void {
  if (raw.cvrFileSources.length === 0) {
    problems.push('Contest config must contain at least 1 cast vote record file!');
    return;
  }
  const paths = new Set<string>();
  for (const source of raw.cvrFileSources) {
    if (isBlank(source.filePath)) {
      problems.push('filePath is required for each cast vote record file!');
      continue;
    }
    const path = resolveCvrPath(source.filePath, options.baseDir);
    problems.push(...labelProblems(source), ...providerProblems(source, source.filePath));
    if (paths.has(path)) problems.push(`Duplicate cast vote record filePaths are not allowed: ${path}`);
    paths.add(path);
    if (options.fileExists && !options.fileExists(path)) problems.push(`Cast vote record file not found: ${path}`);
    problems.push(...settingProblems(source, path, raw));
  }
}

/** A source's labels: none may be reserved, nor equal another label of the same source. */
function labelProblems(source: RawSource): string[] {
  return LABEL_FIELDS.flatMap((field) => {
    const label = source[field];
    const conflict = isBlank(label) ? undefined : termConflict(label, field, [source]);
    return conflict === undefined ? [] : [conflict];
  });
}

/** What the source's provider requires, allows and forbids; `location` is its filePath as written. */
function providerProblems(source: RawSource, location: string): string[] {
  const provider = option(PROVIDERS, source.provider);
  if (provider === undefined) return [`Invalid provider for source: ${location}`];
  const problems = provider === 'ess' || provider === 'genericCsv' ? tabularProblems(source, location) : exportProblems(source, provider, location);
  checkFlags(source, ['treatBlankAsUndeclaredWriteIn'], problems, ` for file source: ${location}`);
  return [...problems, ...contestIdProblems(source, provider, location)];
}

/** Spreadsheet-like sources (ES&S, generic CSV): where the rankings sit, and how overvotes are written. */
function tabularProblems(source: RawSource, location: string): string[] {
  const problems = present([
    outOfRange(source.firstVoteColumnIndex, 'firstVoteColumnIndex', 1n, 1000n, true, location),
    outOfRange(source.firstVoteRowIndex, 'firstVoteRowIndex', 1n, 100000n, true, location),
    outOfRange(source.idColumnIndex, 'idColumnIndex', 1n, 1000n, false, location),
    outOfRange(source.precinctColumnIndex, 'precinctColumnIndex', 1n, 1000n, false, location),
    outOfRange(source.batchColumnIndex, 'batchColumnIndex', 1n, 1000n, false, location),
  ]);
  const delimiter = source.overvoteDelimiter;
  // The documentation: no backslash, and at least one character other than a letter, digit, dot,
  // apostrophe, comma, hyphen, quote or space (those occur in candidate names).
  if (!isBlank(delimiter) && (delimiter.includes('\\') || /^[a-zA-Z0-9.',\-"\s]+$/.test(delimiter))) problems.push('overvoteDelimiter is invalid.');
  if (!isBlank(delimiter) && !isBlank(source.overvoteLabel)) problems.push("overvoteDelimiter and overvoteLabel can't both be supplied.");
  if (isSet(source.treatBlankAsUndeclaredWriteIn) && isBlank(source.undeclaredWriteInLabel)) {
    problems.push('undeclaredWriteInLabel must be supplied if treatBlankAsUndeclaredWriteIn is true!');
  }
  return problems;
}

/** Fields that only spreadsheet-like sources take; CDF may also give an overvote label. */
const TABULAR_FIELDS = ['firstVoteColumnIndex', 'firstVoteRowIndex', 'idColumnIndex', 'precinctColumnIndex', 'overvoteDelimiter', 'skippedRankLabel'] as const;

/** Vendor exports (CDF, Dominion, Clear Ballot, Hart): the spreadsheet fields must be blank. */
function exportProblems(source: RawSource, provider: CvrProvider, location: string): string[] {
  const problems: string[] = [];
  const notFor = (field: string): string => `${field} should not be defined for CVR source with provider "${PROVIDER_LABELS[provider]}" for file source: ${location}`;
  if (provider === 'cdf' && !/\.(json|xml)$/i.test(location)) problems.push(`CDF source files must be .json or .xml! Unexpected file extension for: ${location}`);
  if (provider !== 'cdf' && !isBlank(source.overvoteLabel)) problems.push(notFor('overvoteLabel'));
  for (const field of TABULAR_FIELDS) if (!isBlank(source[field])) problems.push(notFor(field));
  if (isSet(source.treatBlankAsUndeclaredWriteIn)) {
    problems.push(`treatBlankAsUndeclaredWriteIn should not be true for CVR source with provider "${PROVIDER_LABELS[provider]}" for file source: ${location}`);
  }
  return problems;
}

/** Exports hold many contests, so they need to be told which; spreadsheets hold one. */
function contestIdProblems(source: RawSource, provider: CvrProvider, location: string): string[] {
  const label = PROVIDER_LABELS[provider];
  const needed = provider !== 'ess' && provider !== 'genericCsv';
  if (needed && isBlank(source.contestId)) return [`contestId must be defined for CVR source with provider "${label}"!`];
  if (!needed && !isBlank(source.contestId)) return [`contestId should not be defined for CVR source with provider "${label}" for file source: ${location}`];
  return [];
}

/** What a source must give for the contest's output and overvote settings; `path` is the resolved path. */
function settingProblems(source: RawSource, path: string, raw: RawConfig): string[] {
  const problems: string[] = [];
  const rule = option(OVERVOTE_RULES, raw.rules.overvoteRule);
  const provider = option(PROVIDERS, source.provider);
  const byPrecinct = isSet(raw.outputSettings.tabulateByPrecinct);
  // Which candidates an explicit overvote label stood for is unknown, so "if multiple continuing" can't apply.
  if (!isBlank(source.overvoteLabel) && rule !== 'alwaysSkipToNextRank' && rule !== 'exhaustImmediately') {
    problems.push(`When overvoteLabel is supplied, overvoteRule must be either "${OVERVOTE_LABELS.alwaysSkipToNextRank}" or "${OVERVOTE_LABELS.exhaustImmediately}"!`);
  }
  if (provider === 'cdf' && byPrecinct) problems.push('tabulateByPrecinct may not be used with CDF files.');
  if (provider === 'ess' && byPrecinct && isBlank(source.precinctColumnIndex)) problems.push(`precinctColumnIndex is required when tabulateByPrecinct is enabled: ${path}`);
  if (provider === 'ess' && rule === 'exhaustIfMultipleContinuing' && isBlank(source.overvoteDelimiter)) {
    problems.push(`overvoteDelimiter is required for an ES&S CVR source when overvoteRule is set to "${OVERVOTE_LABELS.exhaustIfMultipleContinuing}".`);
  }
  return problems;
}
