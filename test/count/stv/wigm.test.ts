// Generic WIGM (Droop's "wigm"), checked on counts worked out by hand below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from '../../../src/count/arithmetic.ts';
import type { Contest } from '../../../src/count/ballots.ts';
import { count } from '../../../src/count/index.ts';
import { countWigm, DEFAULT_WIGM, type WigmOptions } from '../../../src/count/stv/wigm.ts';
import type { CountResult } from '../../../src/count/types.ts';
import { names, paperContest, ruleOptions } from '../hand-worked.ts';

function wigm(c: Contest, options: Partial<WigmOptions> = {}): CountResult {
  return countWigm(c, ruleOptions(c), { ...DEFAULT_WIGM, ...options });
}

/** Each round's tally by name, as exact rationals ("13/3"). */
function tallies(r: CountResult): Record<string, string>[] {
  return r.rounds.map((round) => Object.fromEntries([...round.tally].map(([c, v]) => [r.candidates[c] ?? '?', v.toString()])));
}


// 14 papers, 2 seats.
const PAPERS: [number, ...string[]][] = [
  [7, 'A', 'B', 'C'],
  [2, 'B'],
  [3, 'C'],
  [2, 'D'],
];

test('exact arithmetic: quota 14/3, surplus transferred at exactly 1/3, nothing lost', () => {
  const r = wigm(paperContest(['A', 'B', 'C', 'D'], 2, PAPERS));
  assert.equal(r.quota?.toString(), '14/3'); // 14 / (2 + 1)
  // Stage 1: A 7 exceeds 14/3; surplus 7 - 14/3 = 7/3; each of A's 7 papers goes on at 1 x (7/3) / 7 = 1/3,
  // so B gets 7/3: 2 + 7/3 = 13/3.
  // Stage 2: B 13/3 < 14/3. D (2) is excluded; its papers rank nobody else: 2 non-transferable.
  // Stage 3: B 13/3, C 3 for one vacancy: C is excluded (3 non-transferable).
  // Stage 4: B alone continues and takes the last seat. 14/3 + 13/3 + 2 + 3 = 14, no loss.
  assert.deepEqual(tallies(r), [
    { A: '7', B: '2', C: '3', D: '2' },
    { A: '14/3', B: '13/3', C: '3', D: '2' },
    { A: '14/3', B: '13/3', C: '3' },
    { A: '14/3', B: '13/3' },
  ]);
  assert.equal(r.rounds[0]?.transfer?.value?.toString(), '1/3');
  assert.deepEqual(r.rounds.map((round) => names(r, round.excluded)), [[], ['D'], ['C'], []]);
  assert.equal(r.rounds[3]?.exhausted.toString(), '5');
  assert.ok(r.rounds.every((round) => round.loss.isZero()));
  assert.deepEqual(names(r, r.winners), ['A', 'B']);
});

test('exact arithmetic: reaching the quota is not enough, it must be exceeded', () => {
  // 6 papers, 2 seats: quota 6/3 = 2. B has exactly 2 and is not elected on the quota.
  const r = wigm(paperContest(['A', 'B', 'C'], 2, [[3, 'A'], [2, 'B'], [1, 'C']]));
  assert.deepEqual(names(r, r.rounds[0]?.elected), ['A']);
  // A's surplus 1 goes nowhere (A only). Stage 2: B 2, C 1: C is excluded, then B fills the last seat.
  assert.deepEqual(names(r, r.rounds[1]?.excluded), ['C']);
  assert.deepEqual(names(r, r.rounds[2]?.elected), ['B']);
});

test('fixed point (2 places): quota truncated plus one unit, transfer values truncated', () => {
  const r = wigm(paperContest(['A', 'B', 'C', 'D'], 2, PAPERS), { arithmetic: { fixedPlaces: 2 } });
  // quota = 14 / 3 = 4.666... -> 4.66, + 0.01 = 4.67.
  assert.equal(r.quota?.toDecimal(), '4.67');
  // A's surplus 7 - 4.67 = 2.33; transfer value 2.33 / 7 = 0.33285... -> 0.33; B gets 7 x 0.33 = 2.31.
  // Lost to truncation: 2.33 - 2.31 = 0.02.
  assert.equal(r.rounds[0]?.transfer?.value?.toDecimal(), '0.33');
  assert.deepEqual(
    [...(r.rounds[1]?.tally ?? [])].map(([c, v]) => [r.candidates[c], v.toDecimal()]),
    [['A', '4.67'], ['B', '4.31'], ['C', '3'], ['D', '2']],
  );
  assert.equal(r.rounds[1]?.loss.toDecimal(), '0.02');
  assert.equal(r.places, 2);
});

test('integer quota: floor(14 / 3) + 1 = 5', () => {
  const r = wigm(paperContest(['A', 'B', 'C', 'D'], 2, PAPERS), { integerQuota: true });
  assert.equal(r.quota?.toString(), '5');
  // Surplus 7 - 5 = 2 at 2/7 a paper: B gets 7 x 2/7 = 2, so B has 4.
  assert.equal(r.rounds[1]?.tally.get(1)?.toString(), '4');
});

test('zero batch: every candidate without a vote is excluded together', () => {
  // 8 papers, 2 seats: quota 8/3. A (4) is elected; A's surplus goes nowhere.
  // Stage 2: A 8/3, B 2, C 2, D 0, E 0: the lowest have no votes, so D and E go together (one each without).
  const papers: [number, ...string[]][] = [[4, 'A'], [2, 'B', 'C'], [2, 'C', 'B']];
  const c = paperContest(['A', 'B', 'C', 'D', 'E'], 2, papers);
  const batch = wigm(c, { excludeZeroBatch: true });
  assert.deepEqual(names(batch, batch.rounds[1]?.excluded), ['D', 'E']);
  assert.equal(batch.rounds[1]?.transfer?.kind, 'exclusion');
  const single = wigm(c);
  assert.deepEqual([single.rounds[1]?.excluded.length, single.rounds[2]?.excluded.length], [1, 1]);
  assert.deepEqual(names(single, [...(single.rounds[1]?.excluded ?? []), ...(single.rounds[2]?.excluded ?? [])]).sort(), ['D', 'E']);
});

test('registered as "wigm": exact, and the same as countWigm with its defaults', () => {
  const c = paperContest(['A', 'B', 'C', 'D'], 2, PAPERS);
  const r = count(c, { method: 'stv', rules: 'wigm' });
  assert.ok(r.ok);
  assert.equal(r.value.rules, 'wigm');
  assert.ok(r.value.quota?.eq(Rational.of(14, 3)));
  assert.deepEqual(names(r.value, r.value.winners), ['A', 'B']);
});
