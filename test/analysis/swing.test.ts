/**
 * The smallest swing of a segment that alters the winner (analysis/swing.ts): hand-worked on the Labour
 * election of labour.ts, and as properties on random small elections, checked by recounting.
 *
 * Ballots (34), candidates numbered as first seen: Khan 0, Jowell 1, Abbott 2.
 *   12 × [Khan, Jowell]     member          10 × [Jowell, Khan]     member
 *    3 × [Abbott, Khan]     registered       9 × [Abbott, Jowell]   registered
 * IRV: Khan 12, Jowell 10, Abbott 12; Jowell is excluded, his 10 go to Khan: Khan 22, Abbott 12. Khan wins,
 * Abbott is the runner-up.
 * Lot (DESIGN.md): sha256("rollover:<name>") hex, smallest excluded first: Abbott 07b3…, Khan a847…,
 * Jowell bf3c…, so a tie with no earlier round to break it excludes Abbott before Khan before Jowell.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rational } from '../../src/count/arithmetic.ts';
import type { Ballot, CandidateIndex } from '../../src/count/ballots.ts';
import { count, type CountOptions } from '../../src/count/index.ts';
import { parseSegmentedCsv, type SegmentedBallot, type SegmentedContest } from '../../src/analysis/segments.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import { smallestSwing } from '../../src/analysis/swing.ts';
import { LABOUR_CSV } from './labour.ts';

const rows = (n: number, row: string): string[] => Array.from({ length: n }, () => row);
const irv = { method: 'irv' } as const;
const [KHAN, JOWELL, ABBOTT] = [0, 1, 2];

function labour(): SegmentedContest {
  const parsed = parseSegmentedCsv(LABOUR_CSV, 'labour.csv');
  assert.ok(parsed.ok);
  return parsed.value;
}

const search = { solver: await loadHighsSolver(), maxNodes: 1000 };

function swingOf(e: SegmentedContest, value: string) {
  const found = smallestSwing(e, (b) => b.segments.get('class') === value, irv, search);
  assert.ok(found.ok, found.ok ? '' : found.error);
  return found.value;
}

test('the lot order the hand-worked ties rely on', () => {
  const hash = (name: string) => createHash('sha256').update(`rollover:${name}`).digest('hex');
  assert.deepEqual(['Jowell', 'Khan', 'Abbott'].sort((a, b) => hash(a).localeCompare(hash(b))), ['Abbott', 'Khan', 'Jowell']);
});

test('registered supporters: ×11/6 elects Abbott, ×5/6 elects Jowell; none rank Khan first, so none can be moved', () => {
  const s = swingOf(labour(), 'registered');
  assert.deepEqual([s.winner, s.runnerUp, s.ballots], [KHAN, ABBOTT, 12n]);
  // Raised by f > 1: Khan 12, Jowell 10, Abbott 12f. Jowell goes; Khan 22 against Abbott 12f. At f = 11/6
  // they tie 22–22 with no majority of 44; backwards, round 1 had Khan 12 below Abbott 22, so Khan is
  // excluded and Abbott wins at 11/6 itself. Below 11/6 Khan's 22 is a majority.
  assert.deepEqual(s.raise, { factor: Rational.of(11, 6), attained: true, winner: ABBOTT });
  // Lowered by f < 1: Abbott 12f falls to Jowell's 10 at f = 5/6; the tie (no earlier round) goes by lot,
  // which excludes Abbott: his 3 × 5/6 go to Khan (14.5), his 9 × 5/6 to Jowell (17.5): Jowell wins.
  // Above 5/6 Jowell is lowest and Khan wins as before.
  assert.deepEqual(s.lower, { factor: Rational.of(5, 6), attained: true, winner: JOWELL });
  assert.equal(s.move, undefined);
});

test('members: ×6/5 elects Jowell (non-monotonic), ×6/11 elects Abbott, and moving 2 Khan ballots to Abbott elects Jowell', () => {
  const s = swingOf(labour(), 'member');
  assert.equal(s.ballots, 22n);
  // Raised by f: Khan 12f, Jowell 10f, Abbott 12. Jowell is lowest while 10f < 12; at f = 6/5 Jowell and
  // Abbott tie at 12, lot excludes Abbott: his 3 go to Khan (17.4), his 9 to Jowell (21): Jowell wins.
  // More members voting, most of them for Khan, defeats Khan.
  assert.deepEqual(s.raise, { factor: Rational.of(6, 5), attained: true, winner: JOWELL });
  // Lowered by f: Jowell (10f) goes first; Khan 22f against Abbott 12 ties at f = 6/11; backwards, round 1
  // had Khan 72/11 below Abbott 12, so Khan is excluded and Abbott wins at 6/11. Above it Khan wins.
  assert.deepEqual(s.lower, { factor: Rational.of(6, 11), attained: true, winner: ABBOTT });
  // Moving k of the 12 member [Khan, Jowell] ballots to [Abbott, Khan]: Khan 12 − k, Jowell 10, Abbott
  // 12 + k. k = 1: Jowell (10) goes, his 10 to Khan: 21 to 13, Khan. k = 2: Khan and Jowell tie at 10,
  // lot excludes Khan: his 10 [Khan, Jowell] go to Jowell (20) against Abbott 14: Jowell wins.
  assert.deepEqual(s.move, { ballots: 2n, of: 12n, winner: JOWELL });
  // Re-ranked freely, one member ballot is enough: [Khan, Jowell] → [Jowell] gives Khan 11, Jowell 11,
  // Abbott 12; lot excludes Khan, whose 11 [Khan, Jowell] go to Jowell: 22 to 12. No change at all keeps Khan.
  assert.equal(s.margin?.kind, 'margin');
  assert.ok(s.margin?.kind === 'margin');
  assert.deepEqual([s.margin.margin.ballots, s.margin.margin.exact, s.margin.margin.newWinner], [1n, true, JOWELL]);
});

test('ties that go the winner\'s way: the factor is the infimum, not attained; segments that cannot change it', () => {
  // 10 × [A] in segment z, 3 × [B] in x, 2 × [B] in y: A 10, B 5. Lot: sha256("rollover:B") 4231… comes
  // before "rollover:A" f8b7…, so B is excluded first at a tie with no earlier round.
  const text = ['segment:g,rank1', ...rows(10, 'z,A'), ...rows(3, 'x,B'), ...rows(2, 'y,B')].join('\n');
  const parsed = parseSegmentedCsv(text, 'small.csv');
  assert.ok(parsed.ok);
  // x raised by f: B 3f + 2 against A 10. At f = 8/3 they tie at 10 with no majority; lot excludes B, so A
  // still wins at 8/3 and B wins for every f above it. Lowering x only helps A, and no x ballot ranks A.
  const x = smallestSwing(parsed.value, (b) => b.segments.get('g') === 'x', irv);
  assert.ok(x.ok);
  assert.deepEqual(x.value.raise, { factor: Rational.of(8, 3), attained: false, winner: 1 });
  assert.equal(x.value.lower, undefined);
  assert.equal(x.value.move, undefined);
  // z lowered by f: A 10f against B 5 tie at f = 1/2, lot excludes B again, so B wins only below 1/2.
  // Raising z never hurts A. Moving k of z's [A] to [B, A]: k = 2 gives 8 to 7 for A, k = 3 gives 7 to 8.
  const z = smallestSwing(parsed.value, (b) => b.segments.get('g') === 'z', irv);
  assert.ok(z.ok);
  assert.equal(z.value.raise, undefined);
  assert.deepEqual(z.value.lower, { factor: Rational.of(1, 2), attained: false, winner: 1 });
  assert.deepEqual(z.value.move, { ballots: 3n, of: 10n, winner: 1 });
  // y: B's other 2 voters. However they re-rank, A keeps 10 against B's 3 to 5 (or A 12): proven unalterable.
  const y = smallestSwing(parsed.value, (b) => b.segments.get('g') === 'y', irv, search);
  assert.ok(y.ok);
  assert.equal(y.value.margin?.kind, 'unalterable');
  assert.equal(y.value.margin.exact, true);
});

// ---- Properties, checked by recounting changed elections built here, not by the sweep. ----

function winnerOf(options: CountOptions, e: SegmentedContest, ballots: readonly Ballot[]): CandidateIndex | undefined {
  if (ballots.length === 0) return undefined;
  const result = count({ ...e.contest, ballots }, options);
  assert.ok(result.ok);
  return result.value.winners[0];
}

/** The election with the segment's ballots counted f times: every weight scaled by f's denominator. */
function atFactor(options: CountOptions, e: SegmentedContest, inSegment: (b: SegmentedBallot) => boolean, f: Rational): CandidateIndex | undefined {
  const ballots = e.ballots.map((b) => ({ ranking: b.ranking, weight: b.weight * (inSegment(b) ? f.num : f.den) })).filter((b) => b.weight > 0n);
  return winnerOf(options, e, ballots);
}

