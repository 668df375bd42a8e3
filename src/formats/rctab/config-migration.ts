/**
 * RCTab migrates a config written by another version of RCTab when it loads it: winner election modes
 * under their earlier names, and the labels older configs set once for every source. Configs of RCTab's
 * automated tests (version "TEST") are taken as they are, as RCTab takes them.
 *
 * Source: RCTab's config migration (earlier mode names and what each became; the labels moved from
 * "rules" to each CVR source in version 1.3).
 */
import type { WinnerElectionMode } from '../../count/rctab/rules.ts';
import { MODES, isBlank, isSet, option, type RawConfig, type RawSource } from './config-options.ts';

const TEST_VERSION = 'TEST';

export function migrateRctabConfig(raw: RawConfig): RawConfig {
  if (raw.tabulatorVersion === TEST_VERSION) return raw;
  return { ...raw, rules: migrateMode(raw.rules), cvrFileSources: raw.cvrFileSources.map((s) => withRulesLabels(s, raw.rules)) };
}

/** Earlier mode names; some became two modes, told apart by the seats and the percentage threshold. */
function migrateMode(rules: RawConfig['rules']): RawConfig['rules'] {
  if (option(MODES, rules.winnerElectionMode) !== undefined) return rules;
  const seats = Number(rules.numberOfWinners);
  const percentage = !isBlank(rules.multiSeatBottomsUpPercentageThreshold);
  const renamed: Readonly<Record<string, WinnerElectionMode>> = {
    standard: seats > 1 ? 'multiWinnerAllowMultipleWinnersPerRound' : 'singleWinnerMajority',
    singleSeatContinueUntilTwoCandidatesRemain: 'singleWinnerMajority',
    multiSeatAllowOnlyOneWinnerPerRound: 'multiWinnerAllowOnlyOneWinnerPerRound',
    multiSeatBottomsUp: seats === 0 || percentage ? 'bottomsUpUsingPercentageThreshold' : 'bottomsUp',
    multiSeatSequentialWinnerTakesAll: 'multiPassIrv',
  };
  const mode = rules.winnerElectionMode === undefined ? undefined : renamed[rules.winnerElectionMode];
  if (mode === undefined) return rules;
  // "Continue until two candidates remain" was a mode of its own before it became an option.
  const continueUntilTwo = rules.winnerElectionMode === 'singleSeatContinueUntilTwoCandidatesRemain' ? { continueUntilTwoCandidatesRemain: true } : {};
  return { ...rules, winnerElectionMode: mode, ...continueUntilTwo };
}

/** The labels an older config gave in "rules" apply to every source, over the source's own. */
function withRulesLabels(source: RawSource, rules: RawConfig['rules']): RawSource {
  const skipped = isBlank(rules.skippedRankLabel) ? rules.undervoteLabel : rules.skippedRankLabel;
  return {
    ...source,
    ...(isBlank(rules.overvoteLabel) ? {} : { overvoteLabel: rules.overvoteLabel }),
    ...(isBlank(skipped) ? {} : { skippedRankLabel: skipped }),
    ...(isBlank(rules.undeclaredWriteInLabel) ? {} : { undeclaredWriteInLabel: rules.undeclaredWriteInLabel }),
    ...(isSet(rules.treatBlankAsUndeclaredWriteIn) ? { treatBlankAsUndeclaredWriteIn: true } : {}),
  };
}
