// RCTab contest configs: values as RCTab writes them (numbers in strings, blanks for unset) become the
// tabulator's rules and the readers' source specs; invalid configs are refused naming every problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConfigValidationError, parseRctabConfig } from '../../../src/formats/rctab/config.ts';

function config(rules: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    tabulatorVersion: 'TEST',
    outputSettings: { contestName: 'Mayor', outputDirectory: 'output', contestDate: '2023-04-03', contestJurisdiction: 'Portland, ME', contestOffice: 'Mayor', tabulateByPrecinct: false },
    cvrFileSources: [
      { filePath: 'cvr.xlsx', contestId: '', firstVoteColumnIndex: '4', firstVoteRowIndex: '2', idColumnIndex: '1', precinctColumnIndex: '2', provider: 'ess', overvoteLabel: 'overvote', skippedRankLabel: 'undervote', undeclaredWriteInLabel: 'UWI', treatBlankAsUndeclaredWriteIn: false },
    ],
    candidates: [
      { name: 'Lettuce', code: 'L', excluded: false, aliases: ['Lettuce Leaf'] },
      { name: 'Broccoli', excluded: true },
    ],
    rules: {
      tiebreakMode: 'random',
      overvoteRule: 'exhaustImmediately',
      winnerElectionMode: 'singleWinnerMajority',
      randomSeed: '-3',
      numberOfWinners: '1',
      decimalPlacesForVoteArithmetic: '4',
      minimumVoteThreshold: '',
      maxSkippedRanksAllowed: 'unlimited',
      maxRankingsAllowed: '3',
      batchElimination: true,
      ...rules,
    },
    ...extra,
  });
}

test('a valid config gives rules, sources resolved against the config folder, and candidates', () => {
  const parsed = parseRctabConfig(config(), '/elections/mayor.json', '/elections');
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  const { rules, sources, candidates, directory, contest } = parsed.value;
  assert.equal(rules.winnerElectionMode, 'singleWinnerMajority');
  assert.equal(rules.randomSeed, -3n);
  assert.equal(rules.maxSkippedRanksAllowed, undefined); // unlimited
  assert.equal(rules.maxRankingsAllowed, 3);
  assert.equal(rules.minimumVoteThreshold, 0n); // blank: none
  assert.equal(rules.batchElimination, true);
  assert.equal(sources[0]?.resolvedPath, '/elections/cvr.xlsx');
  assert.equal(sources[0]?.firstVoteColumnIndex, 4);
  assert.equal(sources[0]?.maxRankings, 3); // ES&S reads three rank columns
  // The write-in label adds the "Undeclared Write-ins" pseudo-candidate after the config's candidates.
  assert.deepEqual(candidates.map((c) => [c.name, c.excluded, c.undeclaredWriteIn === true]), [
    ['Lettuce', false, false],
    ['Broccoli', true, false],
    ['Undeclared Write-ins', false, true],
  ]);
  assert.deepEqual(directory[0], { name: 'Lettuce', aliases: ['L', 'Lettuce Leaf'] });
  assert.equal(contest.jurisdiction, 'Portland, ME');
});

test('every problem is named in one message, numbered in the order RCTab checks, under the file name', () => {
  const parsed = parseRctabConfig(
    config({ tiebreakMode: 'whatever', overvoteRule: 'exhaustIfMultipleContinuing', decimalPlacesForVoteArithmetic: '-1', maxRankingsAllowed: '0', randomSeed: '' }),
    'bad.json',
    '.',
  );
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.equal(parsed.error.file, 'bad.json');
  assert.equal(
    parsed.error.message,
    'Contest config validation failed! 5 problems: ' +
      '(1) When overvoteLabel is supplied, overvoteRule must be either "Always skip to next rank" or "Exhaust immediately"! ' +
      '(2) overvoteDelimiter is required for an ES&S CVR source when overvoteRule is set to "Exhaust if multiple continuing". ' +
      '(3) tiebreakMode "whatever" is unrecognized! Please supply a valid tiebreakMode. ' +
      '(4) maxRankingsAllowed must either be "max" or an integer from 1 to 2147483647! ' +
      '(5) decimalPlacesForVoteArithmetic must be an integer from 1 to 20!',
  );
});

test('the problems are also kept as a list, whole even when a value reads like a number marker', () => {
  const parsed = parseRctabConfig(config({ tiebreakMode: 'pick (2) at random', numberOfWinners: '' }), 'marker.json', '.');
  assert.ok(!parsed.ok);
  assert.ok(isConfigValidationError(parsed.error));
  assert.deepEqual(parsed.error.problems, [
    'tiebreakMode "pick (2) at random" is unrecognized! Please supply a valid tiebreakMode.',
    'numberOfWinners must be an integer from 0 to 2147483647!',
  ]);
  assert.equal(
    parsed.error.message,
    'Contest config validation failed! 2 problems: (1) tiebreakMode "pick (2) at random" is unrecognized! Please supply a valid tiebreakMode. ' +
      '(2) numberOfWinners must be an integer from 0 to 2147483647!',
  );
  assert.equal(isConfigValidationError({ file: 'x.json', message: 'not valid JSON: Unexpected end of JSON input' }), false);
});

