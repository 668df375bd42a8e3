// The RCTab side of `rollover count`: ballot-count confirmation, several contests at once, the per-ballot
// audit file, and nothing written when any contest fails. Expected figures are RCTab's for the same CVRs.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { describeRctabError } from '../../src/cli/rctab.ts';
import { assertSameCdf } from '../formats/rctab/cdf-cases.ts';
import { fixtures, runCli, STACK_LINE } from './run-cli.ts';

const data = fileURLToPath(new URL('../../../shared/data/rctab/', import.meta.url));
const skip = existsSync(data) ? false : 'shared data absent: ../shared/data/rctab not found';
const config = (name: string): string => join(data, name, `${name}_config.json`);

test('--check-only prints ballots by source and precinct (RCTab: 26 ballots, p1 13, p2 10) and writes nothing', { skip }, async () => {
  const run = await runCli(['count', '--rctab-config', config('generic_csv_test'), '--check-only']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Total +26$/m);
  assert.match(run.stdout, /^p1 +13$/m);
  assert.match(run.stdout, /^p2 +10$/m);
  assert.match(run.stdout, /^Undervotes \(no rankings\) +0$/m);
});

test('--check-only with several configs prints each contest\'s counts (RCTab: 26 ballots each)', { skip }, async () => {
  const run = await runCli(['count', '--rctab-config', config('generic_csv_test'), config('generic_csv_test'), '--check-only']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout.match(/^Total +26$/gm)?.length, 2);
});

test('several configs: each contest in a folder of its own, with ballot_rounds.csv when asked', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-rctab-'));
  const run = await runCli(['count', '--rctab-config', config('tiebreak_seed_test'), config('stop_tabulation_early_test'), '--report-dir', dir, '--ballot-rounds']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['stop_tabulation_early_test_config', 'tiebreak_seed_test_config']);
  const seed = join(dir, 'tiebreak_seed_test_config');
  assert.deepEqual(readdirSync(seed).sort(), ['ballot_rounds.csv', 'detailed_report.csv', 'detailed_report.json']);
  // RCTab's report: 9 ballots over 2 rounds, so nine rows under a header of two rounds.
  const rows = readFileSync(join(seed, 'ballot_rounds.csv'), 'utf8').trim().split('\n');
  assert.equal(rows[0], 'Ballot ID,Round 1,Round 2');
  assert.equal(rows.length, 10);
});

test('a contest that fails writes nothing, not even the contests that counted', { skip }, async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'rollover-rctab-')), 'out');
  const run = await runCli(['count', '--rctab-config', config('tiebreak_seed_test'), config('invalid_params_test'), '--report-dir', dir]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /invalid_params_test_config\.json/);
  assert.doesNotMatch(run.stderr, STACK_LINE);
  assert.equal(existsSync(dir), false);
});

test('a config with generateCdfJson also gets cvr_cdf.json, RCTab\'s CDF export with every ballot\'s rounds, byte for byte', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-rctab-'));
  const name = 'test_set_multi_winner_fractional_threshold';
  const run = await runCli(['count', '--rctab-config', config(name), '--report-dir', dir]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['cvr_cdf.json', 'detailed_report.csv', 'detailed_report.json']);
  assertSameCdf(readFileSync(join(dir, 'cvr_cdf.json'), 'utf8'), name);
});

/** A hand-made single-winner config: candidates A and B in one generic CSV source, with `rules` changed. */
function contestOfAandB(filePath: string, rules: Record<string, string>): string {
  return JSON.stringify({
    tabulatorVersion: 'TEST',
    outputSettings: { contestName: 'Mayor' },
    cvrFileSources: [{ filePath, provider: 'genericCsv', firstVoteColumnIndex: '2', firstVoteRowIndex: '2' }],
    candidates: [{ name: 'A' }, { name: 'B' }],
    rules: { tiebreakMode: 'useCandidateOrder', overvoteRule: 'exhaustImmediately', winnerElectionMode: 'singleWinnerMajority', numberOfWinners: '1', decimalPlacesForVoteArithmetic: '4', maxSkippedRanksAllowed: '1', maxRankingsAllowed: 'max', ...rules },
  });
}

test('a config with a bad rule value and a missing CVR: both problems, one a line, exit 1, nothing written', async () => {
  // Hand-made: numberOfWinners "many" is not a number, and gone.csv was never written.
  const { 'contest.json': path = '' } = fixtures({ 'contest.json': contestOfAandB('gone.csv', { numberOfWinners: 'many' }) });
  const reports = join(dirname(path), 'reports');
  const run = await runCli(['count', '--rctab-config', path, '--report-dir', reports]);
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    `rollover: ${path}: Contest config validation failed! 2 problems:\n` +
      `  (1) Cast vote record file not found: ${join(dirname(path), 'gone.csv')}\n` +
      '  (2) numberOfWinners must be an integer from 0 to 2147483647!\n',
  );
  assert.equal(run.stdout, '');
  assert.equal(existsSync(reports), false);
});

test('validation problems go one a line under the summary, from the list; other errors read as before', () => {
  const one = { file: 'm.json', message: 'Contest config validation failed! 1 problem: (1) numberOfWinners must be an integer from 0 to 2147483647!', problems: ['numberOfWinners must be an integer from 0 to 2147483647!'] };
  assert.equal(describeRctabError(one), 'm.json: Contest config validation failed! 1 problem:\n  (1) numberOfWinners must be an integer from 0 to 2147483647!');
  // Values holding "(1)", "(2)" or "(3)" are no markers: the lines come from the list, not the message.
  const two = {
    file: 'm.json',
    message: 'Contest config validation failed! 2 problems: (1) Duplicate candidate names are not allowed: Ann (2) (3) (2) tiebreakMode "x (1)" is unrecognized!',
    problems: ['Duplicate candidate names are not allowed: Ann (2) (3)', 'tiebreakMode "x (1)" is unrecognized!'],
  };
  assert.equal(
    describeRctabError(two),
    'm.json: Contest config validation failed! 2 problems:\n  (1) Duplicate candidate names are not allowed: Ann (2) (3)\n  (2) tiebreakMode "x (1)" is unrecognized!',
  );
  assert.equal(describeRctabError({ file: 'cvr.csv', line: 3, message: 'not a number' }), 'cvr.csv line 3: not a number');
});

test('a rule value holding " (2) " stays on its problem\'s line in the terminal', async () => {
  // Hand-made: tiebreakMode "pick (2) at random" is no RCTab mode, and numberOfWinners "many" no number.
  // The first problem holds " (2) " before the second's marker, where a split of the message would cut.
  const { 'contest.json': path = '' } = fixtures({
    'cvr.csv': 'id,A,B\n1,1,2\n',
    'contest.json': contestOfAandB('cvr.csv', { tiebreakMode: 'pick (2) at random', numberOfWinners: 'many' }),
  });
  const run = await runCli(['count', '--rctab-config', path, '--report-dir', join(dirname(path), 'reports')]);
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    `rollover: ${path}: Contest config validation failed! 2 problems:\n` +
      '  (1) tiebreakMode "pick (2) at random" is unrecognized! Please supply a valid tiebreakMode.\n' +
      '  (2) numberOfWinners must be an integer from 0 to 2147483647!\n',
  );
});
