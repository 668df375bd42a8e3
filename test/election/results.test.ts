/**
 * The count step of the service on published figures. Labour never published ballots, so the test builds
 * ballots that reproduce the published rounds of the 2020 deputy leadership election
 * (../shared/data/labour/results.json) and checks the service's count gives those rounds back.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { countElection, resultFiles, shuffle, turnoutByClass, turnoutRows, type PublishedResult } from '../../src/election/results.ts';
import { seededRandom } from '../../src/election/seeded.ts';
import type { Election } from '../../src/election/types.ts';

const data = new URL('../../../shared/data/labour/results.json', import.meta.url);
const skip = existsSync(data) ? false : 'shared data absent: ../shared/data/labour/results.json not found';

interface Published { id: string; candidates: string[]; rounds: { round: number; counts: Record<string, number> }[] }

test('ballots built from the published 2020 deputy rounds count back to those rounds', { skip }, () => {
  const deputy = (JSON.parse(readFileSync(data, 'utf8')) as { contests: Published[] }).contests.find((c) => c.id === 'labour-deputy-2020');
  assert.ok(deputy);
  const names = deputy.candidates; // Rayner, Allin-Khan, Burgon, Murray, Butler
  const [r1, r2, r3] = deputy.rounds.map((r) => r.counts);
  assert.ok(r1 && r2 && r3);
  const at = (round: Record<string, number>, name: string): number => round[name] ?? 0;
  const idx = (name: string): number => names.indexOf(name);
  const [R, AK, B, M, Bu] = ['Angela Rayner', 'Rosena Allin-Khan', 'Richard Burgon', 'Ian Murray', 'Dawn Butler'];
  const ballots: number[][] = [];
  const add = (n: number, ...ranking: string[]): void => {
    for (let i = 0; i < n; i++) ballots.push(ranking.map(idx));
  };
  // Round 1 first preferences, each a one-name ballot except Murray's and Butler's, whose later
  // preferences make rounds 2 and 3.
  add(at(r1, R ?? ''), R ?? '');
  add(at(r1, AK ?? ''), AK ?? '');
  add(at(r1, B ?? ''), B ?? '');
  // Butler (50,255) is excluded after round 1; the round 2 gains are her transfers:
  // Rayner 209,968 − 192,168 = 17,800; Allin-Khan 88,049 − 77,351 = 10,698; Burgon 88,664 − 80,053 = 8,611;
  // Murray 64,560 − 61,179 = 3,381; the rest, 50,255 − 40,490 = 9,765, exhaust.
  const fromButler = (name: string): number => at(r2, name) - at(r1, name);
  for (const to of [R, AK, B, M]) add(fromButler(to ?? ''), Bu ?? '', to ?? '');
  add(at(r1, Bu ?? '') - [R, AK, B, M].reduce((s, n) => s + fromButler(n ?? ''), 0), Bu ?? '');
  // Murray (64,560) is excluded after round 2. His 3,381 ballots from Butler rank nobody else, so they exhaust;
  // his own 61,179 give Rayner 228,944 − 209,968 = 18,976, Allin-Khan 113,858 − 88,049 = 25,809,
  // Burgon 92,643 − 88,664 = 3,979, and 61,179 − 48,764 = 12,415 exhaust.
  const fromMurray = (name: string): number => at(r3, name) - at(r2, name);
  for (const to of [R, AK, B]) add(fromMurray(to ?? ''), M ?? '', to ?? '');
  add(at(r1, M ?? '') - [R, AK, B].reduce((s, n) => s + fromMurray(n ?? ''), 0), M ?? '');

  const election: Election = {
    id: 'e', title: 'Deputy 2020', status: 'closed', createdAt: '', schedule: {}, bodies: [], nominations: [],
    eligibility: { classes: ['member'], requireGoodStanding: true },
    contests: [{ id: 'deputy', title: 'Deputy Leader', method: 'irv', seats: 1, incumbentOnBallot: false, candidates: [], ballot: names }],
  };
  const counted = countElection(election, new Map([['deputy', ballots]]), [], seededRandom('t'));
  assert.ok(counted.ok);
  const rounds = counted.value.result.contests[0]?.count.rounds ?? [];
  const asStrings = (counts: Record<string, number>): Record<string, string> =>
    Object.fromEntries(names.filter((n) => n in counts).map((n) => [n, String(counts[n])]));
  assert.deepEqual(rounds.map((r) => r.tally), [asStrings(r1), asStrings(r2), asStrings(r3)]);
  assert.deepEqual(rounds.map((r) => r.excluded), [['Dawn Butler'], ['Ian Murray'], []]);
  assert.deepEqual(counted.value.result.contests[0]?.count.winners, ['Angela Rayner']);
  // The published ballots file holds every ballot, one line each (weight 1), in shuffled order.
  const lines = counted.value.ballots.deputy?.split('\n') ?? [];
  assert.equal(lines.filter((l) => / 0$/.test(l) && l.startsWith('1 ')).length, ballots.length);
});

test('turnout by class adds an "all" row; percentages are truncated to one place', () => {
  // members 2 of 3 = 66.66…% → 66.6; supporters 1 of 1 = 100.0; all 3 of 4 = 75.0.
  assert.deepEqual(turnoutRows([{ electorClass: 'member', eligible: 3, voted: 2 }, { electorClass: 'supporter', eligible: 1, voted: 1 }]).map((r) => r.percent), ['66.6', '100.0', '75.0']);
});

test('turnout by class: small classes pooled until the pool is safe, eligible counts summed over the pool', () => {
  const row = (electorClass: string, eligible: number, voted: number) => ({ electorClass, eligible, voted, percent: '' });
  // Voted: members 50, affiliates 4, staff 3, supporters 12. Affiliates and staff are under 10 and
  // together 7, still under 10, so the smallest shown class (supporters, 12) joins: 4 + 3 + 12 = 19 voted
  // of 6 + 5 + 20 = 31 eligible; 19 × 100 / 31 = 61.29… → 61.2. Members: 50 of 80 = 62.5.
  const rows = turnoutByClass([row('member', 80, 50), row('affiliate', 6, 4), row('staff', 5, 3), row('supporter', 20, 12), row('all', 111, 69)], 10);
  assert.deepEqual(rows.map((r) => [r.electorClass, r.eligible, r.voted, r.percent]), [
    ['member', 80, 50, '62.5'],
    ['other (3 classes pooled for privacy)', 31, 19, '61.2'],
    ['all', 111, 69, '62.1'],
  ]);
  // Nothing pooled when every class reaches the threshold; nothing at all when even everyone is too few.
  assert.deepEqual(turnoutByClass([row('member', 12, 10), row('supporter', 11, 11)], 10).map((r) => r.electorClass), ['member', 'supporter', 'all']);
  assert.deepEqual(turnoutByClass([row('member', 8, 8)], 10), []);
});

test('the published files carry turnout pooled as the results page shows it; the stored result keeps it exact', () => {
  // Voted: members 12 of 15, supporters 11 of 11, affiliates 3 of 5. The affiliates are under 10, and a pool
  // of them alone would name them, so the smallest shown class (supporters, 11) joins: 3 + 11 = 14 voted of
  // 5 + 11 = 16 eligible, 14 × 100 / 16 = 87.5. Members 12 × 100 / 15 = 80.0; all 26 of 31, 83.87… → 83.8.
  const exact = turnoutRows([
    { electorClass: 'member', eligible: 15, voted: 12 },
    { electorClass: 'supporter', eligible: 11, voted: 11 },
    { electorClass: 'affiliate', eligible: 5, voted: 3 },
  ]);
  const result: PublishedResult = { election: { id: 'e', title: 'Chair' }, contests: [], turnout: exact };
  const files = resultFiles(result, {}, []);
  const published = JSON.parse(files.get('result.json') ?? '{}') as PublishedResult;
  assert.deepEqual(published.turnout, [
    { electorClass: 'member', eligible: 15, voted: 12, percent: '80.0' },
    { electorClass: 'other (2 classes pooled for privacy)', eligible: 16, voted: 14, percent: '87.5' },
    { electorClass: 'all', eligible: 31, voted: 26, percent: '83.8' },
  ]);
  for (const [name, text] of files) assert.doesNotMatch(text, /affiliate/, `${name} never names the class of 3 voters`);
  assert.equal(result.turnout, exact, 'publishing leaves the stored result as it was');
});

test('the published files withhold turnout by class when even every voter together is under the threshold', () => {
  const result: PublishedResult = { election: { id: 'e', title: 'Chair' }, contests: [], turnout: turnoutRows([{ electorClass: 'member', eligible: 9, voted: 9 }]) };
  assert.deepEqual((JSON.parse(resultFiles(result, {}, []).get('result.json') ?? '{}') as PublishedResult).turnout, []);
});

test('shuffle keeps every item and the same seed gives the same order', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const a = shuffle(items, seededRandom('s'));
  assert.deepEqual([...a].sort((x, y) => x - y), items);
  assert.deepEqual(shuffle(items, seededRandom('s')), a);
  assert.notDeepEqual(a, items);
});
