// Hand-worked IRV examples: every figure below is worked out in the comments beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Contest } from '../../src/count/ballots.ts';
import { count, type CountOptions } from '../../src/count/index.ts';
import type { CountResult, Round } from '../../src/count/types.ts';
import { counted } from './hand-worked.ts';

/** Candidates are single letters; a ballot "BCA" ranks B, then C, then A. */
function contest(letters: string, ballots: readonly (readonly [string, number])[], withdrawn = ''): Contest {
  const candidates = [...letters];
  const index = (l: string): number => candidates.indexOf(l);
  return {
    title: 'hand-worked',
    candidates,
    withdrawn: [...withdrawn].map(index),
    seats: 1,
    ballots: ballots.map(([ranking, weight]) => ({ ranking: [...ranking].map(index), weight: BigInt(weight) })),
  };
}

function irv(c: Contest, options: Partial<CountOptions> = {}): CountResult {
  return counted(c, { method: 'irv', ...options });
}

/** A round as letters and plain numbers, for readable expectations. */
function show(r: CountResult, round: Round): object {
  const name = (c: number): string => r.candidates[c] ?? '?';
  return {
    tally: Object.fromEntries([...round.tally].map(([c, v]) => [name(c), v.toString()])),
    exhausted: round.exhausted.toString(),
    threshold: round.threshold.toString(),
    elected: round.elected.map(name),
    excluded: round.excluded.map(name),
  };
}

function winner(r: CountResult): string[] {
  return r.winners.map((c) => r.candidates[c] ?? '?');
}

test('majority of continuing votes: exhausted ballots lower the threshold', () => {
  const r = irv(contest('ABC', [['A', 5], ['BC', 2], ['B', 1], ['CA', 3], ['CB', 1]]));
  // Round 1: A 5, B 2+1 = 3, C 3+1 = 4; continuing 12, threshold floor(12/2)+1 = 7. No majority.
  // B (3) is lowest: BC 2 go to C, B 1 has no further preference and is exhausted.
  // Round 2: A 5, C 4+2 = 6, exhausted 1; continuing 11, threshold floor(11/2)+1 = 6. C has 6: elected.
  assert.deepEqual(r.rounds.map((round) => show(r, round)), [
    { tally: { A: '5', B: '3', C: '4' }, exhausted: '0', threshold: '7', elected: [], excluded: ['B'] },
    { tally: { A: '5', C: '6' }, exhausted: '1', threshold: '6', elected: ['C'], excluded: [] },
  ]);
  const transfer = r.rounds[0]?.transfer;
  assert.equal(transfer?.kind, 'exclusion');
  assert.deepEqual([...(transfer?.to ?? [])].map(([c, v]) => [c, v.toString()]), [[2, '2']]);
  assert.equal(transfer?.exhausted.toString(), '1');
  assert.deepEqual(winner(r), ['C']);
  assert.equal(r.validVotes.toString(), '12');
});

test('a first-round majority ends the count in round 1', () => {
  const r = irv(contest('AB', [['A', 3], ['B', 2]]));
  // 5 continuing, threshold 3: A has 3.
  assert.equal(r.rounds.length, 1);
  assert.deepEqual(show(r, r.rounds[0] as Round), { tally: { A: '3', B: '2' }, exhausted: '0', threshold: '3', elected: ['A'], excluded: [] });
});

test('continue until two: exclusions go on after a majority, the higher of the last two wins', () => {
  const c = contest('ABC', [['A', 6], ['B', 3], ['CB', 2]]);
  // Round 1: A 6, B 3, C 2; continuing 11, threshold 6. A has a majority.
  assert.deepEqual(winner(irv(c)), ['A']);
  assert.equal(irv(c).rounds.length, 1);
  // With continueUntilTwo, C (2) is excluded anyway and CB goes to B: round 2 A 6, B 5, threshold 6.
  const r = irv(c, { continueUntilTwo: true });
  assert.deepEqual(r.rounds.map((round) => show(r, round)), [
    { tally: { A: '6', B: '3', C: '2' }, exhausted: '0', threshold: '6', elected: [], excluded: ['C'] },
    { tally: { A: '6', B: '5' }, exhausted: '0', threshold: '6', elected: ['A'], excluded: [] },
  ]);
});

