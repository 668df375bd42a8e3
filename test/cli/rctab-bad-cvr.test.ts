// Malformed cast vote records of each kind (xlsx, JSON, XML, CSV), given to `rollover count
// --rctab-config`: exit code 1, a message naming the file and where in it the problem is, no stack
// trace, and no report written (the report folder is not even created). The damage is made by hand here
// to RCTab's own regression CVRs, so each expected place is known from what was broken.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli, scratchDir, STACK_LINE } from './run-cli.ts';

const data = fileURLToPath(new URL('../../../shared/data/rctab/', import.meta.url));
const skip = existsSync(data) ? false : 'shared data absent: ../shared/data/rctab not found';

interface CaseConfig {
  cvrFileSources: { filePath: string }[];
}

/** The case's CVR bytes, and a copy of its config that reads `damaged` (bytes) instead, in a fresh folder. */
function damagedCase(name: string, damaged: string, damage: (cvr: Buffer) => Buffer | string): { config: string; reports: string } {
  const config = JSON.parse(readFileSync(join(data, name, `${name}_config.json`), 'utf8')) as CaseConfig;
  const source = config.cvrFileSources[0];
  assert.ok(source, `${name} has a CVR source`);
  const dir = scratchDir();
  const cvr = join(dir, damaged);
  writeFileSync(cvr, damage(readFileSync(join(data, name, source.filePath))));
  source.filePath = cvr;
  const path = join(dir, `${name}_config.json`);
  writeFileSync(path, JSON.stringify(config));
  return { config: path, reports: join(dir, 'reports') };
}

async function assertRefused(name: string, damaged: string, damage: (cvr: Buffer) => Buffer | string, where: RegExp): Promise<void> {
  const { config, reports } = damagedCase(name, damaged, damage);
  const run = await runCli(['count', '--rctab-config', config, '--report-dir', reports]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, where);
  assert.doesNotMatch(run.stderr, STACK_LINE);
  assert.equal(existsSync(reports), false, 'no report folder');
}

test('xlsx cut short inside the worksheet (300,000 of 2,027,670 bytes): refused, naming the file', { skip }, async () => {
  await assertRefused('2013_minneapolis_mayor', 'cut.xlsx', (b) => b.subarray(0, 300_000), /cut\.xlsx: the xlsx workbook ends early \(truncated\?\)/);
});

test('xlsx with 400 bytes zeroed mid-worksheet: refused, naming the file and the last good row', { skip }, async () => {
  const zeroed = (b: Buffer): Buffer => Buffer.from(b).fill(0, 1_000_000, 1_000_400);
  await assertRefused('2013_minneapolis_mayor', 'damaged.xlsx', zeroed, /damaged\.xlsx after row \d+: not a readable xlsx workbook/);
});

test('NIST CDF JSON cut in half: refused, naming the file and line', { skip }, async () => {
  const half = (b: Buffer): string => b.toString('utf8').slice(0, Math.floor(b.length / 2));
  await assertRefused('test_set_1_exhaust_at_overvote', 'cut.json', half, /cut\.json line \d+: .*ends inside a JSON value \(truncated\?\)/);
});

test('NIST CDF XML with a broken closing tag in its 10th CVR: refused, naming the file, line and CVR', { skip }, async () => {
  let line = 0;
  const broken = (b: Buffer): string => {
    const text = b.toString('utf8');
    let at = -1;
    for (let n = 0; n < 10; n++) at = text.indexOf('<CVR>', at + 1);
    const rank = text.indexOf('</Rank>', at);
    line = text.slice(0, rank).split('\n').length;
    return `${text.slice(0, rank)}</Rnk>${text.slice(rank + '</Rank>'.length)}`;
  };
  const { config, reports } = damagedCase('unisyn_xml_cdf_city_coroner', 'broken.xml', broken);
  const run = await runCli(['count', '--rctab-config', config, '--report-dir', reports]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, new RegExp(`broken\\.xml line ${line} CVR 10: .*not well-formed XML`));
  assert.equal(existsSync(reports), false, 'no report folder');
});

test("generic CSV with a rank 'x' on its third line: refused, naming the file, line and column", { skip }, async () => {
  // Line 3 is R_1ikP1jSJLdWUEKs,p1,b1,2,3,4,1, : Broccoli (column 5) ranked 3 becomes 'x'.
  const bad = (b: Buffer): string => b.toString('utf8').replace('R_1ikP1jSJLdWUEKs,p1,b1,2,3,', 'R_1ikP1jSJLdWUEKs,p1,b1,2,x,');
  await assertRefused('generic_csv_test', 'bad.csv', bad, /bad\.csv line 3: column 5: rank 'x' is not a positive whole number/);
});
