/** The "Is it close?" panel: its wording, and its place on the results page of a published election. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarginJson } from '../../src/server/routes/analysis.ts';
import { marginInWords } from '../../src/web/results/closeness.ts';
import { testServer } from '../server/helpers.ts';
import { countedElection } from '../server/published.ts';

test('the margin in words: thousands separated, share truncated to one place', () => {
  const margin: MarginJson = { kind: 'irv', ballots: 127, exact: true, lowerBound: 127, winner: 'Bob Kiss', newWinner: 'Kurt Wright', witness: [], integerPrograms: 1 };
  // 127 × 100 / 8,980 = 1.414…, truncated to 1.4.
  assert.equal(marginInWords(margin, 8980), 'Changing 127 of 8,980 ballots (1.4%) could have elected Kurt Wright instead.');
  assert.equal(
    marginInWords({ ...margin, ballots: 1500, exact: false, lowerBound: 1200 }, 8980),
    // 1,500 × 100 / 8,980 = 16.70…
    'Changing at most 1,500 of 8,980 ballots (16.7%) could have elected Kurt Wright instead. The search was stopped: the true margin is between 1,200 and 1,500 ballots.',
  );
});

test('the results page of a published election carries the panel, with small classes pooled', async () => {
  const s = await testServer();
  const { id, publish } = await countedElection(s);
  await publish();
  const res = await s.get(`/results/${id}`, {});
  assert.equal(res.statusCode, 200);
  const panel = res.body.slice(res.body.indexOf('<h2>Is it close?</h2>'));
  assert.ok(res.body.includes('<h2>Is it close?</h2>'), 'the panel heading is on the page');
  // Hand-worked in test/server/published.ts: 2 of 26 ballots; 2 × 100 / 26 = 7.69…, truncated to 7.6.
  assert.match(panel, /Changing 2 of 26 ballots \(7\.6%\) could have elected Ann instead\./);
  assert.match(panel, /at least 2 ballots and at most 3/);
  assert.match(panel, /<section class="closeness" aria-labelledby="close-office"><h3 id="close-office">/);
  assert.match(panel, /<caption>Turnout by elector class \(small classes pooled\)<\/caption>/);
  const pooled = panel.slice(panel.indexOf('<caption>Turnout by elector class (small'), panel.indexOf('</table>'));
  assert.match(pooled, /other \(2 classes pooled for privacy\)/);
  assert.doesNotMatch(pooled, /affiliate/, 'the class of 3 voters is not shown');
  assert.doesNotMatch(res.body, /<script[^>]+src="https?:/, 'no third-party script');
});
