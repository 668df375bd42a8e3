/**
 * "Is it close?" on the count page for multi-winner RCTab contests: small contests worked by hand (a
 * 2-seat count with a surplus transfer, a sequential count of 2 passes, bottoms-up by percentage) and
 * Minneapolis's 2013 park board (3 seats), whose figures are worked from RCTab's expected detailed report;
 * and the report's rounds read back as a count result.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Rational } from '../../src/count/arithmetic.ts';
import type { CountJson } from '../../src/formats/count-json.ts';
import { reportRounds } from '../../src/web/count/rctab-closeness-rounds.ts';
import { testServer } from '../server/helpers.ts';
import { MAYOR_CONFIG } from './mayor-contest.ts';
import { DATA, fromDisk, post, skip, unescape } from './rctab-upload.ts';

/** The `n`th "Is it close?" panel's text, tags dropped. */
function panelText(html: string, n = 0): string {
  const panel = [...html.matchAll(/<section class="closeness"[\s\S]*?<\/section>/g)][n]?.[0] ?? '';
  return unescape(panel.replace(/<[^>]*>/g, ''));
}

/** A generic CSV contest of the candidates ranked: each ballot's ranking, as many times as given. */
async function upload(rules: Record<string, string>, ballots: [number, string[]][]): Promise<string> {
  const candidates = [...new Set(ballots.flatMap(([, ranking]) => ranking))].sort();
  const rows = ballots.flatMap(([n, ranking]) => Array.from({ length: n }, () => candidates.map((c) => (ranking.includes(c) ? String(ranking.indexOf(c) + 1) : ''))));
  const cvr = `id,${candidates.join(',')}\n${rows.map((r, i) => `${i + 1},${r.join(',')}`).join('\n')}\n`;
  const config = { ...MAYOR_CONFIG, candidates: candidates.map((name) => ({ name })), rules: { ...MAYOR_CONFIG.rules, ...rules } };
  const res = await post(await testServer(), [{ field: 'config', name: 'council.json', content: JSON.stringify(config) }, { field: 'cvr', name: 'cvr.csv', content: cvr }]);
  assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
  return res.body;
}

test('2 seats with a surplus: the last seat\'s estimate compares C, elected last, with B in the round B was excluded', async () => {
  // 31 ballots, threshold ⌊31/3⌋ + 1 = 11. Round 1: A 16, B 5, C 7, D 3; A is elected and passes on a
  // surplus of 5 at 5/16 = 0.3125 a ballot, 2.5 to B and 2.5 to C. Round 2: A 11, B 7.5, C 9.5, D 3:
  // nobody reaches 11 and D is excluded (D's ballots exhaust). Round 3: B 7.5, C 9.5 continue for one seat;
  // B is excluded, and in round 4 C, the only one left, takes the last seat. The last contest was C 9.5
  // against B 7.5 in round 3: gap 2, ⌊2/2⌋ + 1 = 2 ballots, 2 of 31 = 6.4% (truncated as the results page
  // does). Tallies carry 4 decimal places once the surplus is transferred, so the gap reads 2.0000.
  const html = await upload(
    { winnerElectionMode: 'multiWinnerAllowMultipleWinnersPerRound', numberOfWinners: '2' },
    [[8, ['A', 'B']], [8, ['A', 'C']], [5, ['B']], [7, ['C']], [3, ['D']]],
  );
  assert.match(html, /class="winners">Elected: <strong>A, C</);
  const text = panelText(html);
  assert.ok(text.startsWith('Is it close? Mayor'), text);
  assert.ok(text.includes('Moving about 2 of 31 ballots (6.4%) from C to B could have given the last seat to B instead (an estimate from round 3, where they were 2.0000 votes apart).'), text);
  assert.ok(text.includes('An estimate, not a margin'), text);
  assert.doesNotMatch(text, /rollover analyze/, 'the margin search takes single-winner contests only');
});

test('a sequential count: each pass has the IRV bound from its rounds and its last-round swing, labelled an estimate', async () => {
  // 19 ballots: 8 A > C, 7 B, 4 C > B. Pass 1, threshold ⌊19/2⌋ + 1 = 10: A 8, B 7, C 4; C is excluded and
  // B reaches 11 of 19 in round 2. Bound: C's exclusion is 3 behind B, half rounded up 2; the last round's
  // lead 2 × 11 − 19 = 3, half rounded up 2; so at least 2. Swing: B 11 against A 8, ⌊3/2⌋ + 1 = 2.
  // Pass 2, without B: A 8 (8 A > C), C 4 (4 C > B), the 7 B-only ballots exhausted; A has a majority of
  // the 12 continuing in round 1. Bound: 2 × 8 − 12 = 4, half 2. Swing: A 8 against C 4, ⌊4/2⌋ + 1 = 3.
  const html = await upload(
    { winnerElectionMode: 'multiPassIrv', numberOfWinners: '2' },
    [[8, ['A', 'C']], [7, ['B']], [4, ['C', 'B']]],
  );
  const [pass1, pass2] = [panelText(html, 0), panelText(html, 1)];
  assert.ok(pass1.startsWith('Is it close? Mayor, pass 1'), pass1);
  assert.ok(pass1.includes('From the rounds alone: electing someone else in this pass needs at least 2 of 19 ballots changed.'), pass1);
  assert.ok(pass1.includes('Moving about 2 ballots from B to A could elect A in this pass instead (an estimate from round 2, where they were 3 votes apart; no recount has checked it).'), pass1);
  assert.doesNotMatch(pass1, /earlier passes/, 'the first pass has no earlier winners');
  assert.ok(pass2.startsWith('Is it close? Mayor, pass 2'), pass2);
  assert.ok(pass2.includes('needs at least 2 of 19 ballots changed.'), pass2);
  assert.ok(pass2.includes('Moving about 3 ballots from A to C could elect C in this pass instead (an estimate from round 1, where they were 4 votes apart;'), pass2);
  assert.ok(pass2.includes('without the earlier passes\' winners'), pass2);
  assert.match(html, /<h2 id="close-rctab-1">[\s\S]*<h2 id="close-rctab-2">/, 'one heading id per pass');
});

