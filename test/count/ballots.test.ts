import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRankGroups, groupBallots, rankGroups, totalWeight, withoutWithdrawn, type Contest } from '../../src/count/ballots.ts';

test('groupBallots merges identical rankings and adds their weights, keeping first-seen order', () => {
  const grouped = groupBallots([
    { ranking: [0, 1], weight: 2n },
    { ranking: [1], weight: 1n },
    { ranking: [0, 1], weight: 3n },
    { ranking: [0, 1], weight: 1n, tiedWithPrevious: [1] }, // 0=1: a different ballot
  ]);
  assert.deepEqual(grouped, [
    { ranking: [0, 1], weight: 5n },
    { ranking: [1], weight: 1n },
    { ranking: [0, 1], weight: 1n, tiedWithPrevious: [1] },
  ]);
  assert.equal(totalWeight(grouped), 7n);
});

test('rankGroups and fromRankGroups are inverses: "1 2=3 4" is three ranks', () => {
  const ballot = { ranking: [0, 1, 2, 3], weight: 1n, tiedWithPrevious: [2] };
  assert.deepEqual(rankGroups(ballot), [[0], [1, 2], [3]]);
  assert.deepEqual(fromRankGroups([[0], [1, 2], [3]], 1n), ballot);
});

test('withoutWithdrawn removes withdrawn candidates and keeps ties among the rest', () => {
  const contest: Contest = {
    title: 't',
    candidates: ['A', 'B', 'C', 'D'],
    withdrawn: [1],
    seats: 1,
    ballots: [
      { ranking: [1, 2, 3], weight: 1n }, // B C D -> C D
      { ranking: [0, 1, 2], weight: 1n, tiedWithPrevious: [1, 2] }, // A=B=C -> A=C
      { ranking: [1, 2, 3], weight: 1n, tiedWithPrevious: [1] }, // B=C D -> C D
    ],
  };
  assert.deepEqual(withoutWithdrawn(contest).ballots, [
    { ranking: [2, 3], weight: 1n },
    { ranking: [0, 2], weight: 1n, tiedWithPrevious: [1] },
    { ranking: [2, 3], weight: 1n },
  ]);
});
