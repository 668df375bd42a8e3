/**
 * Margins of real elections in ../shared/data (skipped when it is absent). The published final rounds give
 * each contest's last-round margin, an upper bound the exact margin may not exceed; the witness, applied and
 * recounted here, must elect someone else.
 *
 * Burlington 2009 (result.json, final round from this ballot file): Kiss 4313, Wright 4060. Moving
 * ⌊(4313 − 4060)/2⌋ + 1 = 127 Kiss-first ballots to Wright gives 4186 to 4187.
 * Minneapolis 2013 mayor (RCTab's expected report, round 33): Hodges 38852, Andrew 24942, so the
 * last-round margin is ⌊13910/2⌋ + 1 = 6956; 6955 would leave them tied at 31897, which our backwards
 * tie-break may settle either way.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { irvMargin } from '../../src/analysis/irv-margin.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import { readRctabContest } from '../../src/cli/analyze.ts';
import { readContest } from '../../src/cli/read-file.ts';
import { count } from '../../src/count/index.ts';
import { DEFAULT_TIEBREAK } from '../../src/count/types.ts';
import { winnerAfter } from './brute-force.ts';

const data = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const burlington = join(data, 'burlington-2009');
const minneapolis = join(data, 'rctab', '2013_minneapolis_mayor');
const skip = (dir: string): false | string => (existsSync(dir) ? false : `shared data absent: ${dir} not found`);

test('Burlington 2009: exact margin within the last-round margin of 127, witness elects someone else', { skip: skip(burlington) }, async () => {
  const contest = await readContest(join(burlington, 'ballots.csv'));
  assert.ok(contest.ok);
  const margin = irvMargin(contest.value, await loadHighsSolver());
  assert.ok(margin.ok, margin.ok ? '' : margin.error);
  const m = margin.value;
  assert.equal(contest.value.candidates[m.winner], 'Bob Kiss');
  assert.equal(m.exact, true);
  assert.ok(m.ballots >= 1n && m.ballots <= 127n, `margin ${m.ballots}`);
  assert.notEqual(winnerAfter(contest.value, m.witness, DEFAULT_TIEBREAK), m.winner);
});

test('Minneapolis 2013 mayor: CVRs read as RCTab does, exact margin 6955 or 6956, witness confirmed', { skip: skip(minneapolis) }, async () => {
  const contest = await readRctabContest(join(minneapolis, '2013_minneapolis_mayor_config.json'));
  assert.ok(contest.ok);
  // The conversion is right if our count ends where RCTab's published report ends.
  const result = count(contest.value, { method: 'irv' });
  assert.ok(result.ok);
  const last = result.value.rounds[result.value.rounds.length - 1];
  const names = contest.value.candidates;
  const finalTally: Record<string, string> = Object.fromEntries([...(last?.tally ?? [])].map(([c, v]) => [names[c] ?? '', v.toString()]));
  assert.deepEqual(finalTally, { 'BETSY HODGES': '38852', 'MARK ANDREW': '24942' });
  const margin = irvMargin(contest.value, await loadHighsSolver());
  assert.ok(margin.ok, margin.ok ? '' : margin.error);
  assert.equal(margin.value.exact, true);
  assert.ok(margin.value.ballots === 6955n || margin.value.ballots === 6956n, `margin ${margin.value.ballots}`);
  assert.notEqual(winnerAfter(contest.value, margin.value.witness, DEFAULT_TIEBREAK), margin.value.winner);
});
