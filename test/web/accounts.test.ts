/** The owner's accounts page: every account with its role, a role-change form and a disable form. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../../src/server/auth.ts';
import { signIn, testServer } from '../server/helpers.ts';

test('an owner sees each account with forms (sent on as PATCH) to change its role or disable it', async () => {
  const s = await testServer();
  await createUser(s.store, 'rita', 'rita password 1', 'returning_officer');
  assert.match((await s.get('/admin')).body, /<a href="\/admin\/accounts">Manage accounts/, 'the dashboard links to the page');
  const page = await s.get('/admin/accounts');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<tr><th scope="row">rita<\/th><td>returning officer<\/td><td>enabled<\/td>/);
  // Rita's role form: a PATCH of her account (posted to the console, which sends it on), her current role selected.
  assert.match(page.body, /<form class="inline" method="post" action="\/admin\/users\/rita" aria-label="Change the role of rita">.*<input type="hidden" name="_method" value="PATCH">\n<p><label for="role-1">Role<\/label><select id="role-1" name="role"><option value="returning_officer" selected>/);
  assert.match(page.body, /aria-label="Disable rita">.*<input type="hidden" name="_method" value="PATCH">\n?<input type="hidden" name="disabled" value="true">/);

  // What the disable form sends (its fields as strings), the API accepts; the page then shows the account disabled.
  const sent = await s.app.inject({ method: 'PATCH', url: '/api/users/rita', payload: { disabled: 'true' }, headers: s.admin });
  assert.equal(sent.statusCode, 200, sent.body);
  const after = await s.get('/admin/accounts');
  assert.match(after.body, /<tr><th scope="row">rita<\/th><td>returning officer<\/td><td>disabled<\/td>/);
  assert.match(after.body, /aria-label="Enable rita">.*\n?<input type="hidden" name="disabled" value="false">/);
});

test('the accounts page is for owners: others are refused, the signed-out see the sign-in form', async () => {
  const s = await testServer();
  await createUser(s.store, 'sam', 'sam password 12', 'scrutineer');
  const sam = await signIn(s.app, 'sam', 'sam password 12');
  assert.equal((await s.get('/admin/accounts', sam)).statusCode, 403);
  assert.doesNotMatch((await s.get('/admin', sam)).body, /Manage accounts/);
  const anonymous = await s.app.inject({ method: 'GET', url: '/admin/accounts' });
  assert.equal(anonymous.statusCode, 401);
  assert.match(anonymous.body, /<label for="password">Password<\/label>/);
});
