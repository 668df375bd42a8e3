import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from '../../../src/count/rctab/decimal.ts';
import type { BallotPath, RctabCount, RctabRound } from '../../../src/count/rctab/round.ts';
import { zeroInactive } from '../../../src/count/rctab/slices.ts';
import { sharesById } from '../../../src/formats/rctab/cdf-rounds.ts';

const d = (unscaled: bigint, scale: number): Decimal => Decimal.of(unscaled, scale);

function round(n: number, tally: [number, Decimal][], threshold: Decimal, elected?: number): RctabRound {
  return {
    round: n,
    tally: new Map(tally),
    threshold,
    thresholdVotes: Decimal.int(10),
    inactive: zeroInactive(),
    residualSurplus: Decimal.ZERO,
    results: elected === undefined ? [] : [{ kind: 'elected', candidate: elected, tie: false, transfers: new Map() }],
    slices: new Map(),
  };
}

/**
 * Two seats, A (0), B (1), C (2). Round 1: A has 6 votes, threshold 4: elected with a surplus of 2, moved
 * on at 2 ÷ 6 = 0.3333 (4 places, rounded down) per vote. Round 2: B elected. Round 3: the count ends.
 */
function count(paths: BallotPath[]): RctabCount {
  return {
    candidates: [{ name: 'A', excluded: false }, { name: 'B', excluded: false }, { name: 'C', excluded: false }],
    numCandidates: 3,
    rounds: [round(1, [[0, Decimal.int(6)], [1, Decimal.int(3)], [2, Decimal.int(1)]], Decimal.int(4), 0), round(2, [[1, d(43332n, 4)], [2, d(13333n, 4)]], Decimal.int(4), 1), round(3, [], Decimal.int(4))],
    winners: [0, 1],
    numWinners: 2,
    totalBallots: 10n,
    undervotes: 1n,
    sliceTotals: new Map(),
    paths,
  };
}

test('a ballot leaving a winner for its next choice: the winner keeps 1 − 0.3333 = 0.6667 in every later round', () => {
  const shares = sharesById(count([{ ids: ['x'], steps: [{ candidate: 0, value: Decimal.ONE }, { candidate: 2, value: d(3333n, 4) }, { candidate: 2, value: d(3333n, 4) }] }]), 4);
  assert.deepEqual(
    shares.get('x')?.map((m) => [...m].map(([name, v]) => `${name} ${v.toString()}`)),
    [['A 1'], ['A 0.6667', 'C 0.3333'], ['A 0.6667', 'C 0.3333']],
  );
});

test('a ballot going inactive from a winner: the part it carried away is its value times the transfer value, the rest stays', () => {
  // 1 × 0.3333 goes on (and is lost to exhaustion); A keeps 0.6667.
  const shares = sharesById(count([{ ids: ['y'], steps: [{ candidate: 0, value: Decimal.ONE }, { inactive: 'exhaustedChoices' }, { inactive: 'exhaustedChoices' }] }]), 4);
  assert.deepEqual(shares.get('y')?.map((m) => [...m].map(([name, v]) => `${name} ${v.toString()}`)), [['A 1'], ['A 0.6667'], ['A 0.6667']]);
});

test('a ballot leaving a candidate not elected leaves nothing behind; an undervote holds nothing in any round; ids of one group share their rounds', () => {
  const shares = sharesById(
    count([
      { ids: ['p', 'q'], steps: [{ candidate: 2, value: Decimal.ONE }, { candidate: 1, value: Decimal.ONE }, { inactive: 'exhaustedChoices' }] },
      { ids: ['u'], steps: [] },
    ]),
    4,
  );
  const text = (id: string) => shares.get(id)?.map((m) => [...m].map(([name, v]) => `${name} ${v.toString()}`));
  // B, elected in round 2 with 4.3332 against 4, moves 0.3332 ÷ 4.3332 = 0.0768 on and keeps 0.9232.
  assert.deepEqual(text('p'), [['C 1'], ['B 1'], ['B 0.9232']]);
  assert.deepEqual(text('q'), text('p'));
  assert.deepEqual(text('u'), [[], [], []]);
});
