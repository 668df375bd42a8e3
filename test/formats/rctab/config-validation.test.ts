// RCTab's config validation, one check at a time: a valid config changed to break exactly one rule gives
// exactly RCTab's message for it (the wording of RCTab's operator log messages, with the value and the
// file source or candidate concerned). Expected messages are written out from RCTab's documentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema } from '../../../src/formats/rctab/config-options.ts';
import { validateRctabConfig, type ValidationOptions } from '../../../src/formats/rctab/config-validation.ts';

type Json = Record<string, unknown>;

interface Patch {
  readonly top?: Json;
  readonly output?: Json;
  /** Changes to the one ES&S source; `sources` replaces the list instead. */
  readonly source?: Json;
  readonly sources?: Json[];
  readonly candidates?: Json[];
  readonly rules?: Json;
}

const ESS_SOURCE: Json = {
  filePath: 'cvr.xlsx',
  provider: 'ess',
  contestId: '',
  firstVoteColumnIndex: '4',
  firstVoteRowIndex: '2',
  idColumnIndex: '1',
  precinctColumnIndex: '2',
  overvoteLabel: 'overvote',
  skippedRankLabel: 'undervote',
  undeclaredWriteInLabel: 'UWI',
  treatBlankAsUndeclaredWriteIn: false,
};

/** A valid single-winner config; undefined in a patch removes the key. */
function config(patch: Patch): unknown {
  const whole = {
    tabulatorVersion: 'TEST',
    outputSettings: { contestName: 'Mayor', outputDirectory: 'output', contestDate: '2023-04-03', tabulateByPrecinct: false, ...patch.output },
    cvrFileSources: patch.sources ?? [{ ...ESS_SOURCE, ...patch.source }],
    candidates: patch.candidates ?? [
      { name: 'Lettuce', aliases: ['L'], excluded: false },
      { name: 'Broccoli', aliases: [], excluded: false },
    ],
    rules: {
      tiebreakMode: 'useCandidateOrder',
      overvoteRule: 'exhaustImmediately',
      winnerElectionMode: 'singleWinnerMajority',
      randomSeed: '',
      numberOfWinners: '1',
      multiSeatBottomsUpPercentageThreshold: '',
      decimalPlacesForVoteArithmetic: '4',
      minimumVoteThreshold: '0',
      maxSkippedRanksAllowed: '1',
      maxRankingsAllowed: 'max',
      batchElimination: false,
      ...patch.rules,
    },
    ...patch.top,
  };
  return JSON.parse(JSON.stringify(whole));
}

function problems(patch: Patch, options: Partial<ValidationOptions> = {}): string[] {
  return validateRctabConfig(configSchema.parse(config(patch)), { baseDir: '/elections', ...options });
}

const dominion = (extra: Json): Json => ({ filePath: 'cvr', provider: 'dominion', contestId: '1', ...extra });

