// RCTab's tabulation on small contests worked by hand (arithmetic in the comments).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from '../../../src/count/rctab/decimal.ts';
import type { RctabCount, RctabRound } from '../../../src/count/rctab/round.ts';
import { OVERVOTE_LABEL, type RctabBallot, type RctabCandidate, type RctabRules } from '../../../src/count/rctab/rules.ts';
import { tabulate } from '../../../src/count/rctab/tabulator.ts';
import { PLAIN_RULES } from './plain-rules.ts';

const names = (...n: string[]): RctabCandidate[] => n.map((name) => ({ name, excluded: false }));

/** A group of `weight` ballots; each rank lists candidate indexes (several = an overvote). */
function ballot(weight: number, ...ranks: (number | number[] | null)[]): RctabBallot {
  return {
    weight: BigInt(weight),
    ranks: ranks.flatMap((r, i) => (r === null ? [] : [{ rank: i + 1, candidates: Array.isArray(r) ? r : [r] }])),
  };
}

function count(candidates: RctabCandidate[], ballots: RctabBallot[], rules: Partial<RctabRules> = {}): RctabCount {
  const result = tabulate(candidates, ballots, { ...PLAIN_RULES, ...rules });
  if (!result.ok) throw new Error(result.error);
  const [first] = result.value;
  if (!first) throw new Error('no count');
  return first;
}

/** A round's tally as { name: "text" }. */
function tally(c: RctabCount, r: RctabRound | undefined): Record<string, string> {
  return Object.fromEntries([...(r?.tally ?? [])].map(([i, v]) => [c.candidates[i]?.name ?? '', v.toString()]));
}

const A = 0;
const B = 1;
const C = 2;
const D = 3;

test('single winner: the last is eliminated until someone has a majority of continuing votes', () => {
  // 4 A; 3 B>A; 2 C>B. Round 1: A 4, B 3, C 2 of 9: threshold floor(9/2)+1 = 5, nobody. C last: 2 to B.
  // Round 2: A 4, B 5: B reaches 5 and wins.
  const c = count(names('A', 'B', 'C'), [ballot(4, A), ballot(3, B, A), ballot(2, C, B)]);
  assert.equal(c.rounds.length, 2);
  assert.deepEqual(tally(c, c.rounds[0]), { A: '4', B: '3', C: '2' });
  assert.equal(c.rounds[0]?.threshold.toString(), '5');
  assert.deepEqual(c.rounds[0]?.results.map((t) => [t.kind, t.candidate, Object.fromEntries(t.transfers)]), [['eliminated', C, { [B]: Decimal.int(2) }]]);
  assert.deepEqual(tally(c, c.rounds[1]), { A: '4', B: '5' });
  assert.deepEqual(c.winners, [B]);
});

test('voter errors: a skipped rank beyond the allowance, an overvote, a repeated candidate', () => {
  // 5 A; 4 B; 1 C>_>B (one skipped rank); 1 C>{A,B} (overvote); 1 C>C>A (repeat); 1 D.
  // Round 1: A 5, B 4, C 3, D 1 of 13: threshold 7. D last and exhausts ("exhausted choices").
  // Round 2: C 3 last. With no skip allowed the first C ballot is inactive at the gap; the overvote
  // exhausts it immediately; the repeat exhausts when duplicates exhaust. Round 3: A 5, B 4.
  const ballots = [ballot(5, A), ballot(4, B), ballot(1, C, null, B), ballot(1, C, [A, B]), ballot(1, C, C, A), ballot(1, D)];
  const c = count(names('A', 'B', 'C', 'D'), ballots, { maxSkippedRanksAllowed: 0, exhaustOnDuplicateCandidate: true });
  const third = c.rounds[2];
  assert.deepEqual(tally(c, third), { A: '5', B: '4' });
  assert.deepEqual(
    Object.fromEntries(Object.entries(third?.inactive ?? {}).map(([k, v]) => [k, v.toString()])),
    { overvotes: '1', skippedRankings: '1', exhaustedChoices: '1', repeatedRankings: '1' },
  );
  // The same ballots with skips allowed, overvotes skipped and repeats skipped: all three reach A or B.
  // Round 3: A 5 + 1 (C>C>A) = 6, B 4 + 1 (C>_>B) = 5; the overvote skips to nothing and exhausts.
  const lenient = count(names('A', 'B', 'C', 'D'), ballots, { overvoteRule: 'alwaysSkipToNextRank' });
  assert.deepEqual(tally(lenient, lenient.rounds[2]), { A: '6', B: '5' });
});

test('exhaust if multiple continuing: an overvote counts for its one continuing candidate', () => {
  // 3 A; 2 B; 1 C>{A,D}. Round 1: A 3, B 2, C 1, D 0 of 6: threshold 4. D (0) is last and goes first.
  // Round 2: C 1 last; its overvote {A, D} has one continuing candidate, A. Round 3: A 4, B 2: A wins.
  const c = count(names('A', 'B', 'C', 'D'), [ballot(3, A), ballot(2, B), ballot(1, C, [A, D])], { overvoteRule: 'exhaustIfMultipleContinuing' });
  assert.deepEqual(tally(c, c.rounds[2]), { A: '4', B: '2' });
  assert.deepEqual(c.winners, [A]);
});

