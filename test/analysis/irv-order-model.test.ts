/**
 * The new ballots of a suffix's program are a flow (irv-order-model.ts). Hand-worked on the suffix
 * [A, B, C] (A excluded first, then B, C wins): arcs are numbered source→A, →B, →C, →sink (a0–a3),
 * A→B, A→C, A→sink (a4–a6), B→C, B→sink (a7, a8), C→sink (a9): (3 + 1)(3 + 2)/2 = 10 variables, where
 * a variable per path would need 2³ = 8 and, for 16 candidates, 65 536 against the flow's 153.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CandidateIndex, Contest } from '../../src/count/ballots.ts';
import { marginBallots } from '../../src/analysis/changeable.ts';
import { buildOrderModel, newBallotsOf } from '../../src/analysis/irv-order-model.ts';

const [A, B, C]: [CandidateIndex, CandidateIndex, CandidateIndex] = [0, 1, 2];
const contest: Contest = { title: 'Flow', seats: 1, candidates: ['A', 'B', 'C'], withdrawn: [], ballots: [{ ranking: [A], weight: 3n }, { ranking: [B], weight: 2n }, { ranking: [C], weight: 4n }] };
const model = buildOrderModel(marginBallots(contest), [A, B, C], () => 0);
const values = (a: Record<number, bigint>): Map<string, bigint> => new Map(Object.entries(a).map(([k, v]) => [`a${k}`, v]));

test('one flow variable per arc: 10 for three candidates, 153 for sixteen', () => {
  assert.equal(model.arcs.length, 10);
  const sixteen = Array.from({ length: 16 }, (_, i): CandidateIndex => i);
  assert.equal(buildOrderModel(marginBallots(contest), sixteen, () => 0).arcs.length, 153);
});

test('a flow splits into whole new ballots: 2 into A (one on to C, one ending), 1 into B', () => {
  // source→A 2, A→C 1, A→sink 1, source→B 1, B→sink 1, C→sink 1.
  const ballots = newBallotsOf(model, values({ 0: 2n, 5: 1n, 6: 1n, 1: 1n, 8: 1n, 9: 1n }));
  const seen = (ballots ?? []).map((b) => `${b.path.map((c) => contest.candidates[c]).join('')}×${b.n}`).sort();
  assert.deepEqual(seen, ['AC×1', 'A×1', 'B×1']);
});

test('the blank ballot is the source straight to the sink', () => {
  assert.deepEqual(newBallotsOf(model, values({ 3: 2n })), [{ path: [], n: 2n }]);
});

test('a flow that does not conserve (into A, never out) is no answer', () => {
  assert.equal(newBallotsOf(model, values({ 0: 1n })), undefined);
  assert.equal(newBallotsOf(model, values({ 0: 1n, 6: 1n, 9: 1n })), undefined);
});
