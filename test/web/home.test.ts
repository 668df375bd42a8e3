/** One app: the home page links each election to the web booth or its result, and the first booth's URLs redirect there. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openElection, testServer } from '../server/helpers.ts';

test('the home page links an election in voting to /vote/ID, and once published to /results/ID', async () => {
  const s = await testServer();
  const { id, credentials } = await openElection(s, 1);
  const home = await s.app.inject({ method: 'GET', url: '/' });
  assert.equal(home.statusCode, 200);
  assert.match(String(home.headers['content-type']), /^text\/html/);
  assert.match(String(home.headers['content-security-policy']), /default-src 'self'/, 'the home page is a web-app page');
  assert.match(home.body, new RegExp(`<tr><td>Chair</td><td><span class="status">voting</span></td><td><a href="/vote/${id}">Vote`));
  assert.ok(!home.body.includes(`/results/${id}`), 'no result link before publication');
  assert.match(home.body, /<a href="\/admin">/);
  assert.match(home.body, /<a href="\/count">/);
  assert.ok(!home.body.includes('/elections/'), 'nothing links to the retired booth');

  const base = `/api/elections/${id}`;
  assert.equal((await s.post(`${base}/votes`, { credential: credentials[0]?.credential, rankings: { office: ['Bob'] } }, {})).statusCode, 201);
  for (const step of [{ to: 'closed' }, undefined, { to: 'published' }]) {
    const res = step === undefined ? await s.post(`${base}/count`, {}) : await s.post(`${base}/transitions`, step);
    assert.ok(res.statusCode < 300, res.body);
  }
  const after = (await s.app.inject({ method: 'GET', url: '/' })).body;
  assert.match(after, new RegExp(`<span class="status">published</span></td><td><a href="/results/${id}">Result`));
  assert.ok(!after.includes(`href="/vote/${id}"`), 'no booth link once voting is over');
  // The linked page exists: Bob, the only first preference, is in the published result.
  const result = await s.app.inject({ method: 'GET', url: `/results/${id}` });
  assert.equal(result.statusCode, 200);
  assert.match(result.body, /Bob/);
});

test('the first booth\'s published URLs move permanently to the web booth, keeping the credential', async () => {
  const s = await testServer();
  const { id, credentials } = await openElection(s, 1);
  const credential = credentials[0]?.credential ?? '';
  const link = await s.app.inject({ method: 'GET', url: `/elections/${id}/vote?credential=${encodeURIComponent(credential)}` });
  assert.equal(link.statusCode, 301);
  assert.equal(link.headers.location, `/vote/${id}?credential=${encodeURIComponent(credential)}`);
  const followed = await s.app.inject({ method: 'GET', url: String(link.headers.location) });
  assert.equal(followed.statusCode, 200);
  assert.ok(followed.body.includes(`value="${credential}"`), 'the booth has the credential filled in');

  const page = await s.app.inject({ method: 'GET', url: `/elections/${id}` });
  assert.equal(page.statusCode, 301);
  assert.equal(page.headers.location, `/vote/${id}`);
});
