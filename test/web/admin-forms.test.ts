/**
 * The console's forms without JavaScript, as the server sees them: a form post is sent on to its API
 * call, then redirected back with a message shown once; a post without the session's CSRF field is
 * refused and changes nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createUser } from '../../src/server/auth.ts';
import { signIn, testServer, type TestServer } from '../server/helpers.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A browser's cookies for one console session: the session cookie, plus the message a form leaves. */
class Browser {
  private readonly cookies = new Map<string, string>();
  readonly s: TestServer;
  readonly csrf: string;

  constructor(s: TestServer, admin: Record<string, string>) {
    this.s = s;
    this.csrf = admin['x-csrf-token'] ?? '';
    const [name, value] = (admin.cookie ?? '').split('=');
    this.cookies.set(name ?? '', value ?? '');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  private cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.s.app.inject({ method: 'GET', url, headers: { cookie: this.cookie() } }));
  }

  /** Posts a form as the console renders it: the hidden fields first, then what the user filled in. */
  async post(url: string, back: string, fields: Record<string, string>, csrf = this.csrf): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams({ ...(csrf === '' ? {} : { _csrf: csrf }), _back: back, _form: 'f', _done: 'Done.', ...fields });
    return this.keep(await this.s.app.inject({ method: 'POST', url, payload: body.toString(), headers: { ...FORM, cookie: this.cookie() } }));
  }
}

async function owner(): Promise<Browser> {
  const s = await testServer();
  return new Browser(s, s.admin);
}

test('a form post without the CSRF field, or with a wrong one, is refused with 403 and changes nothing', async () => {
  const b = await owner();
  const id = (await b.s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
  const auditBefore = (await b.s.store.audit(id)).length;
  for (const csrf of ['', 'not-the-token']) {
    const res = await b.post(`/admin/elections/${id}/transitions`, `/admin/elections/${id}`, { to: 'cancelled' }, csrf);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /role="alert"><p>This form did not come from your console session/);
  }
  assert.equal((await b.s.store.getElection(id))?.status, 'draft');
  assert.equal((await b.s.store.audit(id)).length, auditBefore, 'nothing was audited: nothing happened');
});

test('without a session a form post is refused (401) and changes nothing', async () => {
  const b = await owner();
  const res = await b.s.app.inject({ method: 'POST', url: '/admin/elections', headers: FORM, payload: new URLSearchParams({ _back: '/admin', _form: 'f', _done: 'Done.', title: 'X', preset: 'generic-irv' }).toString() });
  assert.equal(res.statusCode, 401);
  assert.deepEqual(await b.s.store.listElections(), []);
});

test('creating an election by form redirects to it with a message shown once', async () => {
  const b = await owner();
  const res = await b.post('/admin/elections', '/admin', { _then: 'open-election', _done: 'Election created.', title: 'Branch chair', preset: 'generic-irv' });
  assert.equal(res.statusCode, 303);
  const [created] = await b.s.store.listElections();
  assert.equal(created?.title, 'Branch chair');
  assert.equal(res.headers.location, `/admin/elections/${created?.id ?? ''}`);
  const page = await b.get(String(res.headers.location));
  assert.match(page.body, /<div class="ok" role="status" id="flash"><p>Election created\.<\/p><\/div>/);
  assert.doesNotMatch((await b.get(String(res.headers.location))).body, /id="flash"/, 'the message is shown once');
});

