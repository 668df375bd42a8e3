// java.util.Random reproduced bit for bit. Expected values are the JDK's own (OpenJDK 21, `java R.java`
// printing new Random(seed).nextDouble() etc.), an implementation independent of ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JavaRandom, javaShuffle } from '../../../src/count/rctab/random.ts';

const TWO_53 = 2n ** 53n;

/** Whether k / 2^53 is within one unit of the last digit of `printed` × 10^-digits. */
function near(k: bigint, printed: bigint, digits: number): boolean {
  const gap = k * 10n ** BigInt(digits) - printed * TWO_53;
  return (gap < 0n ? -gap : gap) <= TWO_53;
}

test('nextDouble matches the JDK: seed 12345 gives 0.3618031071604718 then 0.932993485288541', () => {
  const r = new JavaRandom(12345n);
  // nextDouble() = k / 2^53; the JDK prints the shortest decimal that round-trips, so k / 2^53 lies
  // within one unit of its last digit.
  const first = r.nextDoubleUnits();
  const second = r.nextDoubleUnits();
  assert.ok(near(first, 3618031071604718n, 16));
  assert.ok(near(second, 932993485288541n, 15));
  assert.ok(!near(second, 932993485288551n, 15));
});

test('nextInt(bound) matches the JDK after two doubles from seed 12345: 5, 4, then 342334 for 2^20', () => {
  const r = new JavaRandom(12345n);
  r.nextDoubleUnits();
  r.nextDoubleUnits();
  assert.equal(r.nextInt(10), 5);
  assert.equal(r.nextInt(7), 4);
  assert.equal(r.nextInt(1 << 20), 342334);
});

test('the most negative seed RCTab allows still works: -2^47 gives 0.23096777992607642', () => {
  const k = new JavaRandom(-140737488355328n).nextDoubleUnits();
  assert.ok(near(k, 23096777992607642n, 17));
});

test('nextIndex is floor(nextDouble() × n): seed 0 over three candidates gives 2, 0, 1 (the JDK\'s)', () => {
  const r = new JavaRandom(0n);
  assert.deepEqual([r.nextIndex(3), r.nextIndex(3), r.nextIndex(3)], [2, 0, 1]);
});

test('Collections.shuffle with seed 7 puts A..E in the order E, D, A, C, B (the JDK\'s)', () => {
  assert.deepEqual(javaShuffle(['A', 'B', 'C', 'D', 'E'], new JavaRandom(7n)), ['E', 'D', 'A', 'C', 'B']);
});
