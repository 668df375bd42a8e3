/**
 * Exact IRV margins computed in worker threads (node:worker_threads), so a search of seconds or minutes
 * never stalls the server's other requests. Each run has a time limit after which its worker is stopped;
 * at most two run at once (the search is CPU-bound), the rest wait their turn.
 *
 * The worker's code is margin-worker.ts. From source (tests, `tsx`) it is loaded through tsx's ESM API,
 * registered inside the worker, since a worker does not inherit the main thread's loader hooks. From the
 * bundle, import.meta.url is dist/cli.cjs and the worker is its sibling dist/margin-worker.cjs, which
 * scripts/build.mjs must bundle as an entry point of its own.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SegmentMargin } from '../analysis/irv-margin.ts';
import type { Contest } from '../count/ballots.ts';
import type { Result } from '../result.ts';

export interface MarginTask {
  readonly contest: Contest;
  readonly maxNodes: number;
  /** A segment's margin: which of contest.ballots may change (by index). Absent: any ballot may. */
  readonly changeable?: readonly boolean[];
}

export type MarginRun =
  | { readonly kind: 'done'; readonly margin: Result<SegmentMargin, string> }
  /** The worker ran out of time or could not run: only the bounds are known. */
  | { readonly kind: 'stopped'; readonly reason: string };

const AT_ONCE = 2;

export class MarginPool {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limitMs: number) {}

  async run(task: MarginTask): Promise<MarginRun> {
    if (this.running >= AT_ONCE) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await this.inWorker(task);
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  private inWorker(task: MarginTask): Promise<MarginRun> {
    return new Promise((resolve) => {
      const worker = startWorker(task);
      // Neither the worker nor its timer keeps a process that is otherwise done (a test, a closed server) alive.
      worker.unref();
      const finish = (run: MarginRun): void => {
        clearTimeout(timer);
        void worker.terminate();
        resolve(run);
      };
      const timer = setTimeout(() => finish({ kind: 'stopped', reason: `the exact search took longer than ${this.limitMs / 1000} s and was stopped` }), this.limitMs);
      timer.unref();
      worker.once('message', (margin: Result<SegmentMargin, string>) => finish({ kind: 'done', margin }));
      worker.once('error', (e) => finish({ kind: 'stopped', reason: `the exact search could not run: ${e.message}` }));
      worker.once('exit', (code) => finish({ kind: 'stopped', reason: `the exact search ended without a result (exit ${code})` }));
    });
  }
}

function startWorker(task: MarginTask): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./margin-worker.cjs', here), { workerData: task });
  const source = JSON.stringify(new URL('./margin-worker.ts', here).href);
  const code = `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${source}); })`;
  return new Worker(code, { eval: true, workerData: task });
}

/** tsx's ESM API as its package.json exports it (the CommonJS build of that entry cannot be imported). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']?.import?.default ?? '')).href;
}

/** The promise's value if it settles within `ms`, else undefined (the work goes on). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
