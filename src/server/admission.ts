/**
 * The public compute endpoints (counting an uploaded ballot file or RCTab contest, the segment analysis)
 * each take a core for seconds and hold their upload in memory or on disk, and anyone may call them. One
 * admission limit, shared by all of them, lets at most `limit` run at once in the server and refuses the
 * rest at once with 503 and Retry-After. Refused rather than queued: a queue would hold every waiting
 * upload, and a browser waiting behind a long queue gives up anyway.
 */
import type { FastifyReply } from 'fastify';
import { err, ok, type Result } from '../result.ts';

/** Two, as the margin pool runs two searches at once: a small server's few cores stay shared with the rest. */
export const DEFAULT_COMPUTE_JOBS = 2;

/** A count or an analysis takes seconds; asking again sooner would most likely be refused again. */
export const RETRY_AFTER_SECONDS = 10;

export interface Busy {
  readonly message: string;
}

export class Admission {
  private running = 0;

  constructor(readonly limit: number = DEFAULT_COMPUTE_JOBS) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`admission limit must be a whole number of at least 1, not ${limit}`);
  }

  /** Runs `job` if fewer than `limit` jobs are running; otherwise refuses without starting it. */
  async admit<T>(job: () => Promise<T>): Promise<Result<T, Busy>> {
    if (this.running >= this.limit) {
      const jobs = this.limit === 1 ? 'one count or analysis' : `${this.limit} counts or analyses`;
      return err({ message: `the server is busy: it runs at most ${jobs} at once; try again in ${RETRY_AFTER_SECONDS} seconds` });
    }
    this.running++;
    try {
      return ok(await job());
    } finally {
      this.running--;
    }
  }
}

/** Marks a refused reply: 503 and when to ask again. The caller sends the page or the JSON error. */
export function busyReply(reply: FastifyReply): FastifyReply {
  return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS));
}