test("the CVR's overvote label exhausts a ballot at once, or is passed over", () => {
  // 3 A; 2 B; 1 C>overvote>A. Round 1: A 3, B 2, C 1 of 6 (threshold 4): C out.
  const ballots = [ballot(3, A), ballot(2, B), ballot(1, C, OVERVOTE_LABEL, A)];
  const strict = count(names('A', 'B', 'C'), ballots);
  assert.equal(strict.rounds[1]?.inactive.overvotes.toString(), '1');
  assert.deepEqual(tally(strict, strict.rounds[1]), { A: '3', B: '2' });
  const skipping = count(names('A', 'B', 'C'), ballots, { overvoteRule: 'alwaysSkipToNextRank' });
  assert.deepEqual(tally(skipping, skipping.rounds[1]), { A: '4', B: '2' });
});

test('batch elimination takes every candidate who together cannot catch the next one up', () => {
  // 9 A; 6 B; 2 C; 1 D. Sorted up: D 1, C 2, B 6, A 9. D < C (1 < 2); D + C = 3 < B 6; B is not alone at
  // the top (A has more), so D and C go together. Round 2: A 9, B 6 of 15: threshold 8: A wins.
  const c = count(names('A', 'B', 'C', 'D'), [ballot(9, A), ballot(6, B), ballot(2, C), ballot(1, D)], { batchElimination: true });
  assert.deepEqual(c.rounds[0]?.results.map((t) => t.candidate), [C, D]);
  assert.deepEqual(tally(c, c.rounds[1]), { A: '9', B: '6' });
  assert.deepEqual(c.winners, [A]);
});

test('multi-winner: a surplus moves at a transfer value rounded down to four places', () => {
  // 2 seats. 6 A>B; 2 B; 3 C. V = 11, threshold floor(11/3)+1 = 4.
  // Round 1: A 6 elected. Surplus 6 - 4 = 2.0000; transfer value 2/6 = 0.3333 (down); each A ballot goes
  // on worth 0.3333: 6 × 0.3333 = 1.9998 to B, residual 2.0000 - 1.9998 = 0.0002; A keeps the threshold.
  // Round 2: A 4, B 2 + 1.9998 = 3.9998, C 3: nobody new at 4; C last, exhausts.
  // Round 3: B alone for the last seat: elected; no surplus (3.9998 < 4): its ballots go on worth 0.0000.
  // Round 4 (after the last seats): B's ballots can go nowhere: final round surplus 0.0000.
  const c = count(names('A', 'B', 'C'), [ballot(6, A, B), ballot(2, B), ballot(3, C)], {
    winnerElectionMode: 'multiWinnerAllowMultipleWinnersPerRound',
    numberOfWinners: 2,
  });
  assert.equal(c.rounds[0]?.threshold.toString(), '4');
  const first = c.rounds[0]?.results[0];
  assert.equal(first?.kind, 'elected');
  assert.equal(first?.transfers.get(B)?.toString(), '1.9998');
  assert.equal(first?.residual?.toString(), '0.0002');
  assert.deepEqual(tally(c, c.rounds[1]), { A: '4', B: '3.9998', C: '3' });
  assert.deepEqual(c.winners, [A, B]);
  assert.deepEqual(tally(c, c.rounds[3]), { A: '4', B: '3.9998' });
  assert.equal(c.rounds[3]?.finalRoundSurplus?.toString(), '0.0000');
  assert.equal(c.rounds[3]?.residualSurplus.toString(), '0.0002');
});

test('non-integer threshold: V/(S+1) + 10^-d', () => {
  // 3 seats, 9 ballots: 9/4 = 2.25, + 0.0001 = 2.2501.
  const c = count(names('A', 'B', 'C', 'D'), [ballot(3, A), ballot(3, B), ballot(3, C)], {
    winnerElectionMode: 'multiWinnerAllowOnlyOneWinnerPerRound',
    numberOfWinners: 3,
    nonIntegerWinningThreshold: true,
  });
  assert.equal(c.rounds[0]?.threshold.toString(), '2.2501');
  // One winner per round: A, B and C tie at 3; candidate order elects A first.
  assert.deepEqual(c.rounds[0]?.results.map((t) => [t.kind, t.candidate, t.tie]), [['elected', A, true]]);
});