/** [what breaks, the change, RCTab's messages]. */
const CASES: readonly [string, Patch, string[]][] = [
  // Version and output settings
  ['tabulatorVersion missing', { top: { tabulatorVersion: '' } }, ['tabulatorVersion is required!']],
  ['contestName missing', { output: { contestName: undefined } }, ['contestName is required!']],
  ['contestDate not a date', { output: { contestDate: '2023-02-30' } }, ['Invalid contestDate: 2023-02-30!']],
  ['contestDate not ISO', { output: { contestDate: '04/03/2023' } }, ['Invalid contestDate: 04/03/2023!']],
  [
    'outputDirectory in C:\\Users',
    { output: { outputDirectory: 'c:\\users\\clerk\\results' } },
    ['outputDirectory "c:\\users\\clerk\\results" is inside a Windows user account folder (C:\\Users), where results can\'t be kept read-only! Choose a folder outside it, e.g. C:\\RCTab.'],
  ],
  ['an output flag not true/false', { output: { tabulateByBatch: 'yes' } }, ['tabulateByBatch must be true or false, not "yes"!']],
  // CVR sources
  ['no CVR source', { sources: [] }, ['Contest config must contain at least 1 cast vote record file!']],
  ['filePath missing', { source: { filePath: ' ' } }, ['filePath is required for each cast vote record file!']],
  ['unknown provider', { source: { provider: 'Sequoia' } }, ['Invalid provider for source: cvr.xlsx']],
  ['firstVoteColumnIndex missing', { source: { firstVoteColumnIndex: '' } }, ['firstVoteColumnIndex must be an integer from 1 to 1000 for file source: cvr.xlsx']],
  ['firstVoteRowIndex zero', { source: { firstVoteRowIndex: 0 } }, ['firstVoteRowIndex must be an integer from 1 to 100000 for file source: cvr.xlsx']],
  ['idColumnIndex too large', { source: { idColumnIndex: '1001' } }, ['idColumnIndex must be an integer from 1 to 1000 if supplied for file source: cvr.xlsx']],
  ['precinctColumnIndex a letter', { source: { precinctColumnIndex: 'B' } }, ['precinctColumnIndex must be an integer from 1 to 1000 if supplied for file source: cvr.xlsx']],
  ['batchColumnIndex zero', { source: { batchColumnIndex: '0' } }, ['batchColumnIndex must be an integer from 1 to 1000 if supplied for file source: cvr.xlsx']],
  ['overvoteDelimiter of letters only', { source: { overvoteLabel: '', overvoteDelimiter: 'or' } }, ['overvoteDelimiter is invalid.']],
  ['overvoteDelimiter with a backslash', { source: { overvoteLabel: '', overvoteDelimiter: '\\|' } }, ['overvoteDelimiter is invalid.']],
  ['overvoteDelimiter and overvoteLabel', { source: { overvoteDelimiter: '|' } }, ["overvoteDelimiter and overvoteLabel can't both be supplied."]],
  [
    'treatBlankAsUndeclaredWriteIn without a label',
    { source: { treatBlankAsUndeclaredWriteIn: true, undeclaredWriteInLabel: '' } },
    ['undeclaredWriteInLabel must be supplied if treatBlankAsUndeclaredWriteIn is true!'],
  ],
  ['treatBlankAsUndeclaredWriteIn not true/false', { source: { treatBlankAsUndeclaredWriteIn: 'no' } }, ['treatBlankAsUndeclaredWriteIn must be true or false, not "no" for file source: cvr.xlsx']],
  ['contestId for ES&S', { source: { contestId: '3' } }, ['contestId should not be defined for CVR source with provider "ES&S" for file source: cvr.xlsx']],
  ['contestId missing for Dominion', { sources: [dominion({ contestId: '' })] }, ['contestId must be defined for CVR source with provider "Dominion"!']],
  ['contestId missing for CDF', { sources: [{ filePath: 'cvr.json', provider: 'cdf' }] }, ['contestId must be defined for CVR source with provider "CDF"!']],
  [
    'spreadsheet fields on a Dominion source',
    { sources: [dominion({ overvoteLabel: 'ov', firstVoteRowIndex: '2', skippedRankLabel: 'skip' })] },
    [
      'overvoteLabel should not be defined for CVR source with provider "Dominion" for file source: cvr',
      'firstVoteRowIndex should not be defined for CVR source with provider "Dominion" for file source: cvr',
      'skippedRankLabel should not be defined for CVR source with provider "Dominion" for file source: cvr',
    ],
  ],
  [
    'treatBlankAsUndeclaredWriteIn on Hart',
    { sources: [{ filePath: 'hart', provider: 'hart', contestId: '7', treatBlankAsUndeclaredWriteIn: true }] },
    ['treatBlankAsUndeclaredWriteIn should not be true for CVR source with provider "Hart" for file source: hart'],
  ],
  [
    'CDF file neither .json nor .xml',
    { sources: [{ filePath: 'cvr.txt', provider: 'cdf', contestId: 'c1' }] },
    ['CDF source files must be .json or .xml! Unexpected file extension for: cvr.txt'],
  ],
  ['CDF with tabulateByPrecinct', { sources: [{ filePath: 'cvr.xml', provider: 'cdf', contestId: 'c1' }], output: { tabulateByPrecinct: true } }, ['tabulateByPrecinct may not be used with CDF files.']],
  [
    'ES&S with tabulateByPrecinct but no precinct column',
    { source: { precinctColumnIndex: '' }, output: { tabulateByPrecinct: true } },
    ['precinctColumnIndex is required when tabulateByPrecinct is enabled: /elections/cvr.xlsx'],
  ],
  [
    'overvoteLabel with "exhaust if multiple continuing"',
    { sources: [{ filePath: 'cvr.csv', provider: 'genericCsv', firstVoteColumnIndex: '2', firstVoteRowIndex: '2', overvoteLabel: 'OV' }], rules: { overvoteRule: 'exhaustIfMultipleContinuing' } },
    ['When overvoteLabel is supplied, overvoteRule must be either "Always skip to next rank" or "Exhaust immediately"!'],
  ],
  [
    'ES&S without overvoteDelimiter, "exhaust if multiple continuing"',
    { source: { overvoteLabel: '' }, rules: { overvoteRule: 'exhaustIfMultipleContinuing' } },
    ['overvoteDelimiter is required for an ES&S CVR source when overvoteRule is set to "Exhaust if multiple continuing".'],
  ],
  [
    'the same file twice',
    { sources: [ESS_SOURCE, { ...ESS_SOURCE, filePath: './cvr.xlsx' }] },
    ['Duplicate cast vote record filePaths are not allowed: /elections/cvr.xlsx'],
  ],
  ['a reserved label', { source: { undeclaredWriteInLabel: 'Exhausted' } }, ['"Exhausted" is a reserved term and can\'t be used for undeclaredWriteInLabel!']],
  [
    'one text for two labels (case ignored)',
    { source: { skippedRankLabel: 'Overvote' } },
    [
      '"overvote" can\'t be used as overvoteLabel if it\'s also being used as skippedRankLabel!',
      '"Overvote" can\'t be used as skippedRankLabel if it\'s also being used as overvoteLabel!',
    ],
  ],
  // Candidates
  ['a candidate without a name', { candidates: [{ name: 'Lettuce' }, { name: '', aliases: ['B'] }] }, ['A name is required for each candidate!']],
  ['a name twice', { candidates: [{ name: 'Lettuce' }, { name: 'Lettuce' }] }, ['Duplicate candidate names are not allowed: Lettuce']],
  ["an alias that is another candidate's name", { candidates: [{ name: 'Lettuce', aliases: ['Broccoli'] }, { name: 'Broccoli' }] }, ['Duplicate candidate names are not allowed: Broccoli']],
  ['a code shared by two candidates', { candidates: [{ name: 'Lettuce', code: '7' }, { name: 'Broccoli', code: '7' }] }, ['Duplicate candidate names are not allowed: 7']],
  ['a candidate named as a label', { candidates: [{ name: 'Lettuce' }, { name: 'uwi' }] }, ['"uwi" can\'t be used as a candidate name if it\'s also being used as undeclaredWriteInLabel!']],
  ['a reserved candidate name', { candidates: [{ name: 'Lettuce' }, { name: 'Uncounted' }] }, ['"Uncounted" is a reserved term and can\'t be used for a candidate name!']],
  ['no candidate', { candidates: [] }, ['Contest config must contain at least 1 declared candidate!']],
  ['every candidate excluded', { candidates: [{ name: 'Lettuce', excluded: true }] }, ['Contest config must contain at least 1 non-excluded candidate!']],
  ['excluded not true/false', { candidates: [{ name: 'Lettuce', excluded: 'true' }, { name: 'Broccoli' }] }, ['excluded must be true or false, not "true" for candidate: Lettuce']],
  // Rules: options and ranges
  ['tiebreakMode missing', { rules: { tiebreakMode: '' } }, ['Invalid tiebreakMode!']],
  ['tiebreakMode unknown', { rules: { tiebreakMode: 'coin toss' } }, ['tiebreakMode "coin toss" is unrecognized! Please supply a valid tiebreakMode.']],
  ['overvoteRule unknown', { source: { overvoteLabel: '' }, rules: { overvoteRule: 'ignore' } }, ['overvoteRule "ignore" is unrecognized! Please supply a valid overvoteRule.']],
  ['winnerElectionMode missing', { rules: { winnerElectionMode: undefined } }, ['Invalid winnerElectionMode!']],
  ['winnerElectionMode unknown', { rules: { winnerElectionMode: 'plurality' } }, ['winnerElectionMode "plurality" is unrecognized! Please supply a valid winnerElectionMode.']],
  ['random tie-break without a seed', { rules: { tiebreakMode: 'random' } }, ['When tiebreakMode involves a random element, randomSeed must be supplied!']],
  ['permutation without a seed', { rules: { tiebreakMode: 'generatePermutation' } }, ['When tiebreakMode involves a random element, randomSeed must be supplied!']],
  ['previous rounds then random, no seed', { rules: { tiebreakMode: 'previousRoundCountsThenRandom' } }, ['When tiebreakMode involves a random element, randomSeed must be supplied!']],
  ['randomSeed beyond 48 bits', { rules: { randomSeed: '140737488355328' } }, ['randomSeed must be an integer from -140737488355328 to 140737488355327 if supplied!']],
  ['maxRankingsAllowed zero', { rules: { maxRankingsAllowed: '0' } }, ['maxRankingsAllowed must either be "max" or an integer from 1 to 2147483647!']],
  ['maxRankingsAllowed a word', { rules: { maxRankingsAllowed: 'all' } }, ['maxRankingsAllowed must either be "max" or an integer from 1 to 2147483647!']],
  ['maxSkippedRanksAllowed negative', { rules: { maxSkippedRanksAllowed: '-1' } }, ['maxSkippedRanksAllowed must either be "unlimited" or an integer from 0 to 2147483647!']],
  ['maxSkippedRanksAllowed missing', { rules: { maxSkippedRanksAllowed: '' } }, ['maxSkippedRanksAllowed must either be "unlimited" or an integer from 0 to 2147483647!']],
  ['numberOfWinners missing', { rules: { numberOfWinners: '' } }, ['numberOfWinners must be an integer from 0 to 2147483647!']],
  ['decimalPlacesForVoteArithmetic 21', { rules: { decimalPlacesForVoteArithmetic: '21' } }, ['decimalPlacesForVoteArithmetic must be an integer from 1 to 20!']],
  ['minimumVoteThreshold above a million', { rules: { minimumVoteThreshold: 1000001 } }, ['minimumVoteThreshold must be an integer from 0 to 1000000 if supplied!']],
  ['percentage threshold below 1', { rules: { multiSeatBottomsUpPercentageThreshold: '0.5' } }, ['multiSeatBottomsUpPercentageThreshold must be a number from 1 to 100 if supplied!']],
  ['stopTabulationEarlyAfterRound zero', { rules: { stopTabulationEarlyAfterRound: '0' } }, ['stopTabulationEarlyAfterRound must be an integer from 1 to 2147483647 if supplied!']],
  ['a rule flag not true/false', { rules: { hareQuota: 1 } }, ['hareQuota must be true or false, not 1!']],
  // Rules: which options go together
  [
    'seats with the percentage threshold mode',
    { rules: { winnerElectionMode: 'bottomsUpUsingPercentageThreshold', numberOfWinners: '2', multiSeatBottomsUpPercentageThreshold: '10' } },
    ['numberOfWinners must be zero if winnerElectionMode is "Bottoms-up using percentage threshold"!'],
  ],
  [
    'continue until two in a multi-seat count',
    { rules: { winnerElectionMode: 'multiWinnerAllowMultipleWinnersPerRound', numberOfWinners: '3', continueUntilTwoCandidatesRemain: true } },
    ["continueUntilTwoCandidatesRemain can't be true in a multi-seat contest unless the winner election mode is multi-pass IRV!"],
  ],
  [
    'batch elimination in a multi-seat count',
    { rules: { winnerElectionMode: 'bottomsUp', numberOfWinners: '3', batchElimination: true } },
    ["batchElimination can't be true in a multi-seat contest unless the winner election mode is multi-pass IRV!"],
  ],
  ['single-winner majority with two seats', { rules: { numberOfWinners: '2' } }, ['winnerElectionMode can\'t be "Single-winner majority determines winner" in a multi-seat contest!']],
  ['multi-pass IRV with one seat', { rules: { winnerElectionMode: 'multiPassIrv' } }, ['winnerElectionMode can\'t be "Multi-pass IRV" in a single-seat contest!']],
  [
    'zero seats, bottoms-up',
    { rules: { winnerElectionMode: 'bottomsUp', numberOfWinners: '0', multiSeatBottomsUpPercentageThreshold: '10' } }, ['If numberOfWinners is zero, winnerElectionMode must be "Bottoms-up using percentage threshold"!']],
  [
    'zero seats, no percentage',
    { rules: { winnerElectionMode: 'bottomsUpUsingPercentageThreshold', numberOfWinners: '0' } },
    ['If numberOfWinners is zero, multiSeatBottomsUpPercentageThreshold must be specified!'],
  ],
  [
    'batch elimination with the percentage threshold',
    { rules: { winnerElectionMode: 'bottomsUpUsingPercentageThreshold', numberOfWinners: '0', multiSeatBottomsUpPercentageThreshold: '10', batchElimination: true } },
    ['batchElimination can\'t be true when winnerElectionMode is "Bottoms-up using percentage threshold"!'],
  ],
  ['Hare quota in a single-winner count', { rules: { hareQuota: true } }, ['hareQuota can\'t be true when winnerElectionMode is "Single-winner majority determines winner"!']],
  [
    'non-integer threshold, bottoms-up',
    { rules: { winnerElectionMode: 'bottomsUp', numberOfWinners: '2', nonIntegerWinningThreshold: true } },
    ['nonIntegerWinningThreshold can\'t be true when winnerElectionMode is "Bottoms-up"!'],
  ],
  [
    'Hare quota and non-integer threshold together',
    { rules: { winnerElectionMode: 'multiWinnerAllowOnlyOneWinnerPerRound', numberOfWinners: '2', nonIntegerWinningThreshold: true, hareQuota: true } },
    ["nonIntegerWinningThreshold and hareQuota can't both be true at the same time!"],
  ],
];

