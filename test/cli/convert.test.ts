import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { registerConvert } from '../../src/cli/convert.ts';
import { createProgram, runProgram } from '../../src/cli/exit.ts';
import { assertSameCdf, caseConfig, CONVERSION_CASES } from '../formats/rctab/cdf-cases.ts';
import { RCTAB, skipUnlessData } from '../formats/rctab/readers/support.ts';
import { fixtures, runCli } from './run-cli.ts';

/** Runs `rollover convert ARGS` in-process; returns the exit code and restores process.exitCode. */
async function convert(...args: string[]): Promise<number> {
  const program = createProgram();
  registerConvert(program);
  await runProgram(program, ['node', 'rollover', 'convert', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return code;
}

for (const name of CONVERSION_CASES) {
  test(`convert: ${name} gives RCTab's expected CDF JSON byte for byte (date and device names masked)`, { skip: skipUnlessData }, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rollover-convert-')), 'cdf.json');
    assert.equal(await convert(caseConfig(name), '--output', out), 0);
    assertSameCdf(readFileSync(out, 'utf8'), name);
  });
}

test('rollover convert, run as a command, prints the ES&S conversion case as RCTab writes it', { skip: skipUnlessData }, async () => {
  const run = await runCli(['convert', caseConfig('conversions_from_ess')]);
  assert.equal(run.code, 0, run.stderr);
  assertSameCdf(run.stdout, 'conversions_from_ess');
});

test('convert --to csv: the ES&S and CDF conversion cases give RCTab\'s CVR export byte for byte', { skip: skipUnlessData }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-convert-'));
  for (const name of ['conversions_from_ess', 'conversions_from_cdf']) {
    const out = join(dir, `${name}.csv`);
    assert.equal(await convert(join(RCTAB, name, `${name}_config.json`), '--to', 'csv', '--output', out), 0);
    assert.equal(readFileSync(out, 'utf8'), readFileSync(join(RCTAB, name, `${name}_expected.csv`), 'utf8'));
  }
});

test('convert: a truncated CVR exits 1 and writes nothing', { skip: skipUnlessData }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-convert-'));
  cpSync(join(RCTAB, 'test_set_1_exhaust_at_overvote'), dir, { recursive: true });
  const cvr = join(dir, 'test_set_1_exhaust_at_overvote_cvr.json');
  writeFileSync(cvr, readFileSync(cvr, 'utf8').slice(0, 1000));
  const out = join(dir, 'cdf.json');
  assert.equal(await convert(join(dir, 'test_set_1_exhaust_at_overvote_config.json'), '--output', out), 1);
  assert.equal(existsSync(out), false);
  assert.equal(existsSync(`${out}.partial`), false);
});

test('convert: a missing CVR is listed with the config\'s other problems, one a line; exit 1, no file', async () => {
  // Hand-made: gone.xlsx was never written, and decimal places must be 1 to 20 in RCTab.
  const { 'contest.json': path = '' } = fixtures({
    'contest.json': JSON.stringify({
      tabulatorVersion: 'TEST',
      outputSettings: { contestName: 'Mayor' },
      cvrFileSources: [{ filePath: 'gone.xlsx', provider: 'ess', firstVoteColumnIndex: '4', firstVoteRowIndex: '2' }],
      candidates: [{ name: 'A' }, { name: 'B' }],
      rules: { tiebreakMode: 'useCandidateOrder', overvoteRule: 'exhaustImmediately', winnerElectionMode: 'singleWinnerMajority', numberOfWinners: '1', decimalPlacesForVoteArithmetic: '0', maxSkippedRanksAllowed: '1', maxRankingsAllowed: 'max' },
    }),
  });
  const out = join(dirname(path), 'cdf.json');
  const run = await runCli(['convert', path, '--output', out]);
  assert.equal(run.code, 1);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines[0], `rollover: ${path}: Contest config validation failed! 2 problems:`);
  assert.equal(lines[1], `  (1) Cast vote record file not found: ${join(dirname(path), 'gone.xlsx')}`);
  assert.match(lines[2] ?? '', /^ {2}\(2\) decimalPlacesForVoteArithmetic must be an integer from 1 to 20!$/);
  assert.equal(existsSync(out), false);
});
