/**
 * The worker thread of margin-pool.ts: computes one exact IRV margin (of a segment, when the task says which
 * ballots may change) away from the server's event loop and
 * posts the result back (bigints and all: workers pass structured clones). It runs from source through tsx
 * and, bundled, as dist/margin-worker.cjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { irvMargin, irvSegmentMargin, type SegmentMargin } from '../analysis/irv-margin.ts';
import { loadHighsSolver } from '../analysis/mip.ts';
import { ok, type Result } from '../result.ts';
import type { MarginTask } from './margin-pool.ts';

async function run({ contest, maxNodes, changeable }: MarginTask): Promise<void> {
  const solver = await loadHighsSolver();
  const found: Result<SegmentMargin, string> = changeable
    ? irvSegmentMargin(contest, solver, (i) => changeable[i] === true, { maxNodes })
    : map(irvMargin(contest, solver, { maxNodes }), (margin) => ({ kind: 'margin', margin }));
  parentPort?.postMessage(found);
}

function map<T, U>(r: Result<T, string>, f: (value: T) => U): Result<U, string> {
  return r.ok ? ok(f(r.value)) : r;
}

void run(workerData as MarginTask);
