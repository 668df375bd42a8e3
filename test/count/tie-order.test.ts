// The BLT [tie …] line through a whole count: hand-worked IRV contests where a tie decides the winner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { CountResult } from '../../src/count/types.ts';
import { parseBlt } from '../../src/formats/blt.ts';
import { counted, names } from './hand-worked.ts';

function irv(blt: string): CountResult {
  const contest = parseBlt(blt, 'tie.blt');
  if (!contest.ok) throw new Error(contest.error.message);
  return counted(contest.value, { method: 'irv' });
}

// Ann 4 (then Cat), Bob 4 (then Ann), Cat 5: 13 votes, 7 needed. Ann and Bob tie for last in round 1,
// with no earlier round to look back on.
//   Bob excluded: his 4 go to Ann, Ann 8 - Cat 5, Ann wins.
//   Ann excluded: her 4 go to Cat, Cat 9 - Bob 4, Cat wins.
const TIED = (tie: string): string => `3 1\n${tie}\n4 1 3 0\n4 2 1 0\n5 3 0\n0\n"Ann" "Bob" "Cat" "Tie in round 1"\n`;

test('[tie 2 1 3]: Bob is listed before Ann, so Bob is excluded and Ann wins 8 to 5', () => {
  const r = irv(TIED('[tie 2 1 3]'));
  assert.deepEqual(names(r, r.rounds[0]?.excluded), ['Bob']);
  assert.deepEqual(r.rounds[0]?.tieBreaks, [{ tied: [0, 1], chosen: 1, how: 'order' }]);
  assert.equal(r.rounds[1]?.tally.get(0)?.toString(), '8');
  assert.deepEqual(names(r, r.winners), ['Ann']);
});

test('[tie 1 2 3]: Ann is listed first, so Ann is excluded and Cat wins 9 to 4', () => {
  const r = irv(TIED('[tie 1 2 3]'));
  assert.deepEqual(names(r, r.rounds[0]?.excluded), ['Ann']);
  assert.equal(r.rounds[1]?.tally.get(2)?.toString(), '9');
  assert.deepEqual(names(r, r.winners), ['Cat']);
});

test('without [tie] the seeded lot decides: the smaller sha256("rollover:<name>") is excluded', () => {
  const hex = (name: string): string => createHash('sha256').update(`rollover:${name}`, 'utf8').digest('hex');
  const loser = hex('Ann') < hex('Bob') ? 'Ann' : 'Bob';
  const r = irv(TIED('# no tie order'));
  assert.deepEqual(names(r, r.rounds[0]?.excluded), [loser]);
  assert.equal(r.rounds[0]?.tieBreaks?.[0]?.how, 'lot');
  assert.deepEqual(names(r, r.winners), [loser === 'Bob' ? 'Ann' : 'Cat']);
});

test('[tie] waits for history: a tie that an earlier round separates is broken backwards', () => {
  // Round 1: Ann 4, Bob 5, Cat 1 (then Ann), Dan 7 of 17. Cat is excluded; round 2: Ann 5, Bob 5, Dan 7.
  // Backwards: Ann had 4 < 5 in round 1, so Ann goes although [tie] lists Bob first. Then Dan 7 - Bob 5.
  const r = irv('4 1\n[tie 2 1 3 4]\n4 1 0\n5 2 0\n1 3 1 0\n7 4 0\n0\n"Ann" "Bob" "Cat" "Dan" "History first"\n');
  assert.deepEqual(names(r, r.rounds[1]?.excluded), ['Ann']);
  assert.deepEqual(r.rounds[1]?.tieBreaks, [{ tied: [0, 1], chosen: 0, how: 'backwards', round: 1 }]);
  assert.deepEqual(names(r, r.winners), ['Dan']);
});
