/** Bad requests get a clear 4xx JSON error and change nothing; admin actions need a session, a role and the CSRF token. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findChainBreak, type AuditEntry } from '../../src/election/audit.ts';
import { createUser } from '../../src/server/auth.ts';
import { signIn, testServer } from './helpers.ts';

test('unknown fields, wrong types and oversized bodies are refused with JSON errors', async () => {
  const s = await testServer();
  const unknown = await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair', colour: 'red' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json<{ error: string }>().error, /body/);
  const wrongType = await s.post('/api/elections', { spec: { title: 'X', eligibility: { classes: ['member'] }, contests: [{ id: 'c', title: 'C', method: 'irv', seats: 'one' }] } });
  assert.equal(wrongType.statusCode, 400);
  assert.match(wrongType.json<{ error: string }>().error, /body\.spec\.contests\.0\.seats/);
  const huge = await s.post('/api/elections', { preset: 'generic-irv', title: 'x'.repeat(200_000) });
  assert.equal(huge.statusCode, 413);
  assert.equal(typeof huge.json<{ error: string }>().error, 'string');
  const badId = await s.get('/api/elections/..%2Fetc', {});
  assert.equal(badId.statusCode, 400);
  assert.equal((await s.get('/api/elections', {})).json<{ elections: unknown[] }>().elections.length, 0, 'nothing was created');
  const notFound = await s.get('/api/nothing', {});
  assert.equal(notFound.statusCode, 404);
  assert.match(notFound.json<{ error: string }>().error, /no route GET \/api\/nothing/);
});

test('a roll sent as JSON instead of CSV is refused', async () => {
  const s = await testServer();
  const id = (await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
  const r = await s.post(`/api/elections/${id}/roll`, { id: 'v1' });
  assert.equal(r.statusCode, 400);
  assert.match(r.json<{ error: string }>().error, /text\/csv/);
});

test('admin actions need a session, a writing role and the CSRF token', async () => {
  const s = await testServer();
  const create = { preset: 'generic-irv', title: 'Chair' };
  assert.equal((await s.post('/api/elections', create, {})).statusCode, 401, 'no session');
  const { cookie } = s.admin;
  const noCsrf = await s.post('/api/elections', create, { cookie: cookie ?? '' });
  assert.equal(noCsrf.statusCode, 403);
  assert.match(noCsrf.json<{ error: string }>().error, /x-csrf-token/);

  const made = await s.post('/api/users', { username: 'scrutineer', password: 'long enough password', role: 'scrutineer' });
  assert.equal(made.statusCode, 201);
  const scrutineer = await signIn(s.app, 'scrutineer', 'long enough password');
  const refused = await s.post('/api/elections', create, scrutineer);
  assert.equal(refused.statusCode, 403);
  assert.match(refused.json<{ error: string }>().error, /scrutineer may not/);
  const id = (await s.post('/api/elections', create)).json<{ id: string }>().id;
  assert.equal((await s.get(`/api/elections/${id}/voters`, scrutineer)).statusCode, 200, 'a scrutineer reads');
  const admin = (await s.get(`/api/elections/${id}/admin`, scrutineer)).json<{ election: { eligibility: { classes: string[] } }; envelopesHeld: number }>();
  assert.deepEqual([admin.election.eligibility.classes, admin.envelopesHeld], [['member'], 0]);
  assert.equal((await s.get(`/api/elections/${id}/admin`, {})).statusCode, 401, 'not for the public');
  assert.equal((await s.post('/api/users', { username: 'x', password: 'long enough password', role: 'owner' }, scrutineer)).statusCode, 403);

  await createUser(s.store, 'ro', 'returning officer pw', 'returning_officer');
  const ro = await signIn(s.app, 'ro', 'returning officer pw');
  assert.equal((await s.post(`/api/elections/${id}/transitions`, { to: 'nominations' }, ro)).statusCode, 200);
  assert.equal((await s.post('/api/users', { username: 'y', password: 'long enough password', role: 'scrutineer' }, ro)).statusCode, 403, 'only an owner adds accounts');

  const wrong = await s.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'owner', password: 'guess' } });
  assert.equal(wrong.statusCode, 422);
  assert.equal(wrong.cookies.length, 0);

  // Account and sign-in events form their own hash chain.
  const log = (await s.get('/api/audit', scrutineer)).json<{ entries: AuditEntry[] }>().entries;
  assert.deepEqual(log.map((e) => [e.actor, e.action]), [
    ['owner', 'signed in'], ['owner', 'account created'], ['scrutineer', 'signed in'], ['ro', 'signed in'], ['owner', 'sign-in refused'],
  ]);
  assert.equal(findChainBreak(log), undefined);
});

test('the session cookie is HttpOnly and SameSite=Strict, and Secure over https', async () => {
  const s = await testServer();
  const login = await s.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'owner', password: 'correct horse battery' }, headers: { 'x-forwarded-proto': 'https' } });
  const cookie = login.cookies.find((c) => c.name === 'rollover_session');
  assert.equal(cookie?.httpOnly, true);
  assert.equal(cookie?.sameSite, 'Strict');
  assert.equal(cookie?.secure, true);
});

test('POST /api/login takes JSON only: a form posted from another site, with the right password, signs no one in', async () => {
  const s = await testServer();
  const credentials = { username: 'owner', password: 'correct horse battery' };
  // The three bodies an HTML form (or a no-cors fetch) can send to another origin without a preflight. The
  // server parses the first two for the console; the API has no multipart parser, so Fastify refuses that.
  const JSON_ONLY = 'send the body as JSON (Content-Type: application/json)';
  const forms = [
    { 'content-type': 'application/x-www-form-urlencoded', body: new URLSearchParams(credentials).toString(), error: JSON_ONLY },
    { 'content-type': 'text/plain', body: JSON.stringify(credentials), error: JSON_ONLY },
    { 'content-type': 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nowner\r\n--x--\r\n', error: 'Unsupported Media Type' },
  ];
  for (const f of forms) {
    const res = await s.app.inject({ method: 'POST', url: '/api/login', payload: f.body, headers: { 'content-type': f['content-type'], 'sec-fetch-site': 'cross-site' } });
    assert.equal(res.statusCode, 415, f['content-type']);
    assert.deepEqual(res.json(), { error: f.error });
    assert.equal(res.cookies.length, 0, f['content-type']);
  }
  const api = await s.app.inject({ method: 'POST', url: '/api/login', payload: JSON.stringify(credentials), headers: { 'content-type': 'application/json; charset=utf-8' } });
  assert.equal(api.statusCode, 200);
  assert.ok(api.cookies.some((c) => c.name === 'rollover_session'));
});

test('the home page lists elections, the docs page and OpenAPI document describe the API', async () => {
  const s = await testServer();
  await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair <2026>' });
  const home = await s.get('/', {});
  assert.equal(home.statusCode, 200);
  assert.match(home.headers['content-type'] as string, /text\/html/);
  // The title is escaped; a draft has nothing for a visitor yet, so no vote or result link.
  assert.match(home.body, /<td>Chair &#60;2026&#62;<\/td><td><span class="status">draft<\/span><\/td><td><\/td>/);
  const doc = (await s.get('/api/docs/openapi.json', {})).json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/elections/{id}/votes']?.post?.requestBody !== undefined);
  assert.ok(doc.paths['/api/elections']?.get !== undefined);
  assert.match((await s.get('/api/docs', {})).body, /\/api\/elections\/:id\/votes/);
});
