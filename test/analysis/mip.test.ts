/**
 * The solver wrapper: an abort inside HiGHS (its WebAssembly build throws rather than report running out
 * of memory) is an answer of "unknown", not a crash of the whole search; an objective comes back as the
 * whole number of ballots it bounds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highsSolver, loadHighsSolver } from '../../src/analysis/mip.ts';

test('a solver that throws answers unknown, with its message', () => {
  const solver = highsSolver(() => {
    throw new Error('Aborted()');
  });
  assert.deepEqual(solver('Minimize\n cost: x\nEnd'), { status: 'unknown', detail: 'Aborted()' });
});

test('an optimal solution comes back as whole numbers', () => {
  const solver = highsSolver(() => ({ Status: 'Optimal', Columns: { m0: { Primal: 2.0000000001 }, a0: { Primal: 0 } }, ObjectiveValue: 2.0000000001 }));
  const outcome = solver('');
  assert.equal(outcome.status, 'optimal');
  assert.deepEqual(outcome.status === 'optimal' ? [...outcome.values] : [], [
    ['m0', 2n],
    ['a0', 0n],
  ]);
  // An objective a hair above 2 is 2 within the solver's tolerance, not a bound of 3.
  assert.equal(outcome.status === 'optimal' ? outcome.bound : undefined, 2n);
});

test('a relaxation\'s objective rounds up to the whole ballots it bounds: 1.25 changes mean at least 2', async () => {
  const solver = await loadHighsSolver();
  // x + y ≥ 1.25 over continuous x, y ≥ 0: the optimum 1.25; as integers it would be 2.
  const outcome = solver('Minimize\n cost: x + y\nSubject To\n c: 4 x + 4 y >= 5\nEnd');
  assert.equal(outcome.status, 'optimal');
  assert.equal(outcome.status === 'optimal' ? outcome.bound : undefined, 2n);
});

test('a cutoff: 4x + 4y ≥ 9 in whole numbers costs 3, so below 3 nothing is found, below 4 the optimum is', async () => {
  const solver = await loadHighsSolver();
  const lp = 'Minimize\n cost: x + y\nSubject To\n c: 4 x + 4 y >= 9\nGeneral\n x y\nEnd';
  assert.equal(solver(lp, 3n).status, 'infeasible');
  const found = solver(lp, 4n);
  assert.equal(found.status === 'optimal' ? found.bound : undefined, 3n);
});
