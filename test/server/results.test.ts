/**
 * Published results never reveal a small elector class's turnout: an attacker who knows the roll has a class
 * of affiliates reads every public download and API response of the hand-worked election (published.ts)
 * and tries to recover the affiliates' figures, directly or by subtracting published rows from the totals.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBlt } from '../../src/formats/blt.ts';
import { testServer, type TestServer } from './helpers.ts';
import { countedElection, HAND_WORKED } from './published.ts';

interface Row { electorClass: string; eligible: number; voted: number }

/** The 26 voters of published.ts (12 members, 11 supporters, 3 affiliates, in roll order) and 2 affiliates who do not vote. */
const CLASSES = [...Array.from({ length: 12 }, () => 'member'), ...Array.from({ length: 11 }, () => 'supporter'), ...Array.from({ length: 5 }, () => 'affiliate')];

/** Every object with a class and its counts, anywhere in a JSON document. */
function turnoutRowsIn(json: unknown): Row[] {
  if (Array.isArray(json)) return json.flatMap(turnoutRowsIn);
  if (json === null || typeof json !== 'object') return [];
  const o = json as Record<string, unknown>;
  const self = typeof o.electorClass === 'string' ? [{ electorClass: o.electorClass, eligible: Number(o.eligible), voted: Number(o.voted) }] : [];
  return [...self, ...Object.values(o).flatMap(turnoutRowsIn)];
}

/** Every public response about the election, by name, fetched without signing in (the page's table is test/web/closeness's). */
async function publicResponses(s: TestServer, id: string): Promise<Map<string, string>> {
  const anonymous = {};
  const results = await s.get(`/api/elections/${id}/results`, anonymous);
  assert.equal(results.statusCode, 200, results.body);
  const out = new Map([['GET results', results.body]]);
  for (const url of results.json<{ files: string[] }>().files) {
    const file = await s.get(url, anonymous);
    assert.equal(file.statusCode, 200, `${url}: ${file.body}`);
    out.set(url, file.body);
  }
  const analysis = await s.get(`/api/elections/${id}/contests/office/analysis?wait=60`, anonymous);
  assert.equal(analysis.statusCode, 200, analysis.body);
  out.set('GET analysis', analysis.body);
  const audit = await s.get(`/api/elections/${id}/audit`, anonymous);
  assert.equal(audit.statusCode, 200, audit.body);
  out.set('GET audit', audit.body);
  const page = await s.get(`/results/${id}`, anonymous);
  assert.equal(page.statusCode, 200, page.body);
  out.set('results page', page.body);
  return out;
}

test('no public download or API response lets an attacker extract the turnout of 3 affiliates', async () => {
  const s = await testServer();
  const { id, publish } = await countedElection(s, undefined, HAND_WORKED, CLASSES);
  await publish();
  // The officers' view keeps the exact figures: they hold the roll and the marked register anyway.
  assert.deepEqual((await s.get(`/api/elections/${id}/turnout`)).json<{ turnout: Row[] }>().turnout.find((r) => r.electorClass === 'affiliate'), { electorClass: 'affiliate', eligible: 5, voted: 3 });
  assert.equal((await s.get(`/api/elections/${id}/turnout`, {})).statusCode, 401, 'and only to the signed in');

  const responses = await publicResponses(s, id);
  assert.deepEqual([...responses.keys()].map((k) => k.split('/').pop()), ['GET results', 'result.json', 'results.csv', 'audit.json', 'ballots-office.blt', 'GET analysis', 'GET audit', 'results page']);
  const rows = new Map<string, Row>();
  for (const [name, body] of responses) {
    assert.doesNotMatch(body, /affiliate/, `${name} never names the class of 3 voters`);
    if (name.endsWith('.json') || name.startsWith('GET')) for (const r of turnoutRowsIn(JSON.parse(body))) rows.set(JSON.stringify(r), r);
  }
  // Voted: the affiliates' 3 are under 10, a pool of them alone would name their count, so the smallest
  // shown class (supporters, 11) joins: 14 of 11 + 5 = 16 eligible. Every response publishes these rows.
  assert.deepEqual([...rows.values()], [
    { electorClass: 'member', eligible: 12, voted: 12 },
    { electorClass: 'other (2 classes pooled for privacy)', eligible: 16, voted: 14 },
    { electorClass: 'all', eligible: 28, voted: 26 },
  ]);

  // The attacker also counts the ballots file (26) and subtracts every combination of published rows from
  // each total: no difference is the affiliates' 3 voted or 5 eligible, nor any other group under 10.
  const blt = parseBlt(responses.get(`/api/elections/${id}/results/ballots-office.blt`) ?? '', 'ballots-office.blt');
  assert.ok(blt.ok);
  const ballots = Number(blt.value.ballots.reduce((n, b) => n + b.weight, 0n));
  assert.equal(ballots, 26);
  const all = rows.get(JSON.stringify({ electorClass: 'all', eligible: 28, voted: 26 }));
  assert.ok(all);
  const parts = [...rows.values()].filter((r) => r !== all);
  const totals = [['voted', all.voted], ['voted', ballots], ['eligible', all.eligible]] as const;
  for (const [key, total] of totals) {
    for (let mask = 0; mask < 1 << parts.length; mask++) {
      const left = parts.reduce((n, r, i) => (mask & (1 << i) ? n - r[key] : n), total);
      assert.ok(left === 0 || left >= 10, `${key}: ${total} less rows ${mask.toString(2)} leaves a group of ${left}`);
    }
  }
});