test('batch elimination excludes the largest group that could not overtake the next candidate', () => {
  const c = contest('ABCDE', [['A', 10], ['B', 8], ['CA', 3], ['DB', 2], ['EC', 1]]);
  // Round 1: A 10, B 8, C 3, D 2, E 1; continuing 24, threshold 13.
  // Lowest first: E 1, D 2, C 3, B 8, A 10. Running totals: E 1 < D 2 (k=1); E+D 3 < C 3? no (k=2);
  // E+D+C 6 < B 8 (k=3). k may be at most 5-2 = 3, so E, D and C go together.
  // EC: C is excluded too, so exhausted; CA 3 to A; DB 2 to B. Round 2: A 13, B 10, exhausted 1,
  // continuing 23, threshold 12: A elected.
  const r = irv(c, { batchElimination: true });
  assert.deepEqual(r.rounds.map((round) => show(r, round)), [
    { tally: { A: '10', B: '8', C: '3', D: '2', E: '1' }, exhausted: '0', threshold: '13', elected: [], excluded: ['C', 'D', 'E'] },
    { tally: { A: '13', B: '10' }, exhausted: '1', threshold: '12', elected: ['A'], excluded: [] },
  ]);
  assert.deepEqual(r.rounds[0]?.notes, ['batch elimination: combined votes 6 < next-highest 8']);
  // One at a time: E (EC to C: C 4), then D (DB to B: B 10), then C (CA to A, EC exhausted): same end.
  const single = irv(c);
  assert.deepEqual(single.rounds.map((round) => round.excluded.map((x) => c.candidates[x])), [['E'], ['D'], ['C'], []]);
  assert.deepEqual(show(single, single.rounds[3] as Round), show(r, r.rounds[1] as Round));
});

test('batch elimination never leaves fewer than two candidates (with continue until two)', () => {
  const c = contest('ABCD', [['A', 20], ['B', 4], ['C', 2], ['DB', 1]]);
  // Round 1: A 20, B 4, C 2, D 1; continuing 27, threshold 14: A has a majority, but we continue.
  // Lowest first D 1, C 2, B 4, A 20: D 1 < C 2 (k=1), D+C 3 < B 4 (k=2), D+C+B 7 < A 20 (k=3) but
  // k may be at most 4-2 = 2: D and C go, B stays. Round 2: A 20, B 4+1 = 5, exhausted 2 (C's ballots).
  const r = irv(c, { batchElimination: true, continueUntilTwo: true });
  assert.deepEqual(r.rounds.map((round) => show(r, round)), [
    { tally: { A: '20', B: '4', C: '2', D: '1' }, exhausted: '0', threshold: '14', elected: [], excluded: ['C', 'D'] },
    { tally: { A: '20', B: '5' }, exhausted: '2', threshold: '13', elected: ['A'], excluded: [] },
  ]);
});

test('batch elimination of a single candidate is an ordinary exclusion', () => {
  const c = contest('ABC', [['A', 4], ['B', 3], ['CB', 2]]);
  // C 2 < B 3 only (k=1, and k may be at most 1): exclude C alone, no batch note. Round 2: A 4, B 5.
  const r = irv(c, { batchElimination: true });
  assert.deepEqual(r.rounds[0]?.excluded, [2]);
  assert.equal(r.rounds[0]?.notes, undefined);
  assert.deepEqual(winner(r), ['B']);
});

// Round 1: A 10, B 6, C 5, D 3, E 2 (threshold 14). E goes: EC 2 to C.
// Round 2: A 10, B 6, C 7, D 3. D goes: DB 2 to B, DC 1 to C.
// Round 3: A 10, B 8, C 8: B and C tie for lowest.
const TIE = contest('ABCDE', [['A', 10], ['B', 6], ['C', 5], ['DB', 2], ['DC', 1], ['EC', 2]]);

test('tie-break backwards: the most recent earlier round where the tied differ', () => {
  const r = irv(TIE, { tieBreak: { mode: 'backwards', seed: 'rollover' } });
  // Round 2 is the latest earlier round: B 6 < C 7, so B is excluded. B's 6 + DB's 2 exhaust.
  // Round 4: A 10, C 8, exhausted 8; continuing 18, threshold 10: A elected.
  assert.deepEqual(r.rounds[2]?.excluded, [1]);
  assert.deepEqual(r.rounds[2]?.tieBreaks, [{ tied: [1, 2], chosen: 1, how: 'backwards', round: 2 }]);
  assert.deepEqual(show(r, r.rounds[3] as Round), { tally: { A: '10', C: '8' }, exhausted: '8', threshold: '10', elected: ['A'], excluded: [] });
});

test('tie-break forwards: the first round where the tied differ', () => {
  const r = irv(TIE, { tieBreak: { mode: 'forwards', seed: 'rollover' } });
  // Round 1: B 6 > C 5, so C is excluded. C's 5 + DC 1 + EC 2 exhaust: round 4 A 10, B 8, exhausted 8.
  assert.deepEqual(r.rounds[2]?.tieBreaks, [{ tied: [1, 2], chosen: 2, how: 'forwards', round: 1 }]);
  assert.deepEqual(show(r, r.rounds[3] as Round), { tally: { A: '10', B: '8' }, exhausted: '8', threshold: '10', elected: ['A'], excluded: [] });
});

