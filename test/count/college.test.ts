// Hand-worked electoral colleges: every percentage below is worked out in the comments beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from '../../src/count/arithmetic.ts';
import { countCollege, type College, type CollegeResult } from '../../src/count/college.ts';

/** Candidates A, B, C; a section is [share, [ranking letters, count]...]. */
function college(sections: readonly (readonly [string, readonly (readonly [string, number])[]])[]): College {
  const candidates = ['A', 'B', 'C'];
  return {
    title: 'hand-worked',
    candidates,
    withdrawn: [],
    sections: sections.map(([share, ballots], i) => ({
      name: `S${i + 1}`,
      share: Rational.parse(share) ?? Rational.ZERO,
      ballots: ballots.map(([r, n]) => ({ ranking: [...r].map((l) => candidates.indexOf(l)), weight: BigInt(n) })),
    })),
  };
}

function scores(r: CollegeResult, round: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [c, v] of r.rounds[round]?.tally ?? []) out[r.candidates[c] ?? '?'] = v.toString();
  return out;
}

function sectionTally(r: CollegeResult, section: number, round: number): Record<string, string> {
  const s = r.sections[section]?.rounds[round];
  const out: Record<string, string> = { exhausted: s?.exhausted.toString() ?? '' };
  for (const [c, v] of s?.tally ?? []) out[r.candidates[c] ?? '?'] = v.toString();
  return out;
}

const TWO_HALVES = college([
  ['1', [['A', 6], ['B', 2], ['CB', 2]]],
  ['1', [['A', 2], ['B', 2], ['C', 1]]],
]);

const THREE_QUARTERS = college([
  ['3', [['A', 6], ['B', 2], ['CB', 2]]],
  ['1', [['A', 2], ['B', 2], ['C', 1]]],
]);

const THIRDS = college([
  ['1/3', [['A', 1], ['B', 1], ['C', 1]]],
  ['1/3', [['A', 1]]],
  ['1/3', [['B', 2], ['CA', 1]]],
]);

const DROPOUT = college([
  ['1', [['A', 2], ['C', 1]]],
  ['1', [['B', 1]]],
]);

test('each section weighs its share; a candidate needs MORE than 50% of the college', () => {
  const r = countCollege(TWO_HALVES);
  // Shares 1 and 1: each section is half the college.
  // Round 1. S1 (10 ballots): A 60%, B 20%, C 20%. S2 (5 ballots): A 40%, B 40%, C 20%.
  //   A = 60/2 + 40/2 = 50, B = 20/2 + 40/2 = 30, C = 20/2 + 20/2 = 20. A has 50, not more: C goes.
  // Round 2. S1: CB moves to B: A 6, B 4 of 10 (60%, 40%). S2: C's ballot exhausts: A 2, B 2 of 4 (50%, 50%).
  //   A = 60/2 + 50/2 = 55, B = 40/2 + 50/2 = 45. A elected.
  assert.deepEqual(scores(r, 0), { A: '50', B: '30', C: '20' });
  assert.deepEqual(r.rounds[0]?.excluded, [2]);
  assert.deepEqual(scores(r, 1), { A: '55', B: '45' });
  assert.deepEqual(r.rounds[1]?.elected, [0]);
  assert.deepEqual(r.winners, [0]);
  assert.equal(r.rounds[0]?.threshold.toString(), '50');
  // The exhausted ballot in S2 does not lower anyone's score: S2 is renormalised to its 4 continuing.
  assert.equal(r.rounds[1]?.exhausted.toString(), '0');
  // C's 20 points went A +5 (50 to 55) and B +15 (30 to 45).
  const to = r.rounds[0]?.transfer?.to;
  assert.deepEqual([...(to ?? [])].map(([c, v]) => [c, v.toString()]), [[0, '5'], [1, '15']]);
  assert.deepEqual(sectionTally(r, 0, 1), { exhausted: '0', A: '6', B: '4' });
  assert.deepEqual(sectionTally(r, 1, 1), { exhausted: '1', A: '2', B: '2' });
});

test('unequal shares: a section worth three quarters carries its candidate', () => {
  const r = countCollege(THREE_QUARTERS);
  // S1 is 3/4 of the college, S2 1/4. A = 75 × 6/10 + 25 × 2/5 = 45 + 10 = 55: elected in round 1.
  // B = 75 × 2/10 + 25 × 2/5 = 15 + 10 = 25; C = 75 × 2/10 + 25 × 1/5 = 15 + 5 = 20.
  assert.deepEqual(scores(r, 0), { A: '55', B: '25', C: '20' });
  assert.deepEqual(r.winners, [0]);
  assert.equal(r.rounds.length, 1);
});

test('percentages stay exact thirds, not decimals', () => {
  const r = countCollege(THIRDS);
  // S1: each 1/3 of 100/3. S2: A all of 100/3. S3: B 2/3, C 1/3 of 100/3.
  // A = 100/9 + 100/3 = 400/9; B = 100/9 + 200/9 = 300/9 = 100/3; C = 100/9 + 100/9 = 200/9.
  // No one above 50 (400/9 = 44.4...). C goes: S1's C ballot exhausts, S3's CA goes to A.
  // Round 2: S1 A 1, B 1 (50/3 each); S2 A 100/3; S3 A 1, B 2 (100/9, 200/9).
  // A = 50/3 + 100/3 + 100/9 = 550/9 (61.1...), B = 50/3 + 200/9 = 350/9. A elected.
  assert.deepEqual(scores(r, 0), { A: '400/9', B: '100/3', C: '200/9' });
  assert.deepEqual(scores(r, 1), { A: '550/9', B: '350/9' });
  assert.equal(r.rounds[1]?.tally.get(0)?.toFixed(r.places), '61.11');
  assert.deepEqual(r.winners, [0]);
});

test('a section whose ballots all exhaust drops out: its share counts as exhausted', () => {
  const r = countCollege(DROPOUT);
  // Round 1: S1 A 2/3, C 1/3 of 50; S2 B all of 50. A = 100/3, B = 50, C = 50/3. Nobody above 50: C goes.
  // Round 2: S1 A 2 of 2 = 50, B 50: a tie. Backwards: round 1 had A 100/3 < B 50, so A goes.
  // Round 3: S1 has no continuing ballot left, so it adds nothing: B 50, exhausted 50. B is the last standing.
  assert.deepEqual(scores(r, 0), { A: '100/3', B: '50', C: '50/3' });
  assert.deepEqual(scores(r, 1), { A: '50', B: '50' });
  assert.deepEqual(r.rounds[1]?.tieBreaks, [{ tied: [0, 1], chosen: 0, how: 'backwards', round: 1 }]);
  assert.deepEqual(scores(r, 2), { B: '50' });
  assert.equal(r.rounds[2]?.exhausted.toString(), '50');
  assert.equal(r.rounds[1]?.transfer?.exhausted.toString(), '50');
  assert.equal(r.rounds[1]?.transfer?.to.size, 0);
  assert.deepEqual(r.winners, [1]);
});

test('every round: scores + exhausted = 100 exactly', () => {
  for (const c of [TWO_HALVES, THREE_QUARTERS, THIRDS, DROPOUT]) {
    const r = countCollege(c);
    for (const round of r.rounds) {
      let total = round.exhausted;
      for (const v of round.tally.values()) total = total.add(v);
      assert.equal(total.toString(), '100');
    }
  }
});
