import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerConvert } from '../../src/cli/convert.ts';
import { createProgram, runProgram } from '../../src/cli/exit.ts';
import { RCTAB, skipUnlessData } from '../formats/rctab/readers/support.ts';

/** Runs `rollover convert ARGS` in-process; returns the exit code and restores process.exitCode. */
async function convert(...args: string[]): Promise<number> {
  const program = createProgram();
  registerConvert(program);
  await runProgram(program, ['node', 'rollover', 'convert', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return code;
}

const withoutDateAndDevice = (json: unknown): unknown =>
  Object.fromEntries(Object.entries(json as Record<string, unknown>).filter(([k]) => k !== 'GeneratedDate' && k !== 'ReportingDevice'));

test('convert: the Dominion conversion case gives RCTab\'s expected CDF JSON (apart from date and device)', { skip: skipUnlessData }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'rollover-convert-')), 'cdf.json');
  const config = join(RCTAB, 'conversions_from_dominion', 'conversions_from_dominion_config.json');
  assert.equal(await convert(config, '--output', out), 0);
  const expected = JSON.parse(readFileSync(join(RCTAB, 'conversions_from_dominion', 'conversions_from_dominion_expected_cdf_cvr.json'), 'utf8')) as unknown;
  assert.deepEqual(withoutDateAndDevice(JSON.parse(readFileSync(out, 'utf8'))), withoutDateAndDevice(expected));
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
