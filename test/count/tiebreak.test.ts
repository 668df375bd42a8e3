// breakTie and lotOrder on hand-made histories; the lot order is recomputed here with node:crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Rational } from '../../src/count/arithmetic.ts';
import { breakTie, lotOrder, type RoundTallies } from '../../src/count/tiebreak.ts';

const NAMES = ['Ann', 'Bob', 'Cat', 'Dan'];

function tallies(votes: Record<number, number>): RoundTallies {
  return new Map(Object.entries(votes).map(([c, v]) => [Number(c), Rational.of(v)]));
}

// Round 1: Ann 5, Bob 3, Cat 3. Round 2: Ann 4, Bob 6, Cat 4.
const HISTORY = [tallies({ 0: 5, 1: 3, 2: 3 }), tallies({ 0: 4, 1: 6, 2: 4 })];

/** Independent lot order: hex sha256 of "<seed>:<name>", smallest first. */
function expectedLot(names: readonly string[], seed: string): string[] {
  const hex = (n: string): string => createHash('sha256').update(`${seed}:${n}`, 'utf8').digest('hex');
  return [...names].sort((a, b) => (hex(a) < hex(b) ? -1 : 1));
}

test('backwards, lowest: round 2 leaves Ann and Cat (4), round 1 then picks Cat (3 < 5)', () => {
  const r = breakTie([0, 1, 2], 'lowest', HISTORY, NAMES, { mode: 'backwards', seed: 's' });
  assert.deepEqual(r, { tied: [0, 1, 2], chosen: 2, how: 'backwards', round: 1 });
});

test('forwards, lowest: round 1 leaves Bob and Cat (3), round 2 then picks Cat (4 < 6)', () => {
  const r = breakTie([0, 1, 2], 'lowest', HISTORY, NAMES, { mode: 'forwards', seed: 's' });
  assert.deepEqual(r, { tied: [0, 1, 2], chosen: 2, how: 'forwards', round: 2 });
});

test('highest: backwards takes Bob (6 in round 2), forwards takes Ann (5 in round 1)', () => {
  assert.equal(breakTie([0, 1, 2], 'highest', HISTORY, NAMES, { mode: 'backwards', seed: 's' }).chosen, 1);
  assert.equal(breakTie([0, 1, 2], 'highest', HISTORY, NAMES, { mode: 'forwards', seed: 's' }).chosen, 0);
});

test('candidates equal in every round fall back to lot among those still tied', () => {
  // Bob and Dan are equal in both rounds (2 and 2, then 7 and 7): only the lot can separate them.
  const history = [tallies({ 1: 2, 3: 2 }), tallies({ 1: 7, 3: 7 })];
  for (const seed of ['rollover', 'x', 'y', 'z']) {
    const [first, last] = [expectedLot(['Bob', 'Dan'], seed)[0], expectedLot(['Bob', 'Dan'], seed)[1]];
    const lowest = breakTie([1, 3], 'lowest', history, NAMES, { mode: 'backwards', seed });
    assert.equal(NAMES[lowest.chosen], first, seed);
    assert.equal(lowest.how, 'lot');
    assert.equal(lowest.round, undefined);
    assert.equal(NAMES[breakTie([1, 3], 'highest', history, NAMES, { mode: 'forwards', seed }).chosen], last, seed);
  }
});

test('a round in which a tied candidate was absent cannot separate them', () => {
  // Round 1 lacks Dan (say, not yet in the count): only round 2 (Bob 5 < Dan 6) decides.
  const history = [tallies({ 1: 1 }), tallies({ 1: 5, 3: 6 })];
  assert.deepEqual(breakTie([1, 3], 'lowest', history, NAMES, { mode: 'forwards', seed: 's' }), {
    tied: [1, 3],
    chosen: 1,
    how: 'forwards',
    round: 2,
  });
});

test('lot mode ignores history', () => {
  const seed = 'rollover';
  const r = breakTie([0, 1, 2], 'lowest', HISTORY, NAMES, { mode: 'lot', seed });
  assert.equal(NAMES[r.chosen], expectedLot(['Ann', 'Bob', 'Cat'], seed)[0]);
  assert.equal(r.how, 'lot');
});

test('lotOrder sorts by the hex sha256 of "<seed>:<name>"', () => {
  for (const seed of ['rollover', 'seed-2', 'Ünïcode']) {
    assert.deepEqual(
      lotOrder([0, 1, 2, 3], NAMES, seed).map((c) => NAMES[c]),
      expectedLot(NAMES, seed),
      seed,
    );
  }
});

// A declared tie order (BLT [tie …]) is read as Droop's rules read it: the earliest tied candidate in it
// is the one picked, whether the tie is for exclusion or for election.
test('a declared order decides a tie that history cannot, for either goal: its earliest tied candidate', () => {
  // Bob and Dan are equal in every round; the order lists Dan (3) before Bob (1).
  const history = [tallies({ 1: 2, 3: 2 }), tallies({ 1: 7, 3: 7 })];
  const order = [3, 0, 1, 2];
  for (const mode of ['backwards', 'forwards', 'lot'] as const) {
    assert.deepEqual(breakTie([1, 3], 'lowest', history, NAMES, { mode, seed: 's', order }), { tied: [1, 3], chosen: 3, how: 'order' }, mode);
    assert.deepEqual(breakTie([1, 3], 'highest', history, NAMES, { mode, seed: 's', order }), { tied: [1, 3], chosen: 3, how: 'order' }, mode);
  }
});

test('history still comes first: a declared order only sees those history left tied', () => {
  // Backwards: round 2 leaves Ann and Cat (4 each), round 1 picks Cat (3 < 5), although Ann is listed first.
  const order = [0, 1, 2, 3];
  assert.deepEqual(breakTie([0, 1, 2], 'lowest', HISTORY, NAMES, { mode: 'backwards', seed: 's', order }), { tied: [0, 1, 2], chosen: 2, how: 'backwards', round: 1 });
  // Forwards, highest: round 1 alone picks Ann (5); with equal history, order [2, 1, 0] would have picked Cat.
  assert.equal(breakTie([0, 1, 2], 'highest', HISTORY, NAMES, { mode: 'forwards', seed: 's', order: [2, 1, 0, 3] }).chosen, 0);
});
