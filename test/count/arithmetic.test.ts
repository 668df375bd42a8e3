import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FixedPoint, Rational, formatUnits, sumRationals } from '../../src/count/arithmetic.ts';

test('Rational keeps lowest terms with a positive denominator', () => {
  const r = Rational.of(6, -4); // 6/-4 = -3/2
  assert.equal(r.num, -3n);
  assert.equal(r.den, 2n);
  assert.throws(() => Rational.of(1, 0), RangeError);
});

test('Rational arithmetic is exact: 1/3 + 1/6 = 1/2, (1/2)/(1/4) = 2', () => {
  const half = Rational.of(1, 3).add(Rational.of(1, 6));
  assert.ok(half.eq(Rational.of(1, 2)));
  assert.ok(half.div(Rational.of(1, 4)).eq(Rational.of(2)));
  assert.ok(Rational.of(2, 3).mul(Rational.of(3, 4)).eq(Rational.of(1, 2)));
  assert.ok(Rational.of(1, 10).sub(Rational.of(1, 5)).eq(Rational.of(-1, 10)));
});

test('Rational.parse reads integers, decimals and fractions, and refuses anything else', () => {
  assert.ok(Rational.parse('12')?.eq(Rational.of(12)));
  assert.ok(Rational.parse('-3.25')?.eq(Rational.of(-13, 4)));
  assert.ok(Rational.parse('1/3')?.eq(Rational.of(1, 3)));
  for (const bad of ['', 'x', '1.', '.5', '1/0', '1e5', '0x10']) assert.equal(Rational.parse(bad), undefined, bad);
});

test('toFixed truncates toward zero and never rounds up', () => {
  assert.equal(Rational.of(2, 3).toFixed(5), '0.66666'); // 0.666666… shown as held, not rounded to .66667
  assert.equal(Rational.of(7).toFixed(2), '7.00');
  assert.equal(Rational.of(-1, 8).toFixed(2), '-0.12');
  assert.equal(Rational.of(1, 8).toDecimal(), '0.125');
  assert.equal(Rational.of(5).toDecimal(), '5');
});

test('floor rounds toward minus infinity', () => {
  assert.equal(Rational.of(7, 2).floor(), 3n);
  assert.equal(Rational.of(-7, 2).floor(), -4n);
  assert.equal(Rational.of(-4, 2).floor(), -2n);
});

test('formatUnits pads small values', () => {
  assert.equal(formatUnits(5n, 5), '0.00005');
  assert.equal(formatUnits(123456n, 5), '1.23456');
  assert.equal(formatUnits(-5n, 2), '-0.05');
  assert.equal(formatUnits(42n, 0), '42');
});

test('FixedPoint truncates products and quotients at its places (Scottish rule 48: 5 places, rounded down)', () => {
  const fp = new FixedPoint(5);
  // Transfer value of a surplus of 345 from 1345 votes: 345/1345 = 0.256505576… -> 0.25650
  assert.equal(fp.format(fp.div(fp.fromInt(345), fp.fromInt(1345))), '0.25650');
  // 0.25650 × 1.00000 = 0.25650; 0.33333 × 3 = 0.99999 (not 1)
  assert.equal(fp.format(fp.mul(fp.div(fp.fromInt(1), fp.fromInt(3)), fp.fromInt(3))), '0.99999');
  assert.ok(fp.toRational(fp.fromInt(2)).eq(Rational.of(2)));
});

test('property: Rational addition is commutative, associative and sums match pairwise adds', () => {
  const rat = fc.tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: 1n, max: 1000n })).map(([n, d]) => Rational.of(n, d));
  fc.assert(
    fc.property(rat, rat, rat, (a, b, c) => {
      assert.ok(a.add(b).eq(b.add(a)));
      assert.ok(a.add(b).add(c).eq(a.add(b.add(c))));
      assert.ok(sumRationals([a, b, c]).eq(a.add(b).add(c)));
      assert.ok(a.sub(a).isZero());
    }),
  );
});

test('property: FixedPoint truncated division is within one unit below the exact quotient', () => {
  const fp = new FixedPoint(5);
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (a, b) => {
      const q = fp.toRational(fp.div(a, b));
      const exact = Rational.of(a, b);
      assert.ok(!q.gt(exact));
      assert.ok(exact.sub(q).lt(Rational.of(1, 100000)));
    }),
  );
});
