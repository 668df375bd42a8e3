/**
 * Login CSRF in a real browser: a page on another site (localhost, while the service is 127.0.0.1) posts
 * the sign-in form with the forger's username and password and the token the forger got for their own
 * browser. Chromium sends no SameSite=Strict cookie with that cross-site post, so the sign-in is refused
 * and the browser holds no session; the service's own form, in the same browser, signs in.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { browserPage, OWNER, SKIP } from './browser.ts';

const shared = browserPage(SKIP);

test('a sign-in form posted from another site is refused; the service\'s own form signs in', { skip: SKIP }, async () => {
  const { page, h } = shared;
  // The visitor has seen the sign-in page, so their browser holds a sign-in token cookie.
  await page.goto(`${h.base}/admin`);
  // The forger fetches a sign-in page for themselves: a valid token, but of another browser.
  const own = await fetch(`${h.base}/admin`);
  const forgersToken = /name="_csrf" value="([^"]+)"/.exec(await own.text())?.[1] ?? '';
  assert.notEqual(forgersToken, '');
  const fields = { _csrf: forgersToken, _back: '/admin', _form: '/api/login Sign in', _done: 'Signed in.', username: OWNER.username, password: OWNER.password };
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`).join('');
  const elsewhere = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><title>Win a prize</title><form method="post" action="${h.base}/admin/login">${inputs}<button>Claim</button></form></html>`);
  }).listen(0, '127.0.0.1');
  after(() => void elsewhere.close());
  await new Promise((resolve) => elsewhere.once('listening', resolve));
  const forger = `http://localhost:${(elsewhere.address() as AddressInfo).port}/`;

  await page.goto(forger);
  const [answer] = await Promise.all([page.waitForResponse(`${h.base}/admin/login`), page.getByRole('button', { name: 'Claim' }).click()]);
  assert.equal(answer.status(), 403);
  await page.getByText('This sign-in form did not come from this site\'s sign-in page').waitFor();
  const cookies = await h.context.cookies(h.base);
  assert.equal(cookies.some((c) => c.name === 'rollover_session'), false, 'no session was opened');

  await page.goto(`${h.base}/admin`);
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password').fill(OWNER.password);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.getByText('Signed in as').waitFor();
  assert.ok((await h.context.cookies(h.base)).some((c) => c.name === 'rollover_session'));
});