test('one problem is counted as one', () => {
  const parsed = parseRctabConfig(config({ numberOfWinners: '' }), 'one.json', '.');
  assert.ok(!parsed.ok);
  assert.equal(parsed.error.message, 'Contest config validation failed! 1 problem: (1) numberOfWinners must be an integer from 0 to 2147483647!');
});

test('CVR sources are checked for existence only when the caller passes the check', () => {
  const checked = parseRctabConfig(config(), '/elections/mayor.json', '/elections', { fileExists: () => false });
  assert.ok(!checked.ok && checked.error.message.endsWith('(1) Cast vote record file not found: /elections/cvr.xlsx'));
  assert.ok(parseRctabConfig(config(), '/elections/mayor.json', '/elections').ok);
});

test('text that is not JSON, or JSON not shaped like a config, is refused before validation', () => {
  const notJson = parseRctabConfig('{"rules": ', 'c.json', '.');
  assert.ok(!notJson.ok && notJson.error.message.startsWith('not valid JSON'));
  const noRules = parseRctabConfig(JSON.stringify({ outputSettings: {}, cvrFileSources: [], candidates: [] }), 'c.json', '.');
  assert.ok(!noRules.ok && noRules.error.message.startsWith('invalid config: rules: '), !noRules.ok ? noRules.error.message : '');
});

test("older configs' spellings of options are migrated, as RCTab does on load", () => {
  const legacy = JSON.parse(
    config({ winnerElectionMode: 'Single-winner majority determines winner', tiebreakMode: 'Use candidate order in the config file', overvoteRule: 'Exhaust immediately' }),
  ) as { cvrFileSources: { provider: string }[] };
  legacy.cvrFileSources.forEach((s) => (s.provider = 'ES&S'));
  const parsed = parseRctabConfig(JSON.stringify(legacy), 'old.json', '.');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  if (!parsed.ok) return;
  assert.equal(parsed.value.rules.winnerElectionMode, 'singleWinnerMajority');
  assert.equal(parsed.value.rules.tiebreakMode, 'useCandidateOrder');
  assert.equal(parsed.value.rules.overvoteRule, 'exhaustImmediately');
  assert.equal(parsed.value.sources[0]?.provider, 'ess');
});

test("a config from an earlier RCTab has its winner election mode renamed, as RCTab's migration does", () => {
  const cases: [Record<string, unknown>, string, boolean][] = [
    [{ winnerElectionMode: 'standard', numberOfWinners: '1' }, 'singleWinnerMajority', false],
    [{ winnerElectionMode: 'standard', numberOfWinners: '3', batchElimination: false }, 'multiWinnerAllowMultipleWinnersPerRound', false],
    [{ winnerElectionMode: 'singleSeatContinueUntilTwoCandidatesRemain' }, 'singleWinnerMajority', true],
    [{ winnerElectionMode: 'multiSeatAllowOnlyOneWinnerPerRound', numberOfWinners: '2', batchElimination: false }, 'multiWinnerAllowOnlyOneWinnerPerRound', false],
    [{ winnerElectionMode: 'multiSeatBottomsUp', numberOfWinners: '2', batchElimination: false }, 'bottomsUp', false],
    [{ winnerElectionMode: 'multiSeatBottomsUp', numberOfWinners: '0', multiSeatBottomsUpPercentageThreshold: '25', batchElimination: false }, 'bottomsUpUsingPercentageThreshold', false],
    [{ winnerElectionMode: 'multiSeatSequentialWinnerTakesAll', numberOfWinners: '2' }, 'multiPassIrv', false],
  ];
  for (const [rules, mode, continueUntilTwo] of cases) {
    const parsed = parseRctabConfig(config(rules, { tabulatorVersion: '1.2.0' }), 'old.json', '.');
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
    assert.equal(parsed.value.rules.winnerElectionMode, mode, JSON.stringify(rules));
    assert.equal(parsed.value.rules.continueUntilTwoCandidatesRemain, continueUntilTwo, JSON.stringify(rules));
  }
});

test('labels an earlier RCTab kept in "rules" apply to every source, over its own; not in a TEST config', () => {
  const labels = { overvoteLabel: 'OVER', undervoteLabel: 'SKIP', undeclaredWriteInLabel: 'WRITE-IN', treatBlankAsUndeclaredWriteIn: true };
  const old = parseRctabConfig(config(labels, { tabulatorVersion: '1.2.0' }), 'old.json', '.');
  assert.ok(old.ok, old.ok ? '' : old.error.message);
  const source = old.value.sources[0];
  assert.deepEqual([source?.overvoteLabel, source?.skippedRankLabel, source?.undeclaredWriteInLabel, source?.treatBlankAsUndeclaredWriteIn], ['OVER', 'SKIP', 'WRITE-IN', true]);
  const test = parseRctabConfig(config(labels), 'test.json', '.');
  assert.ok(test.ok, test.ok ? '' : test.error.message);
  assert.deepEqual([test.value.sources[0]?.overvoteLabel, test.value.sources[0]?.treatBlankAsUndeclaredWriteIn], ['overvote', false]);
  const unmigrated = parseRctabConfig(config({ winnerElectionMode: 'standard' }), 'test.json', '.');
  assert.ok(!unmigrated.ok && unmigrated.error.message.includes('winnerElectionMode "standard" is unrecognized!'));
});
