/** The Sankey diagram's flows, worked by hand from small counts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoundJson } from '../../src/formats/count-json.ts';
import { flows, roundBarChart } from '../../src/web/results/charts.ts';

function round(n: number, tally: Record<string, string>, exhausted: string, extra: Partial<RoundJson> = {}): RoundJson {
  return { round: n, tally, exhausted, threshold: '0', elected: [], excluded: [], loss: '0', ...extra };
}

test('an exclusion: continuing candidates keep their votes, the excluded one\'s go where the transfer says', () => {
  // Round 1: Ann 3, Bob 3, Cat 2; Cat excluded, 1 to Bob, 1 exhausted. Round 2: Ann 3, Bob 4, exhausted 1.
  const rounds = [
    round(1, { Ann: '3', Bob: '3', Cat: '2' }, '0', { excluded: ['Cat'], transfer: { kind: 'exclusion', from: ['Cat'], to: { Ann: '0', Bob: '1' }, exhausted: '1' } }),
    round(2, { Ann: '3', Bob: '4' }, '1'),
  ];
  assert.deepEqual(flows(rounds), [
    { source: 'Ann · round 1', target: 'Ann · round 2', value: 3 },
    { source: 'Bob · round 1', target: 'Bob · round 2', value: 3 },
    { source: 'Cat · round 1', target: 'Bob · round 2', value: 1 },
    { source: 'Cat · round 1', target: 'Exhausted · round 2', value: 1 },
  ]);
});

test('a surplus: the elected candidate keeps the quota and passes on the rest; exhausted ballots carry forward', () => {
  // Quota 10: Ann has 14, her surplus of 4 goes 3 to Bob and 1 exhausted; 2 were already exhausted.
  const rounds = [
    round(1, { Ann: '14', Bob: '5' }, '2', { elected: ['Ann'], transfer: { kind: 'surplus', from: ['Ann'], to: { Bob: '3' }, exhausted: '1' } }),
    round(2, { Ann: '10', Bob: '8' }, '3'),
  ];
  assert.deepEqual(flows(rounds), [
    { source: 'Ann · round 1', target: 'Ann · round 2', value: 10 },
    { source: 'Bob · round 1', target: 'Bob · round 2', value: 5 },
    { source: 'Ann · round 1', target: 'Bob · round 2', value: 3 },
    { source: 'Ann · round 1', target: 'Exhausted · round 2', value: 1 },
    { source: 'Exhausted · round 1', target: 'Exhausted · round 2', value: 2 },
  ]);
});

test('candidates excluded together pass their votes through one shared node', () => {
  const rounds = [
    round(1, { Ann: '6', Bob: '2', Cat: '1' }, '0', { excluded: ['Bob', 'Cat'], transfer: { kind: 'exclusion', from: ['Bob', 'Cat'], to: { Ann: '2' }, exhausted: '1' } }),
    round(2, { Ann: '8' }, '1'),
  ];
  assert.deepEqual(flows(rounds), [
    { source: 'Bob · round 1', target: 'Bob + Cat · round 1', value: 2 },
    { source: 'Cat · round 1', target: 'Bob + Cat · round 1', value: 1 },
    { source: 'Ann · round 1', target: 'Ann · round 2', value: 6 },
    { source: 'Bob + Cat · round 1', target: 'Ann · round 2', value: 2 },
    { source: 'Bob + Cat · round 1', target: 'Exhausted · round 2', value: 1 },
  ]);
});

test('a round\'s bar chart is an SVG image whose text alternative gives the exact figures', async () => {
  const svg = await roundBarChart(round(3, { Ann: '1234.50000', Bob: '99.25000' }, '0', { threshold: '1117.00001' }), 'Ward 1');
  assert.match(svg, /^<svg role="img" aria-label="Ward 1, round 3: Ann 1234\.50000, Bob 99\.25000; threshold 1117\.00001"/);
  assert.match(svg, />Ann</);
});
