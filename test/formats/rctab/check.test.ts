// The ballot-count confirmation against RCTab's own totals for the same CVRs (its expected detailed
// reports' "Total Number of Ballots" and "Number of Undervotes", overall and per precinct).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRctabContest } from '../../../src/formats/rctab/run.ts';

const root = resolve(process.cwd(), '../shared/data/rctab');
const skip = existsSync(root) ? false : 'shared data absent: ../shared/data/rctab not found';

async function check(name: string): Promise<string> {
  const config = join(root, name, `${name}_config.json`);
  const result = await checkRctabContest(readFileSync(config, 'utf8'), config);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function row(text: string, label: string): string | undefined {
  return text
    .split('\n')
    .find((l) => l.startsWith(`${label} `))
    ?.slice(label.length)
    .trim();
}

test('generic CSV: 26 ballots, precincts p1 13, p2 10 and 3 without one (RCTab: 26; 13, 10, 3)', { skip }, async () => {
  const text = await check('generic_csv_test');
  assert.equal(row(text, 'Total'), '26');
  assert.equal(row(text, 'p1'), '13');
  assert.equal(row(text, 'p2'), '10');
  assert.equal(row(text, '(no precinct)'), '3');
  assert.equal(row(text, 'Undervotes (no rankings)'), '0');
});

test('Minneapolis 2013 mayor: 80,101 ballots of which 639 undervotes (RCTab\'s totals)', { skip }, async () => {
  const text = await check('2013_minneapolis_mayor');
  assert.equal(row(text, 'Total'), '80101');
  assert.equal(row(text, 'Undervotes (no rankings)'), '639');
  // RCTab finds 103 ballots inactive at an overvote in round 1 (exhaust immediately): each of them holds
  // an overvote, so at least that many ballots do.
  const overvoted = Number(row(text, 'Ballots with an overvote'));
  assert.ok(overvoted >= 103 && overvoted < 80101, `overvoted ballots: ${overvoted}`);
});
