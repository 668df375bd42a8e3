/** The "Is it close?" panel: its wording, and its place on the results page of a published election. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { countJson } from '../../src/formats/count-json.ts';
import { readContest } from '../../src/cli/read-file.ts';
import { Rational } from '../../src/count/arithmetic.ts';
import { count } from '../../src/count/index.ts';
import type { PublishedResult } from '../../src/election/results.ts';
import { writeBlt } from '../../src/formats/blt.ts';
import type { MarginJson } from '../../src/server/routes/analysis.ts';
import { closenessPanel, closenessPanels, marginInWords } from '../../src/web/results/closeness.ts';
import { testServer } from '../server/helpers.ts';
import { countedElection } from '../server/published.ts';

test('the margin in words: thousands separated, share truncated to one place', () => {
  const margin: MarginJson = { kind: 'irv', ballots: 127, exact: true, lowerBound: 127, winner: 'Bob Kiss', newWinner: 'Kurt Wright', witness: [], programs: 1 };
  // 127 × 100 / 8,980 = 1.414…, truncated to 1.4.
  assert.equal(marginInWords(margin, 8980), 'Changing 127 of 8,980 ballots (1.4%) could have elected Kurt Wright instead.');
  assert.equal(
    marginInWords({ ...margin, ballots: 1500, exact: false, lowerBound: 1200 }, 8980),
    // 1,500 × 100 / 8,980 = 16.70…
    'Changing at most 1,500 of 8,980 ballots (16.7%) could have elected Kurt Wright instead. The search was stopped: the true margin is between 1,200 and 1,500 ballots.',
  );
});

test('a margin still being searched: the panel says so and shows the bounds that already hold', () => {
  const html = closenessPanel({
    contest: 'office', title: 'Chair', method: 'irv', winners: ['Bob'], ballots: 26, bounds: { lower: 2, upper: 3 },
    computing: true, noMargin: 'the exact search is still running', turnout: { privacyThreshold: 10, rows: [] },
  });
  assert.match(html, /The exact margin is still being computed; the bounds below already hold\. Reload the page shortly to see it\./);
  assert.match(html, /From the rounds alone: at least 2 ballots and at most 3/);
  assert.doesNotMatch(html, /No margin for this contest/);
});

test('the results page of a published election carries the panel, and its turnout table pools small classes', async () => {
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
  assert.match(panel, /<a href="\/results\/segments">analysed by group<\/a>/);
  assert.doesNotMatch(res.body, /<script[^>]+src="https?:/, 'no third-party script');
});

test('the turnout table of the results page: an attacker cannot extract the 3 affiliates from it', async () => {
  const s = await testServer();
  const { id, publish } = await countedElection(s);
  await publish();
  const page = (await s.get(`/results/${id}`, {})).body;
  assert.equal(page.match(/<table class="turnout">/g)?.length, 1, 'one turnout table on the page');
  assert.doesNotMatch(page, /affiliate/, 'the class of 3 voters is never named');
  const table = page.slice(page.indexOf('<table class="turnout">'), page.indexOf('</table>', page.indexOf('<table class="turnout">')));
  const rows = [...table.matchAll(/<tr><th scope="row">([^<]+)<\/th><td class="num">([\d,]+)<\/td><td class="num">([\d,]+)<\/td>/g)]
    .map(([, name, eligible, voted]) => ({ name, eligible: Number(eligible?.replaceAll(',', '')), voted: Number(voted?.replaceAll(',', '')) }));
  // 12 members, 11 supporters, 3 affiliates, every one voting: the affiliates' 3 are under 10, a pool of
  // them alone would name their count, so the smallest shown class (supporters, 11) joins: 14 pooled.
  assert.deepEqual(rows.map((r) => [r.name, r.eligible, r.voted]), [['member', 12, 12], ['other (2 classes pooled for privacy)', 14, 14], ['all', 26, 26]]);
  // The attacker knows the roll has an affiliate class and subtracts published rows from the totals in
  // every combination: no difference is the affiliates' 3 voters (or any group under 10 but none).
  const all = rows.find((r) => r.name === 'all');
  assert.ok(all);
  const parts = rows.filter((r) => r !== all);
  for (let mask = 0; mask < 1 << parts.length; mask++) {
    for (const key of ['eligible', 'voted'] as const) {
      const left = parts.reduce((n, r, i) => (mask & (1 << i) ? n - r[key] : n), all[key]);
      assert.ok(left === 0 || left >= 10, `${key}: a group of ${left} can be isolated`);
    }
  }
});

const burlington = fileURLToPath(new URL('../../../shared/data/burlington-2009/', import.meta.url));

test('Burlington 2009 published through the panel: the margin in words is within the last-round margin of 127', { skip: existsSync(burlington) ? false : `shared data absent: ${burlington} not found` }, async () => {
  const contest = await readContest(join(burlington, 'ballots.csv'));
  assert.ok(contest.ok);
  const counted = count(contest.value, { method: 'irv' });
  assert.ok(counted.ok);
  const result: PublishedResult = {
    election: { id: 'burlington-2009', title: 'Burlington mayor 2009' },
    contests: [{ id: 'mayor', title: 'Mayor', ballotFile: 'ballots-mayor.blt', ballotsSha256: '', countSha256: 'burlington', count: countJson(counted.value) }],
    turnout: [],
  };
  const html = await closenessPanels(result, { mayor: writeBlt(contest.value) });
  // result.json: 8,980 ballots; final round from this file Kiss 4313, Wright 4060, so moving
  // ⌊(4313 − 4060)/2⌋ + 1 = 127 Kiss ballots to Wright is the last-round bound.
  assert.match(html, /and at most 127 \(moving ballots from the winner to the runner-up/);
  const words = /Changing (\d+) of 8,980 ballots \((\d+\.\d)%\) could have elected Kurt Wright instead\./.exec(html);
  assert.ok(words, html);
  const margin = Number(words[1]);
  assert.ok(margin >= 1 && margin <= 127, `margin ${margin}`);
  // The share is the margin over 8,980, truncated to one place: 127 would be 1.414… → 1.4.
  assert.equal(words[2], Rational.of(margin * 100, 8980).toFixed(1));
});
