/**
 * The shape of an RCTab contest config as read (zod), and the names of its options: the internal names
 * configs store, the labels RCTab's interface shows (which its messages quote), and older spellings.
 *
 * Source: RCTab's config file documentation (every key of "outputSettings", "cvrFileSources", "candidates"
 * and "rules" and their allowed values). RCTab stores numbers as strings ("numberOfWinners" : "1") and
 * accepts numbers too; blank means unset.
 */
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { OvervoteRule, TiebreakMode, WinnerElectionMode } from '../../count/rctab/rules.ts';
import type { CvrProvider } from './cvr.ts';

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

export const configSchema = z.object({
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
    // Older configs (before RCTab 1.3) set these for every source here; migration moves them.
    overvoteLabel: text.optional(),
    undervoteLabel: text.optional(),
    skippedRankLabel: text.optional(),
    undeclaredWriteInLabel: text.optional(),
    treatBlankAsUndeclaredWriteIn: flag.optional(),
  }),
});

export type RawConfig = z.infer<typeof configSchema>;
export type RawSource = z.infer<typeof sourceSchema>;
export type RawCandidate = RawConfig['candidates'][number];
export type RawFlag = boolean | string | number | undefined;

/** Each option's label in RCTab's interface, which its validation messages quote. */
export const MODE_LABELS: Readonly<Record<WinnerElectionMode, string>> = {
  singleWinnerMajority: 'Single-winner majority determines winner',
  multiWinnerAllowOnlyOneWinnerPerRound: 'Multi-winner allow only one winner per round',
  multiWinnerAllowMultipleWinnersPerRound: 'Multi-winner allow multiple winners per round',
  bottomsUp: 'Bottoms-up',
  bottomsUpUsingPercentageThreshold: 'Bottoms-up using percentage threshold',
  multiPassIrv: 'Multi-pass IRV',
};
const TIEBREAK_LABELS: Readonly<Record<TiebreakMode, string>> = {
  random: 'Random',
  stopCountingAndAsk: 'Stop counting and ask',
  previousRoundCountsThenRandom: 'Previous round counts (then random)',
  previousRoundCountsThenAsk: 'Previous round counts (then stop counting and ask)',
  useCandidateOrder: 'Use candidate order in the config file',
  generatePermutation: 'Generate permutation',
};
export const OVERVOTE_LABELS: Readonly<Record<OvervoteRule, string>> = {
  alwaysSkipToNextRank: 'Always skip to next rank',
  exhaustImmediately: 'Exhaust immediately',
  exhaustIfMultipleContinuing: 'Exhaust if multiple continuing',
};
export const PROVIDER_LABELS: Readonly<Record<CvrProvider, string>> = {
  ess: 'ES&S',
  dominion: 'Dominion',
  cdf: 'CDF',
  clearBallot: 'Clear Ballot',
  hart: 'Hart',
  genericCsv: 'CSV',
};

export const MODES = Object.keys(MODE_LABELS) as WinnerElectionMode[];
export const TIEBREAKS = Object.keys(TIEBREAK_LABELS) as TiebreakMode[];
export const OVERVOTE_RULES = Object.keys(OVERVOTE_LABELS) as OvervoteRule[];
export const PROVIDERS = Object.keys(PROVIDER_LABELS) as CvrProvider[];

const byLabel = (labels: Readonly<Record<string, string>>): [string, string][] => Object.entries(labels).map(([name, label]) => [label, name]);

/**
 * Older configs spell options as RCTab's interface shows them ("Exhaust immediately"), or by earlier names
 * (usePermutationInConfig, interactive); RCTab migrates them on load, and so do we.
 */
const LEGACY_NAMES: ReadonlyMap<string, string> = new Map([
  ...byLabel(MODE_LABELS),
  ...byLabel(TIEBREAK_LABELS),
  ...byLabel(OVERVOTE_LABELS),
  ...byLabel(PROVIDER_LABELS),
  ['interactive', 'stopCountingAndAsk'],
  ['previousRoundCountsThenInteractive', 'previousRoundCountsThenAsk'],
  ['usePermutationInConfig', 'useCandidateOrder'],
]);

/** The option `value` names, if it is one of `names` or an older spelling of one. */
export function option<T extends string>(names: readonly T[], value: string | undefined): T | undefined {
  const name = value === undefined ? undefined : (LEGACY_NAMES.get(value) ?? value);
  return names.find((n) => n === name);
}

/** A true/false setting as the tabulator takes it: absent (or mistyped, which validation reports) is false. */
export function isSet(value: RawFlag): boolean {
  return value === true;
}

/** Blank and absent both mean unset, in RCTab as here. */
export function isBlank(value: string | undefined): value is undefined | '' {
  return value === undefined || value === '';
}

/** Where a CVR path in the config points: relative paths are relative to the config file's folder. */
export function resolveCvrPath(filePath: string, baseDir: string): string {
  return isAbsolute(filePath) ? filePath : join(baseDir, filePath);
}

/**
 * True/false settings must be JSON booleans. RCTab refuses anything else while parsing the file (one error,
 * no validation); here it is one more problem, so that the rest is still reported.
 */
export function checkFlags<K extends string>(settings: Partial<Record<K, RawFlag>>, names: readonly K[], problems: string[], where = '!'): void {
  for (const name of names) {
    const value = settings[name];
    if (value !== undefined && typeof value !== 'boolean') problems.push(`${name} must be true or false, not ${JSON.stringify(value)}${where}`);
  }
}