test('a refusal comes back as an alert with the input kept in the form it came from', async () => {
  const b = await owner();
  const id = (await b.s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
  const back = `/admin/elections/${id}`;
  await b.post(`/admin/elections/${id}/contests/office/candidates`, back, { name: 'Ann' });
  // The candidate form is named by its API address and label (the contest is titled like the election).
  const key = `/api/elections/${id}/contests/office/candidates Add a candidate to Chair`;
  const res = await b.post(`/admin/elections/${id}/contests/office/candidates`, back, { _form: key, name: 'x'.repeat(201) });
  assert.equal(res.headers.location, back);
  const page = (await b.get(back)).body;
  assert.match(page, /<div class="alert" role="alert" id="flash"><p>body\.name: Too big: expected string to have &#60;=200 characters<\/p><\/div>/);
  assert.match(page, new RegExp(`<input id="add-office" name="name" value="${'x'.repeat(201)}"`));
  assert.deepEqual((await b.s.store.getElection(id))?.contests[0]?.candidates.map((c) => c.name), ['Ann']);
});

const HEADER = 'id,name,email,postal_address,class,joined,standing';

test('the roll is uploaded as a file (multipart); a refused roll lists its rows to correct', async () => {
  const b = await owner();
  const id = (await b.s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
  const back = `/admin/elections/${id}`;
  const upload = async (csv: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: b.csrf, _back: back, _form: 'roll', _done: 'Done.' })) form.append(k, v);
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'roll.csv');
    form.append('csv', '');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const payload = Buffer.from(await req.arrayBuffer());
    const cookie = `rollover_session=${(b.s.admin.cookie ?? '').split('=')[1] ?? ''}`;
    return b.s.app.inject({ method: 'POST', url: `/admin/elections/${id}/roll`, payload, headers: { 'content-type': req.headers.get('content-type') ?? '', cookie } });
  };
  // Line 3 has neither an email nor a postal address.
  const refused = await upload(`${HEADER}\nv1,Ann,a@example.org,,member,2020-01-01,good\nv2,Bob,,,member,2020-01-01,good\n`);
  assert.equal(refused.statusCode, 303);
  const flashCookie = refused.cookies.find((c) => c.name === 'rollover_flash')?.value ?? '';
  const page = await b.s.app.inject({ method: 'GET', url: back, headers: { cookie: `${b.s.admin.cookie ?? ''}; rollover_flash=${flashCookie}` } });
  assert.match(page.body, /<p>the roll was not imported: 1 invalid row\(s\)<\/p><table><caption>Rows to correct<\/caption>.*<tr><td>3<\/td><td>id v2: no email or postal address: the voter could not be sent a ballot<\/td><\/tr>/s);
  const imported = await upload(`${HEADER}\nv1,Ann,a@example.org,,member,2020-01-01,good\nv2,Bob,b@example.org,,member,2020-01-01,good\n`);
  assert.equal(imported.statusCode, 303);
  assert.deepEqual(await b.s.store.turnout(id), [{ electorClass: 'member', eligible: 2, voted: 0 }]);
});

/** The sign-in page as a signed-out browser gets it: the form's hidden token and the cookie holding the same. */
async function signInPage(s: TestServer): Promise<{ token: string; cookie: string }> {
  const page = await s.app.inject({ method: 'GET', url: '/admin' });
  const token = /<input type="hidden" name="_csrf" value="([^"]*)">/.exec(page.body)?.[1] ?? '';
  const cookie = page.cookies.find((c) => c.name === 'rollover_login');
  assert.equal(cookie?.value, token, 'the cookie holds the token of the form');
  assert.equal(cookie?.sameSite, 'Strict');
  assert.equal(cookie?.httpOnly, true);
  return { token, cookie: `rollover_login=${cookie?.value ?? ''}` };
}

function signInForm(s: TestServer, password: string, token: string, cookie: string): Promise<LightMyRequestResponse> {
  const fields = { ...(token === '' ? {} : { _csrf: token }), _back: '/admin', _form: '/api/login Sign in', _done: 'Signed in.', username: 'owner', password };
  return s.app.inject({ method: 'POST', url: '/admin/login', headers: { ...FORM, ...(cookie === '' ? {} : { cookie }) }, payload: new URLSearchParams(fields).toString() });
}

