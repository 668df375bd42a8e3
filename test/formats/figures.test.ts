import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rational } from '../../src/count/arithmetic.ts';
import { share, votes, whole } from '../../src/formats/figures.ts';

test('votes: thousands separated, places kept, truncated', () => {
  assert.equal(votes(Rational.of(12345675, 10), 2), '1,234,567.50');
  assert.equal(votes(Rational.of(999), 0), '999');
  assert.equal(votes(Rational.of(1000), 0), '1,000');
  assert.equal(votes(Rational.of(-2000, 3), 5), '-666.66666');
});

test('share: percent of the total to 2 places, rounded to the nearest with a half up', () => {
  assert.equal(share(Rational.of(2), Rational.of(3)), '66.67%'); // 66.666…
  assert.equal(share(Rational.of(1), Rational.of(8)), '12.50%'); // exactly 12.5
  // 17 and 16 of 33: 51.5151…% and 48.4848…%, which truncated printed 51.51% + 48.48% = 99.99%.
  assert.equal(share(Rational.of(17), Rational.of(33)), '51.52%');
  assert.equal(share(Rational.of(16), Rational.of(33)), '48.48%');
  // 1 of 20,000 is 0.005% exactly, a half: up to 0.01%. 1 of 20,001 is 0.0049997…%: down to 0.00%.
  assert.equal(share(Rational.of(1), Rational.of(20000)), '0.01%');
  assert.equal(share(Rational.of(1), Rational.of(20001)), '0.00%');
  // Fractional votes: 12.34567 of 37 is 33.3666756…%.
  assert.equal(share(Rational.of(1234567, 100000), Rational.of(37)), '33.37%');
  assert.equal(share(Rational.of(0), Rational.of(0)), '');
});

test('whole numbers of ballots read with thousands separated, from a bigint or a number alike', () => {
  assert.equal(whole(1234567n), '1,234,567');
  assert.equal(whole(999), '999');
  assert.equal(whole(0), '0');
});
