/** The HTML booth: sign in with a credential, rank with numbered menus, get a receipt; refusals are shown. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openElection, testServer } from './helpers.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

test('a voter votes from the browser forms and gets a receipt', async () => {
  const s = await testServer();
  const { id, credentials } = await openElection(s, 2);
  const credential = credentials[0]?.credential ?? '';
  const election = await s.app.inject({ method: 'GET', url: `/elections/${id}` });
  assert.match(election.body, /Ann, Bob, Cat/);
  assert.match(election.body, new RegExp(`href="/elections/${id}/vote">Vote now`));

  const paper = await s.app.inject({ method: 'POST', url: `/elections/${id}/vote`, headers: FORM, payload: new URLSearchParams({ credential }).toString() });
  assert.equal(paper.statusCode, 200);
  // Three candidates, so three preference menus, each labelled.
  assert.equal((paper.body.match(/<select id="rank\.office\.\d"/g) ?? []).length, 3);
  assert.match(paper.body, /<label for="rank\.office\.2">2nd preference<\/label>/);

  // 1st Cat, 2nd left blank, 3rd Ann: the ranking is Cat then Ann.
  const ballot = new URLSearchParams({ credential, 'rank.office.1': 'Cat', 'rank.office.2': '', 'rank.office.3': 'Ann' }).toString();
  const check = await s.app.inject({ method: 'POST', url: `/elections/${id}/cast`, headers: FORM, payload: ballot });
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /<ol><li>Cat<\/li><li>Ann<\/li><\/ol>/);
  assert.deepEqual(await s.store.ballots(id, 'office'), [], 'nothing is cast before the voter confirms');
  const confirmed = new URLSearchParams({ credential, confirm: 'yes', 'rank.office.1': 'Cat', 'rank.office.2': 'Ann' }).toString();
  const cast = await s.app.inject({ method: 'POST', url: `/elections/${id}/cast`, headers: FORM, payload: confirmed });
  assert.equal(cast.statusCode, 201);
  const receipt = /<code>([0-9A-Z-]+)<\/code>/.exec(cast.body)?.[1] ?? '';
  assert.deepEqual((await s.get(`/api/elections/${id}/receipts/${receipt}`, {})).json(), { receipt, inBallotBox: true });
  assert.deepEqual(await s.store.ballots(id, 'office'), [[2, 0]]);

  const again = await s.app.inject({ method: 'POST', url: `/elections/${id}/cast`, headers: FORM, payload: confirmed });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /role="alert">this voter has already voted/);
  const wrong = await s.app.inject({ method: 'POST', url: `/elections/${id}/vote`, headers: FORM, payload: 'credential=NOPE' });
  assert.equal(wrong.statusCode, 403);
  assert.match(wrong.body, /not recognised/);
});
