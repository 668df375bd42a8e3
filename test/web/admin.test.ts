/** The admin console's pages, as the server renders them: who may see them, and what they show. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testServer } from '../server/helpers.ts';

test('without a session the console shows the sign-in form; with one, the elections and the create form', async () => {
  const s = await testServer();
  const anonymous = await s.app.inject({ method: 'GET', url: '/admin' });
  assert.match(anonymous.body, /<label for="password">Password<\/label><input id="password" name="password" type="password"/);
  // A plain form, no script needed, carrying the sign-in token its cookie holds (login-token.ts).
  const token = /<form class="inline" method="post" action="\/admin\/login" aria-label="Sign in"><input type="hidden" name="_csrf" value="([A-Za-z0-9_-]{32})">/.exec(anonymous.body)?.[1];
  assert.ok(token !== undefined, 'a plain sign-in form with its token');
  assert.equal(anonymous.cookies.find((c) => c.name === 'rollover_login')?.value, token);
  await s.post('/api/elections', { preset: 'generic-stv', title: 'Committee' });
  const dashboard = await s.get('/admin');
  assert.match(dashboard.body, new RegExp(`<form class="inline" method="post" action="/admin/elections" aria-label="Create an election"><input type="hidden" name="_csrf" value="${s.admin['x-csrf-token'] ?? ''}">`), 'the session\'s CSRF token travels in the form');
  assert.match(dashboard.body, /<a href="\/admin\/elections\/[^"]+">Committee<\/a><\/td><td><span class="status">draft<\/span>/);
  assert.match(dashboard.body, /<option value="labour-2020">Labour leadership 2020/);
  assert.match(dashboard.body, /Create account/, 'an owner manages accounts');
  const election = await s.app.inject({ method: 'GET', url: '/admin/elections/anything' });
  assert.equal(election.statusCode, 401);
});

test('a Labour 2020 election shows each candidate\'s nominations against the thresholds', async () => {
  const s = await testServer();
  const id = (await s.post('/api/elections', { preset: 'labour-2020', title: 'Leadership 2020' })).json<{ id: string }>().id;
  await s.post(`/api/elections/${id}/contests/leader/candidates`, { name: 'Keir Starmer' });
  await s.post(`/api/elections/${id}/transitions`, { to: 'nominations' });
  await s.post(`/api/elections/${id}/nominations`, { contest: 'leader', body: 'plp', nominator: 'MP 1', candidate: 'Keir Starmer' });
  const page = await s.get(`/admin/elections/${id}`);
  // Thresholds: 10% of 212 MPs/MEPs is 21.2, so 22; 5% of 650 CLPs is 32.5, so 33; or 3 affiliates of which 2 unions.
  assert.match(page.body, /<th scope="row">Keir Starmer<\/th><td>plp: 1 of 22; clp: 0 of 33; affiliates: 0 of 3; affiliates \(union\): 0 of 2<\/td><td>no<\/td><td>threshold not met<\/td>/);
  assert.match(page.body, /<label for="nom-body-leader">Nominated by \(body\)<\/label><select id="nom-body-leader" name="body"><option value="plp">/);
  assert.match(page.body, /Status: <span class="status" id="status">nominations<\/span>/);
  assert.match(page.body, /<td>owner<\/td><td>[^<]*nominat[^<]*<\/td>/);
});
