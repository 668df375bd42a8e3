/**
 * The worker thread of margin-pool.ts: computes one exact IRV margin away from the server's event loop and
 * posts the result back (bigints and all: workers pass structured clones). It runs from source through tsx
 * and, bundled, as dist/margin-worker.cjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { irvMargin } from '../analysis/irv-margin.ts';
import { loadHighsSolver } from '../analysis/mip.ts';
import type { MarginTask } from './margin-pool.ts';

async function run(task: MarginTask): Promise<void> {
  const margin = irvMargin(task.contest, await loadHighsSolver(), { maxNodes: task.maxNodes });
  parentPort?.postMessage(margin);
}

void run(workerData as MarginTask);
