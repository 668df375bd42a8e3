// BigDecimal-like arithmetic: the scales RCTab's reports show follow java.math.BigDecimal's rules
// (sum: larger scale; product: sum of scales; quotient: the scale asked for). Expected values worked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from '../../../src/count/rctab/decimal.ts';

const d = (text: string): Decimal => {
  const v = Decimal.parse(text);
  if (!v) throw new Error(`bad decimal ${text}`);
  return v;
};

test('addition keeps the larger scale: 9452 + 0.0000 = 9452.0000', () => {
  assert.equal(d('9452').add(d('0.0000')).toString(), '9452.0000');
  assert.equal(d('7').add(d('2.0937')).toString(), '9.0937');
  assert.equal(d('14866').sub(d('15044.0000')).toString(), '-178.0000');
});

test('multiplication adds the scales: 0.3333 × 6 = 1.9998, 0.1 × 0.25 = 0.025', () => {
  assert.equal(d('0.3333').mul(Decimal.int(6)).toString(), '1.9998');
  assert.equal(d('0.1').mul(d('0.25')).toString(), '0.025');
  assert.equal(d('1').mul(d('0.0000')).toString(), '0.0000');
});

test('division at a stated scale: 178 / 15044 = 0.011832… → 0.0118; 2 / 3 = 0.6666 down, 0.6667 half-up', () => {
  assert.equal(d('178.0000').div(d('15044.0000'), 4, 'down').toString(), '0.0118');
  assert.equal(d('2').div(d('3'), 4, 'down').toString(), '0.6666');
  assert.equal(d('2').div(d('3'), 4, 'halfUp').toString(), '0.6667');
  // 29 / 4 = 7.25 exactly: 7.2500 at four places, 7 at none (floor for the integer threshold).
  assert.equal(d('29').div(d('4'), 4, 'down').toString(), '7.2500');
  assert.equal(d('29').div(d('4'), 0, 'down').toString(), '7');
  assert.equal(d('-7').div(d('2'), 0, 'halfUp').toString(), '-4');
});

test('setScale widens exactly and narrows by rounding; stripTrailingZeros drops zeros of the fraction', () => {
  assert.equal(d('0').setScale(4, 'down').toString(), '0.0000');
  assert.equal(d('0.037498').setScale(4, 'down').toString(), '0.0374');
  assert.equal(d('0.037450').setScale(4, 'halfUp').toString(), '0.0375');
  assert.equal(d('0.1500').stripTrailingZeros().toString(), '0.15');
  assert.equal(d('8.0000').stripTrailingZeros().toString(), '8');
});

test('comparison ignores scale; floor rounds toward minus infinity', () => {
  assert.equal(d('8.0000').cmp(d('8')), 0);
  assert.ok(d('7.2501').lt(d('7.3')));
  assert.equal(d('14865.75').floor(), 14865n);
  assert.equal(d('-0.5').floor(), -1n);
  assert.equal(Decimal.parse('1/3'), undefined);
});
