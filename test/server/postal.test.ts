/** Two channels, one vote: a postal entry cancels the online credential; an online vote blocks a postal entry. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openElection, testServer } from './helpers.ts';

test('postal and online ballots end in one box, and each voter votes once across both', async () => {
  const s = await testServer();
  const { id, credentials } = await openElection(s, 3);
  const base = `/api/elections/${id}`;
  const [online, postal] = credentials;
  assert.ok(online && postal);

  assert.equal((await s.post(`${base}/votes`, { credential: online.credential, rankings: { office: ['Ann'] } }, {})).statusCode, 201);
  const blocked = await s.post(`${base}/postal-ballots`, { voterId: online.voterId, rankings: { office: ['Bob'] } });
  assert.equal(blocked.statusCode, 409);
  assert.match(blocked.json<{ error: string }>().error, /already voted \(online or by post\)/);

  const entered = await s.post(`${base}/postal-ballots`, { voterId: postal.voterId, rankings: { office: ['Cat', 'Bob'] } });
  assert.equal(entered.statusCode, 201);
  const cancelled = await s.post(`${base}/votes`, { credential: postal.credential, rankings: { office: ['Ann'] } }, {});
  assert.equal(cancelled.statusCode, 409);
  assert.match(cancelled.json<{ error: string }>().error, /already voted \(with this credential or by post\)/);
  assert.equal((await s.post(`${base}/postal-ballots`, { voterId: postal.voterId, rankings: { office: ['Ann'] } })).statusCode, 409, 'no second postal entry');
  assert.equal((await s.post(`${base}/postal-ballots`, { voterId: 'nobody', rankings: { office: ['Ann'] } })).statusCode, 404);

  // The box holds the online Ann and the postal Cat > Bob (positions 0 and 2,1 on the paper).
  assert.deepEqual((await s.store.ballots(id, 'office')).map((r) => r.join(',')).sort(), ['0', '2,1']);
  assert.deepEqual((await s.store.turnout(id)).map((t) => [t.eligible, t.voted]), [[3, 2]]);
  const audit = (await s.get(`${base}/audit`)).json<{ entries: { action: string; data: unknown }[] }>().entries;
  assert.deepEqual(audit.filter((e) => e.action === 'postal ballot entered').map((e) => (e.data as { voter?: string }).voter), [postal.voterId]);
});
