/** The worker pool that searches exact margins off the event loop: a result, and a stop at the time limit. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarginPool } from '../../src/server/margin-pool.ts';

// 8 × [A], 6 × [B], 5 × [C, B] (irv-margin.test.ts): C goes, B wins 11 to 8. One [B] changed to [C] gives
// A 8, B 5, C 6: B goes (his [B] ballots exhaust) and A wins 8 to 6. So the margin is 1, the new winner A.
const contest = {
  title: 'hand-worked', candidates: ['A', 'B', 'C'], withdrawn: [], seats: 1,
  ballots: [{ ranking: [0], weight: 8n }, { ranking: [1], weight: 6n }, { ranking: [2, 1], weight: 5n }],
};

test('a margin searched in a worker comes back whole (bigints included)', async () => {
  const run = await new MarginPool(60_000).run({ contest, maxNodes: 100 });
  assert.equal(run.kind, 'done');
  assert.ok(run.kind === 'done' && run.margin.ok && run.margin.value.kind === 'margin');
  const { margin } = run.margin.value;
  assert.deepEqual([margin.ballots, margin.exact, margin.winner, margin.newWinner], [1n, true, 1, 0]);
});

test('a segment margin in a worker: the 5 [C, B] ballots need 2 changes, an empty segment none will do', async () => {
  // [C, B] → [A] once: A 9, B 6, C 4; C goes, B 10 to 9. Twice: A 10, B 6, C 3; C goes, A 10 to B 9.
  const run = await new MarginPool(60_000).run({ contest, maxNodes: 100, changeable: [false, false, true] });
  assert.ok(run.kind === 'done' && run.margin.ok && run.margin.value.kind === 'margin');
  assert.deepEqual([run.margin.value.margin.ballots, run.margin.value.margin.exact], [2n, true]);
  const none = await new MarginPool(60_000).run({ contest, maxNodes: 100, changeable: [false, false, false] });
  assert.ok(none.kind === 'done' && none.margin.ok);
  assert.deepEqual([none.margin.value.kind, none.margin.value.kind === 'unalterable' && none.margin.value.exact], ['unalterable', true]);
});

test('a search past the time limit is stopped with a reason, not an error', async () => {
  // 50 ms is less than a worker takes to load the solver, so the limit is always reached first.
  const run = await new MarginPool(50).run({ contest, maxNodes: 100 });
  assert.deepEqual(run, { kind: 'stopped', reason: 'the exact search took longer than 0.05 s and was stopped' });
});