/** The lot's order computed here, independently of tiebreak.ts: hex of sha256("<seed>:<name>"), smallest first. */
function firstByLot(names: readonly string[], seed: string): string {
  const digest = (n: string): string => createHash('sha256').update(`${seed}:${n}`).digest('hex');
  return [...names].sort((a, b) => digest(a).localeCompare(digest(b)))[0] ?? '';
}

for (const seed of ['rollover', 'burlington', '2009']) {
  test(`tie-break by lot (seed "${seed}"): the first in sha256 order is excluded`, () => {
    const tied = contest('ABC', [['A', 4], ['BA', 2], ['CA', 2], ['B', 1], ['C', 1]]);
    // Round 1: A 4, B 3, C 3; continuing 10, threshold 6. B and C tie with no earlier round.
    const loser = firstByLot(['B', 'C'], seed);
    for (const mode of ['lot', 'backwards', 'forwards'] as const) {
      const r = irv(tied, { tieBreak: { mode, seed } });
      const record = r.rounds[0]?.tieBreaks?.[0];
      assert.equal(tied.candidates[record?.chosen ?? -1], loser, mode);
      assert.equal(record?.how, 'lot', mode); // backwards and forwards have no history: they fall back to lot
      // The loser's 3 ballots: 2 to A, 1 exhausted. Round 2: A 6, the other 3, exhausted 1: A elected.
      assert.deepEqual(winner(r), ['A']);
    }
  });
}

test('withdrawn candidates are skipped on every ballot and never appear in a tally', () => {
  const c = contest('ABCW', [['A', 4], ['WB', 3], ['CWA', 2], ['W', 1]], 'W');
  // W is withdrawn: WB counts for B, W alone is exhausted from the start.
  // Round 1: A 4, B 3, C 2, exhausted 1; continuing 9, threshold 5. C goes: CWA skips W, 2 to A.
  // Round 2: A 6, B 3, exhausted 1; threshold 5: A elected.
  const r = irv(c);
  assert.deepEqual(r.rounds.map((round) => show(r, round)), [
    { tally: { A: '4', B: '3', C: '2' }, exhausted: '1', threshold: '5', elected: [], excluded: ['C'] },
    { tally: { A: '6', B: '3' }, exhausted: '1', threshold: '5', elected: ['A'], excluded: [] },
  ]);
  assert.equal(r.validVotes.toString(), '10');
});

test('a ballot ranking an excluded candidate twice moves past both marks', () => {
  const r = irv(contest('ABC', [['A', 3], ['B', 2], ['CCB', 1]]));
  // Round 1: A 3, B 2, C 1; continuing 6, threshold 4. C goes: CCB skips its second C, 1 to B.
  // Round 2: A 3, B 3 tie; backwards: round 1 had B 2 < A 3, so B goes. B 2 and CCB exhaust.
  // Round 3: A 3, exhausted 3; continuing 3, threshold 2: A elected.
  assert.deepEqual(r.rounds.map((round) => show(r, round)), [
    { tally: { A: '3', B: '2', C: '1' }, exhausted: '0', threshold: '4', elected: [], excluded: ['C'] },
    { tally: { A: '3', B: '3' }, exhausted: '0', threshold: '4', elected: [], excluded: ['B'] },
    { tally: { A: '3' }, exhausted: '3', threshold: '2', elected: ['A'], excluded: [] },
  ]);
  assert.deepEqual(r.rounds[1]?.tieBreaks, [{ tied: [0, 1], chosen: 1, how: 'backwards', round: 1 }]);
});

test('a tie between the last two is broken, and the last candidate standing wins', () => {
  const r = irv(contest('AB', [['A', 2], ['B', 2]]), { tieBreak: { mode: 'lot', seed: 'x' } });
  // Round 1: A 2, B 2; threshold 3: no majority. The lot loser goes and its 2 ballots exhaust.
  // Round 2: the other 2, exhausted 2; continuing 2, threshold 2: elected.
  const loser = firstByLot(['A', 'B'], 'x');
  const other = loser === 'A' ? 'B' : 'A';
  assert.deepEqual(show(r, r.rounds[0] as Round), { tally: { A: '2', B: '2' }, exhausted: '0', threshold: '3', elected: [], excluded: [loser] });
  assert.deepEqual(show(r, r.rounds[1] as Round), { tally: { [other]: '2' }, exhausted: '2', threshold: '2', elected: [other], excluded: [] });
});

test('the registry refuses ballots with equal rankings for IRV', () => {
  const c: Contest = { ...contest('AB', []), ballots: [{ ranking: [0, 1], weight: 1n, tiedWithPrevious: [1] }] };
  const result = count(c, { method: 'irv' });
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.error, /ranked equal/);
});
