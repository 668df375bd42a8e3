/**
 * Eligibility challenges: until the deadline ballots are sealed envelopes linked to their voters; a voter
 * ruled ineligible has theirs cancelled unread; at the deadline the rest are opened into the box.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { signIn, testServer, type TestServer } from './helpers.ts';

const keys = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

const ROLL_HEADER = 'id,name,email,postal_address,class,joined,standing\n';

/**
 * An election for Chair (Ann or Bob) whose ballots are sealed until a challenge deadline of 5 March 2026
 * noon, moved to voting with `rollRows` as its roll and credentials issued.
 */
async function challengedElection(s: TestServer, title: string, rollRows: string) {
  const officer = keys();
  const spec = {
    title, eligibility: { classes: ['member'] },
    challenges: { deadline: '2026-03-05T12:00:00Z', publicKey: officer.publicKey },
    contests: [{ id: 'c', title: 'Chair', method: 'irv', seats: 1, candidates: [{ name: 'Ann' }, { name: 'Bob' }] }],
  };
  const id = (await s.post('/api/elections', { spec })).json<{ id: string }>().id;
  const base = `/api/elections/${id}`;
  await s.post(`${base}/transitions`, { to: 'nominations' });
  await s.post(`${base}/roll`, `${ROLL_HEADER}${rollRows}`);
  const creds = (await s.post(`${base}/credentials`, {})).json<{ credentials: { voterId: string; credential: string }[] }>().credentials;
  await s.post(`${base}/transitions`, { to: 'voting' });
  return { id, base, officer, creds };
}

test('a challenged voter\'s envelope is cancelled unread; the others are opened after the deadline and counted', async () => {
  const s = await testServer();
  const { id, base, officer, creds } = await challengedElection(s, 'Challenged', 'v1,A,a@x.org,,member,2020-01-01,good\nv2,B,b@x.org,,member,2020-01-01,good\nv3,C,c@x.org,,member,2020-01-01,good\n');
  // v1 and v2 vote Bob, v3 votes Ann: sealed, nothing in the box yet.
  for (const c of creds) await s.post(`${base}/votes`, { credential: c.credential, rankings: { c: [c.voterId === 'v3' ? 'Ann' : 'Bob'] } }, {});
  assert.equal((await s.store.ballots(id, 'c')).length, 0);
  assert.equal((await s.store.envelopes(id)).length, 3);

  const early = await s.post(`${base}/envelopes/open`, { privateKey: officer.privateKey });
  assert.equal(early.statusCode, 409);
  assert.match(early.json<{ error: string }>().error, /stay sealed until the challenge deadline/);
  const ruled = await s.post(`${base}/challenges`, { voterId: 'v1', reason: 'member of another party' });
  assert.equal(ruled.statusCode, 200, ruled.body);
  assert.equal((await s.post(`${base}/challenges`, { voterId: 'v1', reason: 'again' })).statusCode, 409, 'no envelope left to cancel');
  assert.equal((await s.store.voter(id, 'v1'))?.ineligible, 'ruled ineligible: member of another party');

  s.clock.now = new Date('2026-03-05T12:00:00Z');
  const admin = await signIn(s.app, 'owner', 'correct horse battery');
  const late = await s.post(`${base}/challenges`, { voterId: 'v2', reason: 'too late' }, admin);
  assert.match(late.json<{ error: string }>().error, /challenges closed at 2026-03-05T12:00:00Z/);
  await s.post(`${base}/transitions`, { to: 'closed' }, admin);
  const sealedCount = await s.post(`${base}/count`, {}, admin);
  assert.match(sealedCount.json<{ error: string }>().error, /2 sealed envelopes must be opened/);
  const wrongKey = await s.post(`${base}/envelopes/open`, { privateKey: keys().privateKey }, admin);
  assert.equal(wrongKey.statusCode, 422);
  assert.equal((await s.store.envelopes(id)).length, 2, 'nothing opened with the wrong key');
  const opened = await s.post(`${base}/envelopes/open`, { privateKey: officer.privateKey }, admin);
  assert.deepEqual(opened.json(), { opened: 2 });
  assert.equal((await s.store.envelopes(id)).length, 0);

  // Left in the box: v2's Bob and v3's Ann (v1's Bob was cancelled): a tie at 1 each.
  assert.deepEqual((await s.store.ballots(id, 'c')).map((r) => r.join(',')).sort(), ['0', '1']);
  const counted = await s.post(`${base}/count`, {}, admin);
  assert.equal(counted.statusCode, 200, counted.body);
  const turnout = counted.json<{ turnout: { electorClass: string; eligible: number; voted: number }[] }>().turnout;
  assert.deepEqual(turnout.find((t) => t.electorClass === 'member'), { electorClass: 'member', eligible: 2, voted: 2, percent: '100.0' });
});

test('an election refuses a challenge key that is not an RSA public key', async () => {
  const s = await testServer();
  const spec = {
    title: 'Bad key', eligibility: { classes: ['member'] },
    challenges: { deadline: '2026-03-05T12:00:00Z', publicKey: `-----BEGIN PUBLIC KEY-----\n${'A'.repeat(120)}\n-----END PUBLIC KEY-----` },
    contests: [{ id: 'c', title: 'Chair', method: 'irv', seats: 1 }],
  };
  const r = await s.post('/api/elections', { spec });
  assert.equal(r.statusCode, 422);
  assert.match(r.json<{ error: string }>().error, /challenge key/);
});

test('a postal ballot entered before the challenge deadline is sealed too, and can be cancelled unread', async () => {
  const s = await testServer();
  const { id, base, officer } = await challengedElection(s, 'Postal challenge', 'v1,A,,"1 High St, Town",member,2020-01-01,good\nv2,B,,"2 High St, Town",member,2020-01-01,good\n');
  for (const voterId of ['v1', 'v2']) {
    const entered = await s.post(`${base}/postal-ballots`, { voterId, rankings: { c: [voterId === 'v1' ? 'Bob' : 'Ann'] } });
    assert.equal(entered.statusCode, 201, entered.body);
  }
  // Both postal ballots wait in envelopes linked to their voters; none is in the box yet.
  assert.equal((await s.store.ballots(id, 'c')).length, 0);
  assert.equal((await s.store.envelopes(id)).length, 2);
  const ruled = await s.post(`${base}/challenges`, { voterId: 'v1', reason: 'not a member' });
  assert.equal(ruled.statusCode, 200, ruled.body);

  s.clock.now = new Date('2026-03-05T12:00:00Z');
  const admin = await signIn(s.app, 'owner', 'correct horse battery');
  const opened = await s.post(`${base}/envelopes/open`, { privateKey: officer.privateKey }, admin);
  assert.deepEqual(opened.json(), { opened: 1 });
  // Only v2's Ann (candidate 0) reaches the box; v1's Bob was cancelled unread.
  assert.deepEqual((await s.store.ballots(id, 'c')).map((r) => r.join(',')), ['0']);
});