test('signing in by form sets the session; a wrong password is refused with the username kept', async () => {
  const b = await owner();
  const { token, cookie } = await signInPage(b.s);
  assert.match(token, /^[A-Za-z0-9_-]{32}$/);
  const wrong = await signInForm(b.s, 'wrong password', token, cookie);
  assert.equal(wrong.statusCode, 303);
  assert.equal(wrong.cookies.some((c) => c.name === 'rollover_session'), false);
  const flash = wrong.cookies.find((c) => c.name === 'rollover_flash')?.value ?? '';
  const again = await b.s.app.inject({ method: 'GET', url: '/admin', headers: { cookie: `${cookie}; rollover_flash=${flash}` } });
  assert.match(again.body, /role="alert" id="flash"><p>wrong username or password<\/p>/);
  assert.match(again.body, /<input id="username" name="username" value="owner"/);
  assert.doesNotMatch(again.body, /value="wrong password"/, 'a password is never put back');
  assert.ok(again.body.includes(`name="_csrf" value="${token}"`), 'the same browser keeps its token');
  const right = await signInForm(b.s, 'correct horse battery', token, cookie);
  const session = right.cookies.find((c) => c.name === 'rollover_session');
  assert.equal(right.headers.location, '/admin');
  const dashboard = await b.s.app.inject({ method: 'GET', url: '/admin', headers: { cookie: `rollover_session=${session?.value ?? ''}` } });
  assert.match(dashboard.body, /Signed in as <strong>owner<\/strong>/);
});