/** The first k ballots of the segment ranking `w` first changed to [r, w]. */
function moved(options: CountOptions, e: SegmentedContest, inSegment: (b: SegmentedBallot) => boolean, w: CandidateIndex, r: CandidateIndex, k: number): CandidateIndex | undefined {
  let left = k;
  const ballots = e.ballots.map((b) => (left > 0 && inSegment(b) && b.ranking[0] === w ? (left--, { ranking: [r, w], weight: 1n }) : b));
  return winnerOf(options, e, ballots);
}

const EPSILON = Rational.of(1, 1_000_000);

const elections = fc
  .integer({ min: 2, max: 4 })
  .chain((n) => fc.array(fc.tuple(fc.constantFrom('x', 'y', 'z'), fc.shuffledSubarray([...Array(n).keys()], { minLength: 1 })), { minLength: 3, maxLength: 25 }).map((list) => ({ n, list })));

/** Every reported swing, applied by recounting here, alters the winner; every smaller one keeps it. */
function checkSwings(options: CountOptions, numRuns: number, seed: number): void {
  fc.assert(
    fc.property(elections, ({ n, list }) => {
      const names = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
      const ballots: SegmentedBallot[] = list.map(([g, ranking]) => ({ ranking, weight: 1n, segments: new Map([['g', g]]) }));
      const e: SegmentedContest = { contest: { title: 'random', candidates: names, withdrawn: [], seats: 1, ballots }, ballots, columns: ['g'] };
      for (const g of ['x', 'y', 'z']) {
        const inSegment = (b: SegmentedBallot): boolean => b.segments.get('g') === g;
        const found = smallestSwing(e, inSegment, options);
        assert.ok(found.ok, found.ok ? '' : found.error);
        const { winner, runnerUp, raise, lower, move } = found.value;
        // Raise: between 1 and the factor (a grid, and just below it) the winner holds; at it (or just
        // above it when not attained) it does not. Without one, large factors keep the winner too.
        const factor = raise?.factor;
        const upTo = factor ?? Rational.of(1000);
        for (let j = 1; j < 20; j++) assert.equal(atFactor(options, e, inSegment, Rational.ONE.add(upTo.sub(Rational.ONE).mul(Rational.of(j, 20)))), winner);
        if (factor) {
          // (A factor of 1 not attained: the winner holds at 1 only by a tie.)
          if (factor.sub(EPSILON).gt(Rational.ONE)) assert.equal(atFactor(options, e, inSegment, factor.sub(EPSILON)), winner);
          assert.notEqual(atFactor(options, e, inSegment, raise.attained ? factor : factor.add(EPSILON)), winner);
          if (!raise.attained) assert.equal(atFactor(options, e, inSegment, factor), winner);
        } else for (const f of [2, 10, 1000]) assert.equal(atFactor(options, e, inSegment, Rational.of(f)), winner);
        // Lower: the same between the factor and 1.
        const down = lower?.factor ?? Rational.ZERO;
        for (let j = 1; j < 20; j++) {
          const f = down.add(Rational.ONE.sub(down).mul(Rational.of(j, 20)));
          assert.equal(atFactor(options, e, inSegment, f), winner);
        }
        if (lower) {
          if (lower.factor.add(EPSILON).lt(Rational.ONE)) assert.equal(atFactor(options, e, inSegment, lower.factor.add(EPSILON)), winner);
          const below = lower.attained ? lower.factor : lower.factor.sub(EPSILON);
          assert.notEqual(atFactor(options, e, inSegment, below), winner);
        } else {
          const rest = atFactor(options, e, inSegment, Rational.ZERO);
          assert.ok(rest === undefined || rest === winner);
        }
        // Move: k changed ballots elect someone else, every smaller number keeps the winner.
        if (runnerUp === undefined) continue;
        const of = e.ballots.filter((b) => inSegment(b) && b.ranking[0] === winner).length;
        const k = move === undefined ? of + 1 : Number(move.ballots);
        if (move) {
          assert.equal(move.of, BigInt(of));
          assert.equal(moved(options, e, inSegment, winner, runnerUp, k), move.winner);
          assert.notEqual(move.winner, winner);
        }
        for (let j = 0; j < k && j <= of; j++) assert.equal(moved(options, e, inSegment, winner, runnerUp, j), winner, `${j} moved`);
      }
    }),
    { numRuns, seed },
  );
}

test('property: each reported smallest swing alters the winner when applied and any smaller one does not', () => {
  checkSwings(irv, 150, 2016);
});

test('property, with batch elimination and with counting on until two remain: the sweep sees those rules\' comparisons too', () => {
  checkSwings({ method: 'irv', batchElimination: true }, 60, 2017);
  checkSwings({ method: 'irv', continueUntilTwo: true }, 40, 2018);
});