test('bottoms-up by percentage gives no estimate, and says why', async () => {
  // 10 ballots: A 5, B 3, C 2. Threshold 25% of the round's votes: C (20%) is excluded; A and B both hold
  // at least 25% and are elected, however many that makes.
  const html = await upload(
    { winnerElectionMode: 'bottomsUpUsingPercentageThreshold', numberOfWinners: '0', multiSeatBottomsUpPercentageThreshold: '25' },
    [[5, ['A']], [3, ['B']], [2, ['C']]],
  );
  assert.match(html, /class="winners">Elected: <strong>[AB], [AB]</);
  assert.ok(panelText(html).includes('No estimate for this contest: bottoms-up by percentage elects everyone still standing'), panelText(html));
});

test('2013 Minneapolis park board (3 seats): Meg Forney against Tom Nordyke in round 9, as RCTab\'s expected report gives them', { skip }, async () => {
  const name = '2013_minneapolis_park';
  const s = await testServer();
  const res = await post(s, [fromDisk('config', join(DATA, name, `${name}_config.json`)), fromDisk('cvr', join(DATA, '_shared', `${name}_cvr.xlsx`))]);
  assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
  const expected = JSON.parse(readFileSync(join(DATA, name, `${name}_expected_detailed_report.json`), 'utf8')) as {
    results: { round: number; tally: Record<string, string> }[];
    summary: { totalNumBallots: string };
  };
  // The report: Meg Forney, elected last (round 10, with Annie Young), and Tom Nordyke, the last candidate
  // excluded (round 9), stand together for the last time in round 9: 10965.0000 against 8701.0000.
  const round9 = expected.results[8];
  assert.equal(round9?.round, 9);
  const gap = Number(round9.tally['MEG FORNEY']) - Number(round9.tally['TOM NORDYKE']);
  assert.equal(gap, 10965 - 8701);
  // ⌊2264/2⌋ + 1 = 1,133 of the 80,101 ballots read (undervotes included): 1.4%.
  assert.equal(expected.summary.totalNumBallots, '80101');
  const text = panelText(res.body);
  assert.ok(text.includes(`Moving about ${(Math.floor(gap / 2) + 1).toLocaleString('en-US')} of 80,101 ballots (1.4%) from MEG FORNEY to TOM NORDYKE could have given the last seat to TOM NORDYKE instead (an estimate from round 9, where they were ${gap.toLocaleString('en-US')}.0000 votes apart).`), text);
});

test('the report\'s rounds read back: candidates numbered as first named, tallies exact, winners and exclusions by number', () => {
  const count: CountJson = {
    method: 'stv', rules: 'RCTab multiWinnerAllowOnlyOneWinnerPerRound', seats: 2, winners: ['Cy', 'Eve'], places: 4, validVotes: '18',
    rounds: [
      { round: 1, tally: { Cy: '7', Dee: '2', Eve: '6', Fay: '3' }, exhausted: '1', threshold: '7.2501', elected: [], excluded: ['Dee'], loss: '0' },
      { round: 2, tally: { Cy: '8', Eve: '6', Fay: '3' }, exhausted: '1', threshold: '7.2501', elected: ['Cy'], excluded: [], loss: '0' },
      { round: 3, tally: { Cy: '7.2501', Eve: '6.6559', Fay: '3.0937' }, exhausted: '1', threshold: '7.2501', elected: ['Eve'], excluded: [], loss: '0.0003' },
    ],
  };
  const result = reportRounds(count);
  assert.deepEqual(result.candidates, ['Cy', 'Dee', 'Eve', 'Fay']);
  assert.deepEqual(result.winners, [0, 2]);
  assert.deepEqual(result.rounds.map((r) => [r.elected, r.excluded]), [[[], [1]], [[0], []], [[2], []]]);
  // 6.6559 = 66559/10000 exactly, and the loss 0.0003 = 3/10000.
  assert.ok(result.rounds[2]?.tally.get(2)?.eq(Rational.of(66559, 10000)));
  assert.ok(result.rounds[2]?.loss.eq(Rational.of(3, 10000)));
  assert.ok(result.validVotes.eq(Rational.of(18)));
});