test('a sign-in form posted from another site is refused, right password or not: no token, no cookie, or another browser\'s', async () => {
  const b = await owner();
  const mine = await signInPage(b.s);
  const theirs = await signInPage(b.s);
  assert.notEqual(mine.token, theirs.token, 'each browser gets its own token');
  // Another site cannot read the token; the browser sends no SameSite=Strict cookie with its post; and a
  // token the forger got for their own browser does not match this browser's cookie.
  for (const [token, cookie, what] of [['', '', 'nothing'], [theirs.token, '', 'a token without the cookie'], ['', mine.cookie, 'the cookie without the token'], [theirs.token, mine.cookie, 'another browser\'s token']]) {
    const res = await signInForm(b.s, 'correct horse battery', token ?? '', cookie ?? '');
    assert.equal(res.statusCode, 403, what);
    assert.equal(res.cookies.some((c) => c.name === 'rollover_session'), false, what);
    assert.match(res.body, /This sign-in form did not come from this site&#39;s sign-in page/, what);
  }
  const audit = (await b.s.get('/api/audit')).json<{ entries: { action: string }[] }>().entries;
  assert.deepEqual(audit.map((e) => e.action), ['signed in'], 'only the test\'s own API sign-in: no refused or accepted form reached the API');
});

test('a scrutineer\'s form is refused by the API, and the page says why', async () => {
  const b = await owner();
  const id = (await b.s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
  await createUser(b.s.store, 'sam', 'sam password 12', 'scrutineer');
  const sam = new Browser(b.s, await signIn(b.s.app, 'sam', 'sam password 12'));
  const res = await sam.post(`/admin/elections/${id}/transitions`, `/admin/elections/${id}`, { to: 'cancelled' });
  assert.equal(res.statusCode, 303);
  assert.match((await sam.get(`/admin/elections/${id}`)).body, /role="alert" id="flash"><p>a scrutineer may not do this<\/p>/);
  assert.equal((await b.s.store.getElection(id))?.status, 'draft');
});

test('a changed account role is sent on as a PATCH', async () => {
  const b = await owner();
  await createUser(b.s.store, 'rita', 'rita password 1', 'returning_officer');
  const res = await b.post('/admin/users/rita', '/admin/accounts', { _method: 'PATCH', _done: 'Role of rita changed.', role: 'scrutineer' });
  assert.equal(res.headers.location, '/admin/accounts');
  const page = (await b.get('/admin/accounts')).body;
  assert.match(page, /role="status" id="flash"><p>Role of rita changed\.<\/p>/);
  assert.match(page, /<tr><th scope="row">rita<\/th><td>scrutineer<\/td>/);
});

test('a form may only send the browser back to a console page', async () => {
  const b = await owner();
  // Elsewhere, another host, and paths the browser resolves out of /admin (dot segments, plain or encoded).
  for (const back of ['https://elsewhere.example/', '//elsewhere.example/admin', '/admin/..', '/admin/%2e%2e/api/audit', '/admin/./elections']) {
    const res = await b.post('/admin/elections', back, { title: 'X', preset: 'generic-irv' });
    assert.equal(res.statusCode, 400, back);
    assert.equal(res.headers.location, undefined, back);
  }
  assert.deepEqual(await b.s.store.listElections(), []);
});

test('only the sign-in form itself is posted without a session: a look-alike address is not', async () => {
  const b = await owner();
  const res = await b.s.app.inject({ method: 'POST', url: '/admin/login-elsewhere', headers: FORM, payload: new URLSearchParams({ _back: '/admin', _form: 'f', _done: 'Done.', username: 'owner', password: 'correct horse battery' }).toString() });
  assert.equal(res.statusCode, 401);
  assert.equal(res.cookies.some((c) => c.name === 'rollover_session'), false);
});

test('a nomination is recorded by form; a second by the same nominator is refused with the form refilled', async () => {
  const b = await owner();
  const id = (await b.s.post('/api/elections', { preset: 'labour-2020', title: 'Leadership 2020' })).json<{ id: string }>().id;
  for (const name of ['Keir Starmer', 'Lisa Nandy']) await b.s.post(`/api/elections/${id}/contests/leader/candidates`, { name });
  await b.s.post(`/api/elections/${id}/transitions`, { to: 'nominations' });
  const back = `/admin/elections/${id}`;
  const key = `/api/elections/${id}/nominations Record a nomination in Leader`;
  const nominate = (candidate: string) => b.post(`/admin/elections/${id}/nominations`, back, { _form: key, _done: 'Nomination recorded.', contest: 'leader', candidate, body: 'plp', nominator: 'MP 1', kind: '' });
  await nominate('Keir Starmer');
  const page = (await b.get(back)).body;
  assert.match(page, /role="status" id="flash"><p>Nomination recorded\.<\/p>/);
  // 10% of 212 MPs and MEPs is 21.2: 22 are needed.
  assert.match(page, /<th scope="row">Keir Starmer<\/th><td>plp: 1 of 22;/);
  await nominate('Lisa Nandy');
  const refused = (await b.get(back)).body;
  assert.match(refused, /role="alert" id="flash"><p>MP 1 \(MPs and MEPs \(PLP \+ EPLP\)\) has already nominated Keir Starmer in Leader; each may nominate one candidate<\/p>/);
  assert.match(refused, /<option value="Lisa Nandy" selected>Lisa Nandy<\/option>/);
  assert.match(refused, /<input id="nom-nominator-leader" name="nominator" value="MP 1"/);
});

test('a pasted roll with more than 500 rows to correct lists the first 500 and says so', async () => {
  const b = await owner();
  const id = (await b.s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
  const back = `/admin/elections/${id}`;
  // 501 voters with neither an email nor a postal address: every row (lines 2 to 502) is refused.
  const rows = Array.from({ length: 501 }, (_, i) => `v${i},Voter ${i},,,member,2020-01-01,good`);
  await b.post(`/admin/elections/${id}/roll`, back, { csv: `${HEADER}\n${rows.join('\n')}\n` });
  const page = (await b.get(back)).body;
  assert.match(page, /<p>the roll was not imported: 501 invalid row\(s\) \(the first 500 are listed\)<\/p>/);
  assert.match(page, /<tr><td>501<\/td><td>id v499: no email or postal address/);
  assert.doesNotMatch(page, /<tr><td>502<\/td>/);
});
