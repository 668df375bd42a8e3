// Scottish STV (SSI 2007/42 schedule 1 rules 44-52), checked on counts worked out by hand below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Rational } from '../../../src/count/arithmetic.ts';
import type { Contest } from '../../../src/count/ballots.ts';
import { count } from '../../../src/count/index.ts';
import { countScottish } from '../../../src/count/stv/scottish.ts';
import type { CountResult, Round, TieBreakOptions } from '../../../src/count/types.ts';
import { names, paperContest, ruleOptions } from '../hand-worked.ts';

function scottish(c: Contest, tieBreak?: TieBreakOptions): CountResult {
  return countScottish(c, ruleOptions(c, tieBreak));
}

/** A round's tally by candidate name, as 5-place decimals; excluded candidates are absent. */
function tally(r: CountResult, round: Round | undefined): Record<string, string> {
  assert.ok(round, 'missing round');
  return Object.fromEntries([...round.tally].map(([c, v]) => [r.candidates[c] ?? '?', v.toFixed(5)]));
}


test('two seats: a truncated surplus, an exclusion, exhausted papers and the last vacancy', () => {
  // 21 valid papers, 2 seats: quota = floor(21 / 3) + 1 = 8 (rule 46).
  const c = paperContest(['A', 'B', 'C', 'D'], 2, [
    [7, 'A', 'B'],
    [3, 'A', 'C'],
    [1, 'A'],
    [4, 'B'],
    [3, 'C', 'B'],
    [3, 'D', 'C'],
  ]);
  const r = scottish(c);
  assert.equal(r.quota?.toString(), '8');
  // Stage 1: A 11, B 4, C 3, D 3. A has the quota and is elected; surplus 11 - 8 = 3.
  assert.deepEqual(tally(r, r.rounds[0]), { A: '11.00000', B: '4.00000', C: '3.00000', D: '3.00000' });
  assert.deepEqual(names(r, r.rounds[0]?.elected), ['A']);
  // Transfer value = 3 x 1 / 11 = 0.272727... truncated to 0.27272 (rule 48(3)).
  //   B: 7 x 0.27272 = 1.90904     C: 3 x 0.27272 = 0.81816
  //   non-transferable: 1 x 0.27272 = 0.27272
  //   lost to truncation: 3 - 1.90904 - 0.81816 - 0.27272 = 0.00008
  const first = r.rounds[0]?.transfer;
  assert.equal(first?.kind, 'surplus');
  assert.equal(first?.value?.toFixed(5), '0.27272');
  assert.equal(first?.exhausted.toFixed(5), '0.27272');
  // Stage 2: A keeps the quota. Nobody else has it and no surplus waits, so D (3, the lowest) is excluded.
  assert.deepEqual(tally(r, r.rounds[1]), { A: '8.00000', B: '5.90904', C: '3.81816', D: '3.00000' });
  assert.equal(r.rounds[1]?.exhausted.toFixed(5), '0.27272');
  assert.equal(r.rounds[1]?.loss.toFixed(5), '0.00008');
  assert.deepEqual(names(r, r.rounds[1]?.excluded), ['D']);
  // Stage 3: D's 3 papers go to C at value 1: C = 3.81816 + 3 = 6.81816. Continuing B and C (2) for one
  // vacancy: B (5.90904) is excluded. B's 4 first-preference papers and the 7 A-B papers (0.27272 each,
  // 1.90904) have no further preference: non-transferable.
  assert.deepEqual(tally(r, r.rounds[2]), { A: '8.00000', B: '5.90904', C: '6.81816' });
  assert.deepEqual(names(r, r.rounds[2]?.excluded), ['B']);
  assert.equal(r.rounds[2]?.transfer?.exhausted.toFixed(5), '5.90904');
  // Stage 4: C alone continues for the one vacancy and is deemed elected below the quota (rule 52).
  // Exhausted so far 0.27272 + 5.90904 = 6.18176; with the loss 0.00008: 8 + 6.81816 + 6.18176 + 0.00008 = 21.
  assert.deepEqual(tally(r, r.rounds[3]), { A: '8.00000', C: '6.81816' });
  assert.equal(r.rounds[3]?.exhausted.toFixed(5), '6.18176');
  assert.deepEqual(names(r, r.rounds[3]?.elected), ['C']);
  assert.match(r.rounds[3]?.notes?.[0] ?? '', /last vacancies/);
  assert.equal(r.rounds[3]?.transfer, undefined);
  assert.deepEqual(names(r, r.winners), ['A', 'C']);
  assert.equal(r.rounds.length, 4);
});

