/**
 * The "Which group decided it?" page: the smallest swings in words for the Labour election of
 * test/analysis/swing.test.ts (Khan 12, Jowell 10, Abbott 12; Jowell goes, Khan wins 22 to 12).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LABOUR_CSV } from '../analysis/labour.ts';
import { testServer } from '../server/helpers.ts';


function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

test('the page answers by class in words, each class\'s swings as worked by hand', async () => {
  const s = await testServer();
  const blank = await s.get('/results/segments', {});
  assert.equal(blank.statusCode, 200);
  assert.match(blank.body, /<label for="swing-ballots">Ballots \(CSV\)<\/label><textarea id="swing-ballots" name="text"/);
  const res = await s.app.inject({ method: 'POST', url: '/results/segments', payload: form({ text: LABOUR_CSV, column: 'class', whatIf: '' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.statusCode, 200, res.body);
  const panel = res.body.slice(res.body.indexOf('<section class="closeness"'));
  assert.match(panel, /Khan won with 34 ballots\./);
  // Registered ×11/6: Khan and Abbott tie 22–22 and backwards excludes Khan; ×5/6: Abbott ties Jowell at 10
  // and lot excludes Abbott. Members: ×6/5 lets Jowell reach Abbott's 12 and lot excludes Abbott; moving 2
  // [Khan, Jowell] to [Abbott, Khan] ties Khan with Jowell at 10 and lot excludes Khan. Either class needs
  // just one ballot re-ranked (an Abbott- or Khan-first ballot → [Jowell]).
  const registered = panel.slice(panel.indexOf('<h3>registered'), panel.indexOf('</ul>', panel.indexOf('<h3>registered')));
  assert.match(registered, /<h3>registered \(12 ballots\)<\/h3>/);
  assert.match(registered, /Had its voters counted at 11\/6 \(about 1\.833\) times as much, Abbott would have won\./);
  assert.match(registered, /Had its voters counted at 5\/6 \(about 0\.833\) times as much, Jowell would have won\./);
  assert.match(registered, /Re-ranking 1 of its ballots, and no fewer, could have elected Jowell\./);
  const member = panel.slice(panel.indexOf('<h3>member'));
  assert.match(member, /Had its voters counted at 6\/5 \(about 1\.200\) times as much, Jowell would have won\./);
  assert.match(member, /Moving 2 of its 12 ballots from Khan to Abbott would have elected Jowell\./);
});

test('by ward the ward of 3 is pooled and never named; a bad file is refused with its line', async () => {
  const s = await testServer();
  const post = (fields: Record<string, string>) => s.app.inject({ method: 'POST', url: '/results/segments', payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const res = await post({ text: LABOUR_CSV, column: 'ward' });
  assert.equal(res.statusCode, 200, res.body);
  // W1 (3) and W2 (12) pooled: 15 ballots; W3 (19) alone.
  assert.match(res.body, /<h3>W3 \(19 ballots\)<\/h3>/);
  assert.match(res.body, /<h3>Other ward values, 2 pooled \(15 ballots\)<\/h3>/);
  const panel = res.body.slice(res.body.indexOf('<section class="closeness"'));
  assert.doesNotMatch(panel, /W1/);
  const bad = await post({ text: 'segment:ward,rank1\nW1,Khan,Abbott\n', column: 'ward' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /role="alert"><p>ballots\.csv line 2/);
});
