import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, scratchDir, STACK_LINE } from './run-cli.ts';

test('help lists every command, including those loaded on demand', async () => {
  const run = await runCli(['--help']);
  assert.equal(run.code, 0);
  for (const command of ['count', 'serve', 'demo', 'verify', 'convert']) assert.match(run.stdout, new RegExp(`^ {2}${command} `, 'm'));
  const count = await runCli(['count', '--help']);
  for (const option of ['--rctab-config', '--report-dir', '--check-only']) assert.ok(count.stdout.includes(option), option);
});

for (const option of [['--report-dir', join(tmpdir(), 'never-written')], ['--check-only']]) {
  test(`${option[0]} without --rctab-config is a usage error`, async () => {
    const run = await runCli(['count', ...option]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^rollover: .*--rctab-config/);
    assert.doesNotMatch(run.stderr, STACK_LINE);
  });
}

const rctabCase = new URL('../../../shared/data/rctab/generic_csv_test/', import.meta.url);

test(
  'count --rctab-config writes RCTab\'s detailed report, equal to the expected one but for generatedBy and GeneratedDate',
  { skip: existsSync(rctabCase) ? false : 'shared data absent: ../shared/data/rctab/generic_csv_test not found' },
  async () => {
    const dir = scratchDir();
    const run = await runCli(['count', '--rctab-config', new URL('generic_csv_test_config.json', rctabCase).pathname, '--report-dir', dir]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readdirSync(dir).includes('detailed_report.csv'));
    type Report = { config: Record<string, unknown> } & Record<string, unknown>;
    const comparable = (text: string): Report => {
      const report = JSON.parse(text) as Report;
      delete report.config.generatedBy;
      delete report.config.GeneratedDate;
      return report;
    };
    const expected = readFileSync(new URL('generic_csv_test_expected_detailed_report.json', rctabCase), 'utf8');
    assert.deepEqual(comparable(readFileSync(join(dir, 'detailed_report.json'), 'utf8')), comparable(expected));
  },
);
