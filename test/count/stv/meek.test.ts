// Meek STV worked by hand: the arithmetic of each example is written out in the comments, and the tests
// check the count reproduces it figure for figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from '../../../src/count/arithmetic.ts';
import type { Contest } from '../../../src/count/ballots.ts';
import { count } from '../../../src/count/index.ts';
import type { CountResult, Round } from '../../../src/count/types.ts';
import { guardedFixed } from '../../../src/count/stv/meek-arithmetic.ts';
import { countMeek, MEEK_RATIONAL } from '../../../src/count/stv/meek.ts';
import { counted, handContest, roundOf, ruleOptions } from '../hand-worked.ts';

function meek(c: Contest, rules: string): CountResult {
  // The exact variant is not a registered rule (it may not finish on large counts): call it directly.
  if (rules === 'meek-rational') return countMeek(c, ruleOptions(c), MEEK_RATIONAL);
  return counted(c, { method: 'stv', rules });
}

function tally(rd: Round, names: readonly string[]): Record<string, string> {
  return Object.fromEntries([...rd.tally].map(([c, v]) => [names[c] ?? '?', v.toString()]));
}

const q = (n: bigint | number, d: bigint | number = 1n): string => Rational.of(n, d).toString();

test('meek-rational: a surplus passed on by keep factor elects a second candidate', () => {
  // 5 × A B, 2 × B, 3 × C; 2 seats. 10 votes, quota 10/3; elected when votes exceed the quota.
  // Round 1: A 5 > 10/3: elected. B 2, C 3.
  // Round 2: first pass as before, surplus 5 − 10/3 = 5/3. No sure losers: B (2) and C (3) are within
  //   the surplus of each other. kf(A) = 1 × (10/3) / 5 = 2/3.
  //   Second pass: A keeps 5 × 2/3 = 10/3, passes 5 × 1/3 = 5/3 to B: B = 2 + 5/3 = 11/3 > 10/3: elected.
  //   Both seats are filled, so C is defeated.
  const names = ['A', 'B', 'C'];
  const r = meek(
    handContest(names, 2, [
      { ranking: [0, 1], weight: 5n },
      { ranking: [1], weight: 2n },
      { ranking: [2], weight: 3n },
    ]),
    'meek-rational',
  );
  assert.deepEqual(r.winners, [0, 1]);
  assert.equal(r.rounds.length, 2);
  assert.deepEqual(tally(roundOf(r, 1), names), { A: '5', B: '2', C: '3' });
  assert.deepEqual(roundOf(r, 1).elected, [0]);
  assert.equal(roundOf(r, 1).threshold.toString(), q(10, 3));
  assert.deepEqual(tally(roundOf(r, 2), names), { A: q(10, 3), B: q(11, 3), C: '3' });
  assert.deepEqual(roundOf(r, 2).elected, [1]);
  assert.deepEqual(roundOf(r, 2).excluded, [2]);
  assert.ok(roundOf(r, 2).notes?.includes('keep factor of A: 0.666666666666'));
});

test('meek-rational: votes exhausted lower the quota; sure losers go in a batch; a tie within the surplus', () => {
  // 6 × A, 3 × B, 2 × C B, 1 × D C; 2 seats; 12 votes, quota 4.
  // Round 1: A 6 > 4: elected.
  // Round 2: pass 1: surplus 2. Hopefuls D 1, C 2, B 3: D and C are within 2 of 0, B is not, and
  //   D + C + surplus = 5 is not below B's 3: no sure losers. kf(A) = 4/6 = 2/3.
  //   Pass 2: A keeps 6 × 2/3 = 4, the other 2 are exhausted (A's ballots rank no one else).
  //   Votes 4 + 3 + 2 + 1 = 10, quota 10/3, surplus 4 − 10/3 = 2/3. Groups: D (1 + 2/3 < 2), C, B.
  //   D + 2/3 < C's 2, so D is a sure loser; D + C + 2/3 = 11/3 is not below 3: the batch is D alone.
  // Round 3: D's ballot goes to C: B 3, C 3, A 4 (kf 2/3). Each pass now shrinks the surplus threefold:
  //   with A at a, the quota is (a + 6)/3 and the surplus a − (a + 6)/3 = (2a − 6)/3; kf ← kf × q / a
  //   makes the next a equal to this q, so the surplus goes 2/3, 2/9, …, 2/3^j with a = 3 + 1/3^(j−1).
  //   It first reaches omega = 10^-10 at j = 22 (2/3^22 ≈ 6.3e-11, 2/3^21 ≈ 1.9e-10):
  //   A = 3 + 1/3^21, quota 3 + 1/3^22, exhausted 6 − A = 3 − 1/3^21.
  //   B and C (3 each) are tied; backwards: at round 2 C had 2, B 3, so C is defeated and B fills the seat.
  const names = ['A', 'B', 'C', 'D'];
  const r = meek(
    handContest(names, 2, [
      { ranking: [0], weight: 6n },
      { ranking: [1], weight: 3n },
      { ranking: [2, 1], weight: 2n },
      { ranking: [3, 2], weight: 1n },
    ]),
    'meek-rational',
  );
  assert.deepEqual(r.winners, [0, 1]);
  assert.equal(r.rounds.length, 3);
  assert.deepEqual(tally(roundOf(r, 2), names), { A: '4', B: '3', C: '2', D: '1' });
  assert.equal(roundOf(r, 2).threshold.toString(), q(10, 3));
  assert.equal(roundOf(r, 2).exhausted.toString(), '2');
  assert.deepEqual(roundOf(r, 2).excluded, [3]);
  const third = 3n ** 21n;
  assert.deepEqual(tally(roundOf(r, 3), names), { A: q(3n * third + 1n, third), B: '3', C: '3' });
  assert.equal(roundOf(r, 3).threshold.toString(), q(9n * third + 1n, 3n * third));
  assert.equal(roundOf(r, 3).exhausted.toString(), q(3n * third - 1n, third));
  assert.deepEqual(roundOf(r, 3).excluded, [2]);
  assert.deepEqual(roundOf(r, 3).elected, [1]);
  assert.equal(roundOf(r, 3).tieBreaks?.[0]?.how, 'backwards');
});