test('the valid config the cases start from has no problem', () => {
  assert.deepEqual(problems({}), []);
});

for (const [what, patch, expected] of CASES) {
  test(`refused: ${what}`, () => assert.deepEqual(problems(patch), expected));
}

test('a missing CVR file is a problem when the caller asks for the files to be checked', () => {
  assert.deepEqual(problems({}, { fileExists: () => false }), ['Cast vote record file not found: /elections/cvr.xlsx']);
  assert.deepEqual(problems({}, { fileExists: (path) => path === '/elections/cvr.xlsx' }), []);
});

test('allowed: the values at the edges of each range, and the options written in any case', () => {
  const edges: Patch[] = [
    { rules: { tiebreakMode: 'random', randomSeed: '-140737488355328' } },
    { rules: { maxRankingsAllowed: 'MAX', maxSkippedRanksAllowed: 'Unlimited' } },
    { rules: { maxSkippedRanksAllowed: '0', decimalPlacesForVoteArithmetic: '20', minimumVoteThreshold: '' } },
    { rules: { winnerElectionMode: 'bottomsUpUsingPercentageThreshold', numberOfWinners: '0', multiSeatBottomsUpPercentageThreshold: '12.5' } },
    { rules: { winnerElectionMode: 'multiPassIrv', numberOfWinners: '3', batchElimination: true, continueUntilTwoCandidatesRemain: true } },
    { rules: { winnerElectionMode: 'multiWinnerAllowMultipleWinnersPerRound', numberOfWinners: '9', hareQuota: true } },
    { source: { firstVoteColumnIndex: '1000', firstVoteRowIndex: '100000', overvoteLabel: '', overvoteDelimiter: '//' } },
    { output: { contestDate: '2024-02-29' } },
  ];
  for (const patch of edges) assert.deepEqual(problems(patch), [], JSON.stringify(patch));
});
