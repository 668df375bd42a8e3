// RCTab contest configs: values as RCTab writes them (numbers in strings, blanks for unset) become the
// tabulator's rules and the readers' source specs; invalid configs are refused naming every problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRctabConfig } from '../../../src/formats/rctab/config.ts';

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

test('every invalid rule is named in one message', () => {
  const parsed = parseRctabConfig(
    config({ tiebreakMode: 'whatever', overvoteRule: 'invalidOption', decimalPlacesForVoteArithmetic: '-1', maxRankingsAllowed: '0', randomSeed: '' }),
    'bad.json',
    '.',
  );
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.equal(parsed.error.file, 'bad.json');
  for (const part of ['tiebreakMode "whatever"', 'overvoteRule "invalidOption"', 'decimalPlacesForVoteArithmetic "-1"', 'maxRankingsAllowed "0"']) {
    assert.ok(parsed.error.message.includes(part), `${part} in: ${parsed.error.message}`);
  }
});

test('combinations the documentation rules out are refused', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ tiebreakMode: 'random', randomSeed: '' }, 'randomSeed is required'],
    [{ randomSeed: '140737488355328' }, 'randomSeed "140737488355328"'],
    [{ numberOfWinners: '2' }, 'singleWinnerMajority needs numberOfWinners = 1'],
    [{ winnerElectionMode: 'multiWinnerAllowMultipleWinnersPerRound', numberOfWinners: '3' }, 'batchElimination is only valid'],
    [{ winnerElectionMode: 'bottomsUpUsingPercentageThreshold', numberOfWinners: '0', batchElimination: false, multiSeatBottomsUpPercentageThreshold: '101' }, 'multiSeatBottomsUpPercentageThreshold "101"'],
    [{ overvoteRule: 'exhaustIfMultipleContinuing' }, 'needs an overvoteDelimiter'],
  ];
  for (const [rules, message] of cases) {
    const parsed = parseRctabConfig(config(rules), 'c.json', '.');
    assert.ok(!parsed.ok && parsed.error.message.includes(message), `${JSON.stringify(rules)} → ${message}`);
  }
});

test('sources and output settings are checked too', () => {
  const noColumns = config({}, { cvrFileSources: [{ filePath: 'cvr.xlsx', provider: 'ess' }] });
  const parsed = parseRctabConfig(noColumns, 'c.json', '.');
  assert.ok(!parsed.ok && parsed.error.message.includes('CVR source 1: firstVoteColumnIndex is required for ess'));
  const userFolder = JSON.parse(config()) as { outputSettings: Record<string, unknown> };
  userFolder.outputSettings.outputDirectory = 'C:/Users/output';
  const refused = parseRctabConfig(JSON.stringify(userFolder), 'c.json', '.');
  assert.ok(!refused.ok && refused.error.message.includes('user account folder'));
  const notJson = parseRctabConfig('{"rules": ', 'c.json', '.');
  assert.ok(!notJson.ok && notJson.error.message.startsWith('not valid JSON'));
  const wrongType = parseRctabConfig(config({ batchElimination: 'True' }), 'c.json', '.');
  assert.ok(!wrongType.ok && wrongType.error.message.includes('batchElimination must be true or false, not "True"'));
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
