// ERS97 STV worked by hand (rule numbers from Newland & Britton, 3rd edition, 1997). The arithmetic of each
// example is written out in the comments; the tests check the count reproduces it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ballot, Contest } from '../../../src/count/ballots.ts';
import { count } from '../../../src/count/index.ts';
import type { CountResult } from '../../../src/count/types.ts';
import { counted, handContest, roundOf } from '../hand-worked.ts';

function ers97(candidates: string[], seats: number, ballots: Ballot[]): CountResult {
  return counted(handContest(candidates, seats, ballots), { method: 'stv', rules: 'ers97' });
}

function tally(r: CountResult, n: number): Record<string, string> {
  return Object.fromEntries([...roundOf(r, n).tally].map(([c, v]) => [r.candidates[c] ?? '?', v.toFixed(2)]));
}

test('ERS97: surplus at a truncated value, a deferred surplus, a batch exclusion in two sub-stages', () => {
  // 12 × A B, 4 × A D C, 8 × B, 9 × C, 7 × F, 2 × D F, 1 × E D; 3 seats. 43 valid votes.
  // 5.1.6 quota: 43 / 4 = 10.75 exactly.
  // Stage 1 (round 1): A 16, B 8, C 9, D 2, E 1, F 7. A ≥ 10.75: elected, surplus 5.25.
  //   5.2.2: lowest E 1, D 2, F 7, B 8, C 9: E + 5.25 > D, E + D + 5.25 = 8.25 > F, E + D + F + 5.25 > B:
  //   the surplus could change the exclusion, so it is transferred.
  //   5.3.1/5.3.7: all 16 papers, all transferable, worth 16 > 5.25: value 5.25 / 16 = 0.328125 -> 0.32.
  //   B gets 12 × 0.32 = 3.84, D gets 4 × 0.32 = 1.28; 5.25 − 5.12 = 0.13 is the non-transferable difference.
  // Round 2: A 10.75, B 11.84, C 9, D 3.28, E 1, F 7. B ≥ 10.75: elected, surplus 1.09.
  //   5.2.2 (a): E 1 + 1.09 = 2.09 does not exceed D 3.28: B's surplus is deferred.
  //   5.2.5: E + D + 1.09 = 5.37 ≤ F 7, but E + D + F + 1.09 = 12.37 > C 9: exclude E and D together.
  //   5.4.1: their papers in batches by value: 1.00 (E's 1 paper, D's 2 papers) then 0.32 (D's 4 papers).
  //   Sub-stage 1: E D -> D is excluded, no further preference: 1.00 non-transferable; D F -> F + 2.00.
  // Round 3: C 9, F 9, D still holds 1.28 awaiting transfer. No quota; total active vote
  //   9 + 9 + 1.09 (B's surplus) + 1.28 = 20.37, over 2 = 10.185: no one. Sub-stage 2: A D C -> C + 1.28.
  // Round 4: C 10.28, F 9. Not a quota, but 5.4.9 (b): total active vote 10.28 + 9 + 1.09 = 20.37,
  //   over (1 place + 1) = 10.185 ≤ 10.28: C is deemed elected. All places filled: F excluded (5.5.2).
  //   Check: 10.75 + 11.84 + 10.28 + 9 + 1.00 non-transferable + 0.13 difference = 43.
  const r = ers97(['A', 'B', 'C', 'D', 'E', 'F'], 3, [
    { ranking: [0, 1], weight: 12n },
    { ranking: [0, 3, 2], weight: 4n },
    { ranking: [1], weight: 8n },
    { ranking: [2], weight: 9n },
    { ranking: [5], weight: 7n },
    { ranking: [3, 5], weight: 2n },
    { ranking: [4, 3], weight: 1n },
  ]);
  assert.equal(r.quota?.toFixed(2), '10.75');
  assert.deepEqual(r.rounds.length, 4);

  assert.deepEqual(tally(r, 1), { A: '16.00', B: '8.00', C: '9.00', D: '2.00', E: '1.00', F: '7.00' });
  assert.deepEqual(roundOf(r, 1).elected, [0]);
  assert.equal(roundOf(r, 1).transfer?.kind, 'surplus');
  assert.equal(roundOf(r, 1).transfer?.value?.toFixed(2), '0.32');

  assert.deepEqual(tally(r, 2), { A: '10.75', B: '11.84', C: '9.00', D: '3.28', E: '1.00', F: '7.00' });
  assert.equal(roundOf(r, 2).loss.toFixed(2), '0.13');
  assert.deepEqual(roundOf(r, 2).elected, [1]);
  assert.deepEqual([...roundOf(r, 2).excluded].sort(), [3, 4]);
  assert.ok(roundOf(r, 2).notes?.some((n) => n.startsWith('surpluses deferred (5.2.2): B 1.09')));
  assert.equal(roundOf(r, 2).transfer?.value?.toFixed(2), '1.00');

  assert.deepEqual(tally(r, 3), { A: '10.75', B: '11.84', C: '9.00', D: '1.28', F: '9.00' });
  assert.equal(roundOf(r, 3).exhausted.toFixed(2), '1.00');
  assert.deepEqual(roundOf(r, 3).elected, []);
  assert.equal(roundOf(r, 3).transfer?.value?.toFixed(2), '0.32');

  assert.deepEqual(tally(r, 4), { A: '10.75', B: '11.84', C: '10.28', F: '9.00' });
  assert.deepEqual(roundOf(r, 4).elected, [2]);
  assert.deepEqual(roundOf(r, 4).excluded, [5]);
  assert.deepEqual(r.winners, [0, 1, 2]);
});

