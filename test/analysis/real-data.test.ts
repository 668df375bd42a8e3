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
 * Portland 2015 mayor (RCTab's expected report, round 14): Mavodones 54, Carmona 40, so at most
 * ⌊14/2⌋ + 1 = 8. The exact margin is 4. Upper: re-rank four Bragdon-first ballots [Vail] (the one
 * ranking every candidate and three × [Bragdon, Haadoow, Eder, Vail, …]); recounted, Vail starts on 10 and
 * Bragdon on 7, Vail has 11 to Bragdon's 10 when Bragdon is the lowest left, takes his ballots (19) and
 * then Bryant's, Dodge's and Carmona's, and beats Mavodones 53 to 41. Lower: the search proves no change of
 * 3 ballots follows any elimination order that unseats Mavodones (every suffix program, its ties traced
 * back under the backwards tie-break, costs 4 or more), in a few minutes (see bench/analysis.ts).
 * Alaska 2024 (RCTab's expected report, round 1 of 116 active ballots): Begich 66, Peltola 45. At least
 * ⌈(2·66 − 116)/2⌉ = 8 (the majority's lead, each change narrowing it by at most 2), at most
 * ⌊21/2⌋ + 1 = 11.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { irvMargin, type IrvMargin } from '../../src/analysis/irv-margin.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import { readRctabContest } from '../../src/analysis/rctab-contest.ts';
import { readContest } from '../../src/cli/read-file.ts';
import type { Contest } from '../../src/count/ballots.ts';
import { count } from '../../src/count/index.ts';
import { DEFAULT_TIEBREAK } from '../../src/count/types.ts';
import { winnerAfter } from './brute-force.ts';

const data = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const burlington = join(data, 'burlington-2009');
const minneapolis = join(data, 'rctab', '2013_minneapolis_mayor');
const portland = join(data, 'rctab', '2015_portland_mayor');
const alaska = join(data, 'rctab', '2024_alaska_dominion');
const skip = (dir: string): false | string => (existsSync(dir) ? false : `shared data absent: ${dir} not found`);

/** The exact margin, asserted exact, whose witness the recount confirms elects someone else. */
async function exactMargin(contest: Contest): Promise<IrvMargin> {
  const margin = irvMargin(contest, await loadHighsSolver());
  assert.ok(margin.ok, margin.ok ? '' : margin.error);
  assert.equal(margin.value.exact, true);
  assert.notEqual(winnerAfter(contest, margin.value.witness, DEFAULT_TIEBREAK), margin.value.winner);
  return margin.value;
}

test('Burlington 2009: exact margin within the last-round margin of 127, witness elects someone else', { skip: skip(burlington) }, async () => {
  const contest = await readContest(join(burlington, 'ballots.csv'));
  assert.ok(contest.ok);
  const m = await exactMargin(contest.value);
  assert.equal(contest.value.candidates[m.winner], 'Bob Kiss');
  assert.ok(m.ballots >= 1n && m.ballots <= 127n, `margin ${m.ballots}`);
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
  const m = await exactMargin(contest.value);
  assert.ok(m.ballots === 6955n || m.ballots === 6956n, `margin ${m.ballots}`);
});

test('Portland 2015 mayor: exact margin 4, four Bragdon-first ballots re-ranked [Vail] elect Vail', { skip: skip(portland) }, async () => {
  const contest = await readRctabContest(join(portland, '2015_portland_mayor_config.json'));
  assert.ok(contest.ok);
  const names = contest.value.candidates;
  const index = (name: string): number => names.findIndex((n) => n.startsWith(name));
  const [bragdon, vail] = [index('Bragdon'), index('Vail')];
  const bragdonFirst = contest.value.ballots.filter((b) => b.ranking[0] === bragdon);
  const moved = [bragdonFirst.find((b) => b.ranking.length === names.length - 2), bragdonFirst.find((b) => b.weight >= 3n && b.ranking[1] === index('Haadoow'))];
  assert.ok(moved[0] && moved[1], 'the Bragdon-first ballots of the hand-worked witness');
  const witness = [
    { from: moved[0].ranking, to: [vail], count: 1n },
    { from: moved[1].ranking, to: [vail], count: 3n },
  ];
  const elected = winnerAfter(contest.value, witness, DEFAULT_TIEBREAK);
  assert.equal(elected === undefined ? undefined : names[elected], 'Vail, Christopher L.');
  const m = await exactMargin(contest.value);
  assert.equal(names[m.winner], 'Mavodones, Nicholas M. Jr.');
  assert.deepEqual([m.ballots, m.exact, m.lowerBound], [4n, true, 4n]);
});

test('Alaska 2024 (Dominion CVRs): exact margin between the hand-worked bounds 8 and 11, witness confirmed', { skip: skip(alaska) }, async () => {
  const contest = await readRctabContest(join(alaska, '2024_alaska_dominion_config.json'));
  assert.ok(contest.ok);
  const m = await exactMargin(contest.value);
  assert.equal(contest.value.candidates[m.winner], 'Begich, Nick');
  assert.ok(m.ballots >= 8n && m.ballots <= 11n, `margin ${m.ballots}`);
});
