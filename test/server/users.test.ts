/** Owners list administrator accounts, change roles and disable accounts; the last owner stays. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../../src/server/auth.ts';
import { signIn, testServer, type TestServer } from './helpers.ts';

function patch(s: TestServer, username: string, body: object, headers = s.admin) {
  return s.app.inject({ method: 'PATCH', url: `/api/users/${username}`, payload: body, headers });
}

async function withStaff(): Promise<TestServer> {
  const s = await testServer();
  await createUser(s.store, 'rita', 'rita password 1', 'returning_officer');
  await createUser(s.store, 'sam', 'sam password 12', 'scrutineer');
  return s;
}

test('an owner lists the accounts with role and whether disabled, never a password hash', async () => {
  const s = await withStaff();
  const res = await s.get('/api/users');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), {
    users: [
      { username: 'owner', role: 'owner', disabled: false },
      { username: 'rita', role: 'returning_officer', disabled: false },
      { username: 'sam', role: 'scrutineer', disabled: false },
    ],
  });
});

test('an owner changes a role, and the change is in the system audit log', async () => {
  const s = await withStaff();
  const res = await patch(s, 'sam', { role: 'returning_officer' });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { username: 'sam', role: 'returning_officer', disabled: false });
  // Sam can now do what a scrutineer could not: create an election.
  const sam = await signIn(s.app, 'sam', 'sam password 12');
  assert.equal((await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' }, sam)).statusCode, 201);
  const audit = (await s.get('/api/audit')).json<{ entries: { actor: string; action: string; data: unknown }[] }>().entries;
  const changed = audit.find((e) => e.action === 'account changed');
  assert.equal(changed?.actor, 'owner');
  assert.deepEqual(changed.data, { username: 'sam', role: 'returning_officer', disabled: false });
});

test('a disabled account loses its session and cannot sign in again', async () => {
  const s = await withStaff();
  const rita = await signIn(s.app, 'rita', 'rita password 1');
  assert.equal((await s.get('/api/audit', rita)).statusCode, 200, 'signed in before');
  const res = await patch(s, 'rita', { disabled: true });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json<{ disabled: boolean }>().disabled, true);
  assert.equal((await s.get('/api/audit', rita)).statusCode, 401, 'the old session ends');
  const again = await s.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'rita', password: 'rita password 1' } });
  assert.equal(again.statusCode, 422);
  const listed = (await s.get('/api/users')).json<{ users: { username: string; disabled: boolean }[] }>().users;
  assert.equal(listed.find((u) => u.username === 'rita')?.disabled, true);
});

test('the console form\'s string "true" disables too; an empty change is refused', async () => {
  const s = await withStaff();
  assert.equal((await patch(s, 'sam', { disabled: 'true' })).json<{ disabled: boolean }>().disabled, true);
  assert.equal((await patch(s, 'sam', {})).statusCode, 400);
  assert.equal((await patch(s, 'nobody', { disabled: true })).statusCode, 404);
});

test('the last enabled owner can be neither demoted nor disabled; with a second owner, one can', async () => {
  const s = await withStaff();
  const demote = await patch(s, 'owner', { role: 'scrutineer' });
  assert.equal(demote.statusCode, 409);
  assert.match(demote.json<{ error: string }>().error, /last enabled owner/);
  assert.equal((await patch(s, 'owner', { disabled: true })).statusCode, 409);
  assert.equal((await s.get('/api/users')).json<{ users: { role: string }[] }>().users[0]?.role, 'owner', 'nothing changed');
  // A disabled second owner does not count: it cannot act.
  assert.equal((await patch(s, 'rita', { role: 'owner' })).statusCode, 200);
  assert.equal((await patch(s, 'rita', { disabled: true })).statusCode, 200);
  assert.equal((await patch(s, 'owner', { role: 'scrutineer' })).statusCode, 409);
  assert.equal((await patch(s, 'rita', { disabled: false })).statusCode, 200);
  assert.equal((await patch(s, 'owner', { role: 'scrutineer' })).statusCode, 200);
});

test('a scrutineer and a returning officer may neither list nor change accounts', async () => {
  const s = await withStaff();
  for (const [name, password] of [['sam', 'sam password 12'], ['rita', 'rita password 1']] as const) {
    const h = await signIn(s.app, name, password);
    assert.equal((await s.get('/api/users', h)).statusCode, 403);
    assert.equal((await patch(s, 'owner', { role: 'scrutineer' }, h)).statusCode, 403);
  }
  assert.equal((await s.get('/api/users', {})).statusCode, 401);
});
