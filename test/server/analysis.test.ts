/** The analysis API on the hand-worked election of published.ts: margin, witness, bounds, privacy, refusals. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ballot } from '../../src/count/ballots.ts';
import { count } from '../../src/count/index.ts';
import { parseBlt } from '../../src/formats/blt.ts';
import { testServer } from './helpers.ts';
import { countedElection } from './published.ts';

interface Analysis {
  ballots: number;
  winners: string[];
  bounds: { lower: number; upper?: number };
  margin: { kind: string; ballots: number; exact: boolean; lowerBound: number; winner: string; newWinner: string; witness: { from: string[]; to: string[]; count: number }[] };
  turnout: { privacyThreshold: number; rows: { electorClass: string; eligible: number; voted: number; percent: string }[] };
}

test('a published contest: the exact margin, its witness recounted elects someone else, and small classes are pooled', async () => {
  const s = await testServer();
  const { id, publish } = await countedElection(s);
  const url = `/api/elections/${id}/contests/office/analysis`;

  const early = await s.get(url, {});
  assert.equal(early.statusCode, 409, 'a counted but unpublished contest is refused');
  assert.match(early.json<{ error: string }>().error, /published/);
  assert.equal((await s.get(url)).statusCode, 409, 'administrators too: the analysis is public commentary on a published result');
  await publish();

  const res = await s.get(url, {});
  assert.equal(res.statusCode, 200, res.body);
  const a = res.json<Analysis>();
  assert.equal(a.ballots, 26);
  assert.deepEqual(a.winners, ['Bob']);
  // Worked in published.ts: gaps 3 and 4 give at least 2; the last-round move costs 3; 2 suffice.
  assert.deepEqual(a.bounds, { lower: 2, upper: 3 });
  assert.equal(a.margin.kind, 'irv');
  assert.equal(a.margin.ballots, 2);
  assert.equal(a.margin.exact, true);
  assert.equal(a.margin.lowerBound, 2);
  assert.equal(a.margin.winner, 'Bob');
  assert.equal(a.margin.newWinner, 'Ann');
  assert.equal(a.margin.witness.reduce((n, c) => n + c.count, 0), 2);

  // Recount the published ballots with the witness applied, independently of the analysis code.
  const blt = (await s.get(`/api/elections/${id}/results/ballots-office.blt`, {})).body;
  const contest = parseBlt(blt, 'ballots-office.blt');
  assert.ok(contest.ok);
  const names = contest.value.candidates;
  const key = (ranking: readonly number[]): string => ranking.map((c) => names[c]).join('>');
  const left = new Map<string, number>();
  for (const b of contest.value.ballots) left.set(key(b.ranking), (left.get(key(b.ranking)) ?? 0) + Number(b.weight));
  const changed: Ballot[] = [];
  for (const c of a.margin.witness) {
    const from = c.from.join('>');
    assert.ok((left.get(from) ?? 0) >= c.count, `the witness takes ${c.count} ballots ranked ${from} that exist`);
    left.set(from, (left.get(from) ?? 0) - c.count);
    changed.push({ ranking: c.to.map((n) => names.indexOf(n)), weight: BigInt(c.count) });
  }
  const kept = [...left].filter(([, n]) => n > 0).map(([k, n]): Ballot => ({ ranking: k === '' ? [] : k.split('>').map((n2) => names.indexOf(n2)), weight: BigInt(n) }));
  const before = count(contest.value, { method: 'irv' });
  const after = count({ ...contest.value, ballots: [...kept, ...changed] }, { method: 'irv' });
  assert.ok(before.ok && after.ok);
  assert.deepEqual(before.value.winners.map((c) => names[c]), ['Bob']);
  assert.deepEqual(after.value.winners.map((c) => names[c]), ['Ann']);

  // Classes: 12 members, 11 supporters, 3 affiliates. The 3 affiliates are under 10, and a pool of one
  // class would reveal it, so the smallest shown class (supporters, 11) joins: 3 + 11 = 14 pooled.
  assert.equal(a.turnout.privacyThreshold, 10);
  assert.deepEqual(a.turnout.rows.map((r) => [r.electorClass, r.eligible, r.voted, r.percent]), [
    ['member', 12, 12, '100.0'],
    ['other (2 classes pooled for privacy)', 14, 14, '100.0'],
    ['all', 26, 26, '100.0'],
  ]);
  assert.doesNotMatch(res.body, /affiliate/, 'the small class is never named');

  // With a threshold above every class and the total, nothing is shown at all.
  const strict = (await s.get(`${url}?privacyThreshold=27`, {})).json<Analysis>();
  assert.deepEqual(strict.turnout.rows, []);
});

test('a node budget too small for the search gives the last-round bound, marked inexact', async () => {
  const s = await testServer();
  const { id, publish } = await countedElection(s);
  await publish();
  const a = (await s.get(`/api/elections/${id}/contests/office/analysis?maxNodes=1`, {})).json<Analysis>();
  // One program is not enough to expand a suffix over three candidates, so the search stops at once with
  // the bounds worked in published.ts: at least 2, and the last-round move of 3 ballots from Bob to Ann.
  assert.deepEqual([a.margin.ballots, a.margin.exact, a.margin.lowerBound, a.margin.newWinner], [3, false, 2, 'Ann']);
  assert.deepEqual(a.margin.witness, [{ from: ['Bob', 'Ann'], to: ['Ann'], count: 3 }]);
});

test('STV: the last-seat estimate, worked by hand', async () => {
  // Two seats, 30 ballots: 12 × [Ann], 11 × [Bob], 7 × [Cat]. Droop quota ⌊30/3⌋ + 1 = 11, so in round 1
  // Ann (12) and then Bob (11) are elected, with Cat at 7. The gap between the last elected and the
  // runner-up is 11 − 7 = 4, so ⌊4/2⌋ + 1 = 3 ballots moved from Bob to Cat would reverse them
  // (Bob 8, Cat 10): 3 of 30 is 10.0%.
  const s = await testServer();
  const ballots = [['Ann', 12], ['Bob', 11], ['Cat', 7]] as const;
  const papers = ballots.flatMap(([name, n]) => Array.from({ length: n }, () => [name]));
  const contest = { id: 'office', title: 'Committee', method: 'stv', seats: 2, candidates: ['Ann', 'Bob', 'Cat'].map((name) => ({ name })) };
  const { id, publish } = await countedElection(s, contest, papers, papers.map(() => 'member'));
  await publish();
  const res = await s.get(`/api/elections/${id}/contests/office/analysis`, {});
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json<{ margin: unknown }>().margin, { kind: 'stv-estimate', ballots: 3, exact: false, lastElected: 'Bob', runnerUp: 'Cat', round: 1, gap: '4.00000' });
  const page = (await s.get(`/results/${id}`, {})).body;
  assert.match(page, /Moving about 3 of 30 ballots \(10\.0%\) from Bob to Cat could have given the last seat to Cat instead/);
});

test('refusals: unknown election or contest, bad parameters', async () => {
  const s = await testServer();
  const missing = await s.get('/api/elections/nope/contests/office/analysis', {});
  assert.equal(missing.statusCode, 404);
  assert.match(missing.json<{ error: string }>().error, /no election nope/);
  const { id, publish } = await countedElection(s);
  await publish();
  const contest = await s.get(`/api/elections/${id}/contests/mayor/analysis`, {});
  assert.equal(contest.statusCode, 404);
  assert.match(contest.json<{ error: string }>().error, /mayor/);
  const low = await s.get(`/api/elections/${id}/contests/office/analysis?privacyThreshold=2`, {});
  assert.equal(low.statusCode, 400, 'the privacy threshold cannot be lowered below the default');
  assert.match(low.json<{ error: string }>().error, /query\.privacyThreshold/);
});

/**
 * Seven candidates and 240 ballots from a fixed pseudo-random sequence (an LCG): a contest whose exact
 * search takes seconds of solver time, long enough to watch the server answer other requests meanwhile.
 */
