/**
 * The solver wrapper: an abort inside HiGHS (its WebAssembly build throws rather than report running out
 * of memory) is an answer of "unknown", not a crash of the whole search.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highsSolver } from '../../src/analysis/mip.ts';

test('a solver that throws answers unknown, with its message', () => {
  const solver = highsSolver(() => {
    throw new Error('Aborted()');
  });
  assert.deepEqual(solver('Minimize\n cost: x\nEnd'), { status: 'unknown', detail: 'Aborted()' });
});

test('an optimal solution comes back as whole numbers', () => {
  const solver = highsSolver(() => ({ Status: 'Optimal', Columns: { m0: { Primal: 2.0000000001 }, a0: { Primal: 0 } } }));
  const outcome = solver('');
  assert.equal(outcome.status, 'optimal');
  assert.deepEqual(outcome.status === 'optimal' ? [...outcome.values] : [], [
    ['m0', 2n],
    ['a0', 0n],
  ]);
});