test('a paper transferred twice carries surplus x its value / total, truncated per paper', () => {
  // 3 seats, 40 papers: quota = floor(40 / 4) + 1 = 11.
  const c = paperContest(['A', 'B', 'C', 'D', 'E'], 3, [
    [20, 'A', 'B', 'C'],
    [6, 'B'],
    [5, 'C'],
    [5, 'D'],
    [4, 'E'],
  ]);
  const r = scottish(c);
  // Stage 1: A 20 (elected), surplus 9; transfer value 9 / 20 = 0.45; B gets 20 x 0.45 = 9 -> 15.
  // Stage 2: B 15 (elected), surplus 4. B holds 6 papers at 1 and 20 at 0.45 (total 15):
  //   value-1 papers: 4 x 1 / 15 = 0.266666... -> 0.26666 (6 of them, no next preference: 1.59996 exhausted)
  //   A-B-C papers:   4 x 0.45 / 15 = 0.12 exactly -> C gets 20 x 0.12 = 2.4 -> C 7.4
  //   lost: 4 - 1.59996 - 2.4 = 0.00004
  assert.deepEqual(tally(r, r.rounds[1]), { A: '11.00000', B: '15.00000', C: '5.00000', D: '5.00000', E: '4.00000' });
  assert.deepEqual(tally(r, r.rounds[2]), { A: '11.00000', B: '11.00000', C: '7.40000', D: '5.00000', E: '4.00000' });
  assert.equal(r.rounds[2]?.exhausted.toFixed(5), '1.59996');
  assert.equal(r.rounds[2]?.loss.toFixed(5), '0.00004');
  // B's papers had two values, so the transfer has no single transfer value.
  assert.equal(r.rounds[1]?.transfer?.value, undefined);
});

test('a candidate with exactly the quota is elected and has no surplus to transfer (rule 48(1))', () => {
  // 6 papers, 2 seats: quota = floor(6 / 3) + 1 = 3. A has exactly 3.
  const c = paperContest(['A', 'B', 'C'], 2, [
    [3, 'A', 'B'],
    [1, 'B'],
    [2, 'C'],
  ]);
  const r = scottish(c);
  assert.deepEqual(names(r, r.rounds[0]?.elected), ['A']);
  // No surplus stage: the end of stage 1 excludes B (1, lowest) straight away; C is then deemed elected.
  assert.equal(r.rounds[0]?.transfer?.kind, 'exclusion');
  assert.deepEqual(names(r, r.rounds[0]?.excluded), ['B']);
  assert.deepEqual(names(r, r.winners), ['A', 'C']);
});

test('equal lowest: exclude the one with fewer votes at the latest stage where they differed (rule 51)', () => {
  // 11 papers, 1 seat: quota = floor(11 / 2) + 1 = 6.
  const c = paperContest(['A', 'B', 'C', 'D'], 1, [
    [5, 'A'],
    [2, 'B', 'C'],
    [3, 'C', 'B'],
    [1, 'D', 'B'],
  ]);
  const r = scottish(c);
  // Stage 1: A 5, B 2, C 3, D 1 -> D excluded, its paper goes to B.
  // Stage 2: A 5, B 3, C 3: B and C tie lowest. At stage 1 B had 2 < C's 3, so B is excluded: B's two
  //   B-C papers go to C (5); the D-B paper has no continuing preference left.
  assert.deepEqual(tally(r, r.rounds[1]), { A: '5.00000', B: '3.00000', C: '3.00000' });
  assert.deepEqual(names(r, r.rounds[1]?.excluded), ['B']);
  assert.deepEqual(r.rounds[1]?.tieBreaks?.map((t) => [t.how, t.round]), [['backwards', 1]]);
  // Stage 3: A 5, C 5 tie again; at stage 2 A had 5 > C's 3, so C is excluded and A takes the seat.
  assert.deepEqual(tally(r, r.rounds[2]), { A: '5.00000', C: '5.00000' });
  assert.deepEqual(names(r, r.rounds[2]?.excluded), ['C']);
  assert.deepEqual(names(r, r.winners), ['A']);
});