test('meek (PR Foundation reference): keep values round up at 9 places', () => {
  // Droop's 42.blt: 4 × Castor Pollux, 2 × Helen; 2 seats.
  // B.2.b quota: 6/3 = 2, truncated, + 0.000000001 = 2.000000001. Round 1: Castor 4 ≥ quota: elected.
  // Round 2, pass 1: surplus 4 − 2.000000001 = 1.999999999 ≥ omega (0.000001).
  //   B.2.f: kf = (1 × 2.000000001, rounded up) / 4 = 0.50000000025, rounded up to 0.500000001.
  //   Pass 2 (B.2.a): each ballot gives Castor 1 × 0.500000001 = 0.500000001 and Pollux the remaining
  //   0.499999999: Castor 2.000000004, Pollux 1.999999996, Helen 2. Quota still 2.000000001.
  //   Surplus 0.000000003 < omega: defeat the lowest, Pollux. Helen is not within the surplus of him
  //   (1.999999996 + 0.000000003 < 2), so there is no tie. Helen fills the last seat.
  const names = ['Castor', 'Pollux', 'Helen'];
  const r = meek(
    handContest(names, 2, [
      { ranking: [0, 1], weight: 4n },
      { ranking: [2], weight: 2n },
    ]),
    'meek',
  );
  assert.deepEqual(r.winners, [0, 2]);
  assert.equal(roundOf(r, 1).threshold.toFixed(9), '2.000000001');
  const second = roundOf(r, 2);
  assert.deepEqual(
    Object.fromEntries([...second.tally].map(([c, v]) => [names[c], v.toFixed(9)])),
    { Castor: '2.000000004', Pollux: '1.999999996', Helen: '2.000000000' },
  );
  assert.deepEqual(second.excluded, [1]);
  assert.deepEqual(second.elected, [2]);
  assert.equal(second.tieBreaks, undefined);
  assert.ok(second.notes?.includes('keep factor of Castor: 0.500000001'));
});

test('equal rankings share the weight: allowed by the generic rule, refused by the PRF rule', () => {
  // 3 × A, 2 × B=C, 2 × C; 1 seat; 7 votes, quota 7/2.
  // Round 1: the B=C ballots give 1/2 to each: A 3, B 1, C 2 + 1 = 3. No one exceeds 7/2 and there is
  //   no surplus: B, lowest, is defeated.
  // Round 2: the B=C ballots now go wholly to C: C = 4 > 7/2: elected.
  const names = ['A', 'B', 'C'];
  const c = handContest(names, 1, [
    { ranking: [0], weight: 3n },
    { ranking: [1, 2], weight: 2n, tiedWithPrevious: [1] },
    { ranking: [2], weight: 2n },
  ]);
  const r = meek(c, 'meek-rational');
  assert.deepEqual(tally(roundOf(r, 1), names), { A: '3', B: '1', C: '3' });
  const guarded = meek(c, 'meek-guarded');
  assert.deepEqual(guarded.winners, [2]);
  assert.deepEqual(tally(roundOf(guarded, 2), names), { A: '3', C: '4' });
  assert.deepEqual(roundOf(r, 1).excluded, [1]);
  assert.deepEqual(tally(roundOf(r, 2), names), { A: '3', C: '4' });
  assert.deepEqual(r.winners, [2]);
  const refused = count(c, { method: 'stv', rules: 'meek' });
  assert.equal(refused.ok, false);
});

test('guarded arithmetic: values within half a unit of the 18th place are equal', () => {
  const g = guardedFixed();
  // 27 digits are kept; 10^9 units make one unit of the 18th place, so the guard is 5 × 10^8 units.
  const one = g.one;
  assert.equal(g.cmp(one, one + 499_999_999n), 0);
  assert.equal(g.cmp(one, one + 500_000_000n), -1);
  // 1/3 of a vote, split at keep factor 1/2: keep and rest are both truncated (0.1666…6 each).
  const third = g.share(one, 3n);
  const { keep, rest } = g.split(third, g.share(one, 2n));
  assert.equal(keep, 166_666_666_666_666_666_666_666_666n);
  assert.equal(rest, 166_666_666_666_666_666_666_666_666n);
});