test('tie-breaks: config order, previous round counts, and a seeded draw', () => {
  // 2 A; 2 B; 1 C>A; 2 D. Round 1: A 2, B 2, C 1, D 2: C last, to A. Round 2: A 3, B 2, D 2: B and D tie.
  const ballots = [ballot(2, A), ballot(2, B), ballot(1, C, A), ballot(2, D)];
  // Candidate order: the later of B and D (D) loses.
  const ordered = count(names('A', 'B', 'C', 'D'), ballots);
  assert.deepEqual(ordered.rounds[1]?.results.map((t) => [t.candidate, t.tie]), [[D, true]]);
  // Previous round counts: B 2 and D 2 in round 1 too, so the draw decides: sorted B, D and the JDK's
  // first nextDouble() for seed 1 is 0.7308781907032909: floor(0.73 × 2) = 1, D.
  const seeded = count(names('A', 'B', 'C', 'D'), ballots, { tiebreakMode: 'previousRoundCountsThenRandom', randomSeed: 1n });
  assert.deepEqual(seeded.rounds[1]?.results.map((t) => t.candidate), [D]);
  // Operator's choice cannot be made in a batch count: the count stops with a message.
  const asked = tabulate(names('A', 'B', 'C', 'D'), ballots, { ...PLAIN_RULES, tiebreakMode: 'stopCountingAndAsk' });
  assert.equal(asked.ok, false);
});

test('bottoms-up: eliminate until as many candidates are left as seats, who all win', () => {
  // 2 seats. 4 A; 3 B; 2 C>B; 1 D>C. Round 1: D (1) out, to C. Round 2: A 4, B 3, C 3: B and C tie for
  // last; C is later in the config and goes: 2 to B, 1 exhausts. Round 3: A 4, B 5: two left, both win.
  const c = count(names('A', 'B', 'C', 'D'), [ballot(4, A), ballot(3, B), ballot(2, C, B), ballot(1, D, C)], {
    winnerElectionMode: 'bottomsUp',
    numberOfWinners: 2,
  });
  assert.deepEqual(c.winners, [A, B]);
  assert.equal(c.rounds.length, 3);
  assert.deepEqual(tally(c, c.rounds[2]), { A: '4', B: '5' });
});

test('bottoms-up by percentage: V × 15 / 100 from each round', () => {
  // 10 A; 6 B; 3 C; 1 D. Round 1: 20 votes, threshold 20 × 0.15 = 3.00: D (1) is last, out and exhausts.
  // Round 2: 19 votes: threshold 2.85; A, B and C all reach it and win.
  const c = count(names('A', 'B', 'C', 'D'), [ballot(10, A), ballot(6, B), ballot(3, C), ballot(1, D)], {
    winnerElectionMode: 'bottomsUpUsingPercentageThreshold',
    numberOfWinners: 0,
    multiSeatBottomsUpPercentageThreshold: Decimal.int(15),
  });
  assert.deepEqual(c.rounds.map((r) => r.threshold.toString()), ['3.00', '2.85']);
  assert.deepEqual(c.winners, [A, B, C]);
});

test('multi-pass IRV: each pass counts again without the earlier winners', () => {
  // 2 seats. 5 A>B; 4 B; 3 C>B. Pass 1: A 5, B 4, C 3 of 12 (threshold 7): C out, to B: B 7 wins.
  // Pass 2 without B: A 5 + 0, C 3 (B's 4 ballots exhaust; C>B stays with C): A 5, C 3 of 8: threshold 5: A.
  const result = tabulate(names('A', 'B', 'C'), [ballot(5, A, B), ballot(4, B), ballot(3, C, B)], {
    ...PLAIN_RULES,
    winnerElectionMode: 'multiPassIrv',
    numberOfWinners: 2,
  });
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.deepEqual(result.value.map((p) => p.winners), [[B], [A]]);
  const second = result.value[1];
  assert.ok(second);
  if (second) assert.deepEqual(tally(second, second.rounds[0]), { A: '5', C: '3' });
});

test('minimum vote threshold: every candidate under it in the first round goes at once', () => {
  // 6 A; 4 B; 2 C>A; 1 D>B, minimum 3. Round 1: C (2) and D (1) are under 3 and both go: C's 2 to A, D's
  // 1 to B. Round 2: A 8, B 5 of 13: threshold 7: A wins.
  const c = count(names('A', 'B', 'C', 'D'), [ballot(6, A), ballot(4, B), ballot(2, C, A), ballot(1, D, B)], { minimumVoteThreshold: 3n });
  assert.deepEqual(c.rounds[0]?.results.map((t) => t.candidate), [C, D]);
  assert.deepEqual(tally(c, c.rounds[1]), { A: '8', B: '5' });
  assert.deepEqual(c.winners, [A]);
});

test('Hare quota: V/S instead of V/(S+1)', () => {
  // 2 seats, 10 ballots: Droop floor(10/3)+1 = 4; Hare floor(10/2)+1 = 6.
  const ballots = [ballot(5, A), ballot(3, B), ballot(2, C)];
  const multi: Partial<RctabRules> = { winnerElectionMode: 'multiWinnerAllowMultipleWinnersPerRound', numberOfWinners: 2 };
  assert.equal(count(names('A', 'B', 'C'), ballots, multi).rounds[0]?.threshold.toString(), '4');
  assert.equal(count(names('A', 'B', 'C'), ballots, { ...multi, hareQuota: true }).rounds[0]?.threshold.toString(), '6');
});
