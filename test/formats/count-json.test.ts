import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countJson } from '../../src/formats/count-json.ts';
import { HAND_RESULT } from '../cli/hand-result.ts';

test('the contract keys, names for candidates, decimals at the rule places', () => {
  const out = countJson(HAND_RESULT);
  assert.equal(out.method, 'stv');
  assert.equal(out.rules, 'hand');
  assert.equal(out.seats, 2);
  assert.deepEqual(out.winners, ['Ann', 'Ben']);
  assert.equal(out.quota, '11.00000');
  assert.equal(out.validVotes, '30.00000');
  assert.deepEqual(out.rounds[0], {
    round: 1,
    tally: { Ann: '16.00000', Ben: '6.00000', Cat: '5.00000', Dan: '3.00000' },
    exhausted: '0.00000',
    threshold: '11.00000',
    elected: ['Ann'],
    excluded: [],
    loss: '0.00000',
    // 5/16 = 0.3125 exactly.
    transfer: { kind: 'surplus', from: ['Ann'], to: { Ben: '2.81250', Cat: '1.87500' }, exhausted: '0.31250', value: '0.31250' },
  });
});

test('tally keys follow the candidate order, whatever order the rule filled them in', () => {
  assert.deepEqual(Object.keys(countJson(HAND_RESULT).rounds[0]?.tally ?? {}), ['Ann', 'Ben', 'Cat', 'Dan']);
});

test('tie-breaks and notes are carried; a third of a vote is truncated, not rounded', () => {
  const [, second, third] = countJson(HAND_RESULT).rounds;
  assert.deepEqual(second?.tieBreaks, [{ tied: ['Ben', 'Cat'], chosen: 'Cat', how: 'backwards', round: 1 }]);
  assert.deepEqual(second?.excluded, ['Dan']);
  assert.equal(third?.loss, '0.33333');
  assert.deepEqual(third?.notes, ['two seats filled']);
  assert.equal(third?.transfer, undefined);
});

test('every figure is a string: no JSON number a reader could turn into a float', () => {
  const text = JSON.stringify(countJson(HAND_RESULT));
  const numbers = [...text.matchAll(/"(\w+)":(-?\d[\d.]*)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(numbers)].sort(), ['places', 'round', 'seats']);
});
