/** The booth without JavaScript: plain form posts from sign-in to receipt, and every refusal in words. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openElection, testServer, type TestServer } from '../server/helpers.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function post(s: TestServer, url: string, fields: Record<string, string>) {
  return s.app.inject({ method: 'POST', url, headers: FORM, payload: new URLSearchParams(fields).toString() });
}

test('sign in, number the candidates, read the ranking back, confirm, get a receipt; the credential then refuses', async () => {
  const s = await testServer();
  const { id, credentials } = await openElection(s, 2);
  const credential = credentials[0]?.credential ?? '';

  // The link on a paper ballot's QR code fills the credential in.
  const signIn = await s.app.inject({ method: 'GET', url: `/vote/${id}?credential=${encodeURIComponent(credential)}` });
  assert.equal(signIn.statusCode, 200);
  assert.match(String(signIn.headers['content-security-policy']), /default-src 'self';.*frame-ancestors 'none'/);
  assert.ok(signIn.body.includes(`value="${credential}"`));

  const paper = await post(s, `/vote/${id}/ballot`, { credential });
  assert.equal(paper.statusCode, 200);
  // One labelled menu per candidate (Ann, Bob, Cat are ballot places 0, 1, 2).
  assert.match(paper.body, /<label for="pref\.office\.2">Cat<\/label>\n<select id="pref\.office\.2" name="pref\.office\.2">/);

  // Ann and Bob both marked 1: sent back with the numbers kept and the problem named.
  const twice = await post(s, `/vote/${id}/review`, { credential, 'pref.office.0': '1', 'pref.office.1': '1' });
  assert.equal(twice.statusCode, 422);
  assert.match(twice.body, /role="alert"><ul><li>Ann and Bob both have your 1st preference/);
  assert.match(twice.body, /name="pref\.office\.0"><option value="">not ranked<\/option><option value="1" selected>/);

  // Cat 1, Ann 2: read back as "1st: Cat, 2nd: Ann".
  const marks = { credential, 'pref.office.0': '2', 'pref.office.1': '', 'pref.office.2': '1' };
  const review = await post(s, `/vote/${id}/review`, marks);
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /<dd>1st: Cat, 2nd: Ann<\/dd>/);

  const cast = await post(s, `/vote/${id}/cast`, marks);
  assert.equal(cast.statusCode, 201);
  const receipt = /id="receipt">([^<]+)</.exec(cast.body)?.[1] ?? '';
  assert.deepEqual((await s.get(`/api/elections/${id}/receipts/${receipt}`, {})).json(), { receipt, inBallotBox: true });
  // Ballot-paper order Ann=0, Bob=1, Cat=2: the box holds Cat then Ann.
  assert.deepEqual(await s.store.ballots(id, 'office'), [[2, 0]]);

  const check = await s.app.inject({ method: 'GET', url: `/vote/${id}/receipt?code=${encodeURIComponent(receipt)}` });
  assert.match(check.body, new RegExp(`role="status"><p>A ballot with receipt code ${receipt} is in the ballot box\\.`));
  const wrongCode = await s.app.inject({ method: 'GET', url: `/vote/${id}/receipt?code=XXXX-XXXX` });
  assert.match(wrongCode.body, /role="alert"><p>No ballot with receipt code XXXX-XXXX is in the ballot box/);

  const again = await post(s, `/vote/${id}/cast`, marks);
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /role="alert"><p>Your ballot cannot be shown or cast: this voter has already voted/);
  const unknown = await post(s, `/vote/${id}/ballot`, { credential: 'NOT-A-CREDENTIAL' });
  assert.equal(unknown.statusCode, 403);
  assert.match(unknown.body, /not recognised/);
});

test('a replaced credential and a closed ballot are refused in words', async () => {
  const s = await testServer();
  const { id, credentials } = await openElection(s, 1);
  const old = credentials[0]?.credential ?? '';
  await s.post(`/api/elections/${id}/credentials`, { voters: ['v1'] });
  const revoked = await post(s, `/vote/${id}/ballot`, { credential: old });
  assert.equal(revoked.statusCode, 403);
  assert.match(revoked.body, /replaced by a newer one/);

  await s.post(`/api/elections/${id}/transitions`, { to: 'closed' });
  const closed = await s.app.inject({ method: 'GET', url: `/vote/${id}` });
  assert.equal(closed.statusCode, 409);
  assert.match(closed.body, /role="alert"><p>Voting has closed: no more ballots can be cast\./);
});