test('ERS97 5.4.8: votes going non-transferable before anyone is elected lower the quota', () => {
  // 3 × A, 3 × B, 2 × C, 1 × D, 1 × E D; 2 seats; 10 valid votes.
  // Quota 10 / 3 = 3.333… -> 3.34 (5.1.6: ignore the remainder and add 0.01). No one reaches it, nor the
  //   total active vote over 3 (3.33…). 5.2.5: E 1 ≤ D 1, E + D = 2 ≤ C 2, E + D + C = 4 > A 3:
  //   exclude E and D together. Their papers have no further continuing preference: 2.00 non-transferable.
  // 5.4.8: quota (10 − 2) / 3 = 2.666… -> 2.67. Round 2: A 3 and B 3 reach it and fill both places.
  const r = ers97(['A', 'B', 'C', 'D', 'E'], 2, [
    { ranking: [0], weight: 3n },
    { ranking: [1], weight: 3n },
    { ranking: [2], weight: 2n },
    { ranking: [3], weight: 1n },
    { ranking: [4, 3], weight: 1n },
  ]);
  assert.equal(roundOf(r, 1).threshold.toFixed(2), '3.34');
  assert.deepEqual([...roundOf(r, 1).excluded].sort(), [3, 4]);
  assert.equal(roundOf(r, 2).threshold.toFixed(2), '2.67');
  assert.equal(roundOf(r, 2).exhausted.toFixed(2), '2.00');
  assert.deepEqual(roundOf(r, 2).elected, [0, 1]);
  assert.deepEqual(roundOf(r, 2).excluded, [2]);
  assert.deepEqual(r.winners, [0, 1]);
});

test('ERS97 5.6.2: a tie for the last place that no earlier stage separates elects no one at that stage', () => {
  // 4 × A, 3 × B, 3 × C; 2 seats; quota 10 / 3 -> 3.34. Stage 1: A 4 elected, surplus 0.66 (A's papers
  //   have no further preference). B and C (3 each) stay below the quota and the total active vote over 2
  //   is (3 + 3 + 0.66) / 2 = 3.33. 5.2.2: 0.66 exceeds the difference 0 between B and C, so the surplus
  //   is transferred: nothing is transferable, 0.66 becomes non-transferable.
  // Round 2: total active vote 6, over 2 = 3: B and C both reach it, but only one place is left and they
  //   were equal at every stage: neither is deemed elected (5.6.2). 5.2.5 then excludes one of them, the
  //   tie broken by lot, and the other fills the last place (5.5.1).
  const r = ers97(['A', 'B', 'C'], 2, [
    { ranking: [0], weight: 4n },
    { ranking: [1], weight: 3n },
    { ranking: [2], weight: 3n },
  ]);
  assert.deepEqual(roundOf(r, 1).elected, [0]);
  assert.equal(roundOf(r, 2).exhausted.toFixed(2), '0.66');
  assert.deepEqual(roundOf(r, 2).excluded.length, 1);
  assert.equal(roundOf(r, 2).tieBreaks?.[0]?.how, 'lot');
  assert.equal(r.winners.length, 2);
  assert.equal(r.winners[0], 0);
});

test('ERS97 5.6.2: of three equal candidates for two places, the one lower at an earlier stage is left out', () => {
  // 5 × X, 5 × Y, 3 × Z, 2 × W Z, 3 × V; 2 seats; 18 valid votes, quota 18 / 3 = 6.00.
  // Round 1: X 5, Y 5, Z 3, V 3, W 2: no quota, total active vote 18 / 3 = 6: no one. 5.2.5: W 2 ≤ 3,
  //   W + Z = 5 > 3: exclude W alone; W Z -> Z 5.
  // Round 2: X 5, Y 5, Z 5, V 3: still no one (18 / 3 = 6). Exclude V: 3 papers non-transferable.
  // Round 3: 5.4.8 quota (18 − 3) / 3 = 5.00: X, Y and Z all reach it, for two places. 5.6.2: at the
  //   first stage X 5, Y 5, Z 3: Z is set aside; X and Y were never unequal, and both are elected.
  const r = ers97(['X', 'Y', 'Z', 'W', 'V'], 2, [
    { ranking: [0], weight: 5n },
    { ranking: [1], weight: 5n },
    { ranking: [2], weight: 3n },
    { ranking: [3, 2], weight: 2n },
    { ranking: [4], weight: 3n },
  ]);
  assert.deepEqual(roundOf(r, 1).excluded, [3]);
  assert.deepEqual(roundOf(r, 2).excluded, [4]);
  assert.equal(roundOf(r, 3).threshold.toFixed(2), '5.00');
  assert.deepEqual([...roundOf(r, 3).elected].sort(), [0, 1]);
  assert.deepEqual(roundOf(r, 3).tieBreaks?.map((t) => [t.how, t.chosen]), [['forwards', 2]]);
  assert.deepEqual(roundOf(r, 3).excluded, [2]);
});

test('ERS97 refuses equal rankings', () => {
  const contest: Contest = {
    title: 'equal',
    candidates: ['A', 'B'],
    withdrawn: [],
    seats: 1,
    ballots: [{ ranking: [0, 1], weight: 1n, tiedWithPrevious: [1] }],
  };
  assert.equal(count(contest, { method: 'stv', rules: 'ers97' }).ok, false);
});