function slowContest(): { contest: object; ballots: string[][] } {
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const names = Array.from({ length: 7 }, (_, i) => `C${i}`);
  const ballots = Array.from({ length: 240 }, () => [...names].sort(() => next() - 0.5).slice(0, 1 + Math.floor(next() * 7)));
  return { contest: { id: 'office', title: 'Chair', method: 'irv', seats: 1, candidates: names.map((name) => ({ name })) }, ballots };
}

test('the exact margin is searched in a worker: other requests are answered meanwhile, and a short wait gives the bounds', async () => {
  const s = await testServer();
  const { contest, ballots } = slowContest();
  const { id, publish } = await countedElection(s, contest, ballots, ballots.map(() => 'member'));
  await publish();
  const url = `/api/elections/${id}/contests/office/analysis`;
  // wait=0: answered at once with the bounds, the search going on in the background.
  const early = await s.get(`${url}?wait=0`, {});
  assert.equal(early.statusCode, 200, early.body);
  const first = early.json<Analysis & { computing?: boolean; noMargin?: string }>();
  assert.equal(first.computing, true);
  assert.equal(first.margin, undefined);
  assert.match(first.noMargin ?? '', /still running/);
  assert.ok(first.bounds.lower >= 1);
  // A request that waits for the margin, and meanwhile another request: it is answered first, while the
  // search is still running (a search on the server's own thread would hold it back until the end).
  let settled = false;
  const full = s.get(`${url}?wait=60`, {}).then((r) => {
    settled = true;
    return r;
  });
  const other = await s.get('/api/elections', {});
  assert.equal(other.statusCode, 200);
  assert.equal(settled, false, 'another request was answered while the margin was being searched');
  const done = (await full).json<Analysis & { computing?: boolean }>();
  assert.equal(done.computing, undefined);
  assert.ok(done.margin.ballots >= first.bounds.lower && (first.bounds.upper === undefined || done.margin.ballots <= first.bounds.upper));
  // Cached: the next caller gets the same margin with no wait at all.
  const again = (await s.get(`${url}?wait=0`, {})).json<Analysis>();
  assert.deepEqual(again.margin, done.margin);
});