test('equal surpluses: the one ahead at the latest stage where they differed goes first (rule 49(2))', () => {
  // 32 papers, 3 seats: quota = floor(32 / 4) + 1 = 9.
  const c = paperContest(['A', 'B', 'C', 'D', 'X'], 3, [
    [8, 'A', 'C'],
    [7, 'B', 'D'],
    [6, 'C'],
    [6, 'D'],
    [2, 'X', 'A'],
    [3, 'X', 'B'],
  ]);
  const r = scottish(c);
  // Stage 1: A 8, B 7, C 6, D 6, X 5 -> X excluded: A 10, B 10.
  // Stage 2: A and B both elected with surplus 1. At stage 1 A (8) was ahead of B (7): A is elected first
  //   and A's surplus goes first: value 1 / 10 = 0.1 on each of A's 10 papers: C gets 8 x 0.1 = 0.8,
  //   the 2 X-A papers are non-transferable (0.2).
  assert.deepEqual(names(r, r.rounds[1]?.elected), ['A', 'B']);
  assert.deepEqual(names(r, r.rounds[1]?.transfer?.from), ['A']);
  assert.deepEqual(tally(r, r.rounds[2]), { A: '9.00000', B: '10.00000', C: '6.80000', D: '6.00000' });
  // Stage 3: B's surplus: D gets 7 x 0.1 = 0.7. Stage 4: D (6.7) is excluded; stage 5: C fills the last seat.
  assert.deepEqual(names(r, r.rounds[2]?.transfer?.from), ['B']);
  assert.deepEqual(tally(r, r.rounds[3]), { A: '9.00000', B: '9.00000', C: '6.80000', D: '6.70000' });
  assert.deepEqual(names(r, r.winners), ['A', 'B', 'C']);
});

test('equal at every stage: decided by the seeded lot (rule 51(2)(b))', () => {
  // 2 seats, 5 papers: quota = floor(5 / 3) + 1 = 2. Stage 1: A 3 is elected; the surplus of 1 goes
  // nowhere (A's papers rank nobody else). Stage 2: B 1, C 1, equal at every stage: one is excluded by
  // lot and the other fills the last seat.
  const c = paperContest(['A', 'B', 'C'], 2, [
    [3, 'A'],
    [1, 'B'],
    [1, 'C'],
  ]);
  const seed = 'hand-worked';
  // The lot: order by sha256("<seed>:<name>") in hex, smallest first; the first in that order is excluded.
  const hash = (name: string): string => createHash('sha256').update(`${seed}:${name}`).digest('hex');
  const loser = hash('B') < hash('C') ? 'B' : 'C';
  const r = scottish(c, { mode: 'backwards', seed });
  const excludedRound = r.rounds.find((round) => round.excluded.length > 0);
  assert.deepEqual(names(r, excludedRound?.excluded), [loser]);
  assert.equal(excludedRound?.tieBreaks?.[0]?.how, 'lot');
  assert.deepEqual(names(r, r.winners), ['A', loser === 'B' ? 'C' : 'B']);
});

test('registered as the default STV rule; refuses equal rankings', () => {
  const c = paperContest(['A', 'B'], 1, [[2, 'A'], [1, 'B']]);
  const r = count(c, { method: 'stv' });
  assert.ok(r.ok);
  assert.equal(r.value.rules, 'scottish');
  assert.ok(r.value.validVotes.eq(Rational.of(3)));
  const tied = { ...c, ballots: [{ ranking: [0, 1], weight: 1n, tiedWithPrevious: [1] }] };
  assert.equal(count(tied, { method: 'stv', rules: 'scottish' }).ok, false);
});
