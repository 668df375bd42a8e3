/**
 * `rollover serve`: the election service on a port (PORT, default 3000) with a SQLite database
 * (DATABASE_URL or --db, default ./rollover.db). Credentials are emailed through SMTP_URL (from MAIL_FROM)
 * or, without SMTP, written with postal ballot papers to ROLLOVER_OUTBOX (default ./outbox); links in them
 * use PUBLIC_URL. ROLLOVER_PEPPER, if set, is mixed into credential hashes. On a database without accounts it creates the owner
 * `admin` and prints its password once (or takes ROLLOVER_ADMIN_PASSWORD). --compute-jobs sets how many
 * public compute jobs (uploaded counts, segment analyses) may run at once (server/admission.ts).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { FastifyInstance } from 'fastify';
import { err, ok, type Result } from '../result.ts';
import { DEFAULT_COMPUTE_JOBS } from '../server/admission.ts';
import type { Store } from '../store/store.ts';
import { commandAction, success, usageError, type Outcome } from './exit.ts';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  /** The public compute-job limit; the server's default when absent. */
  readonly computeJobs?: number;
}

export function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${text}" is not a port number`);
  return n;
}

/** A whole number of at least 1, written in digits ("2", not "2.0", "1e1" or "-1"). */
export function parseComputeJobs(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`"${text}" is not a whole number of at least 1`);
  return n;
}

/** The database path from --db, else DATABASE_URL (a path or sqlite: URL), else ./rollover.db. */
export function databasePath(db: string | undefined, env: NodeJS.ProcessEnv): Result<string, string> {
  const url = db ?? env.DATABASE_URL ?? './rollover.db';
  if (/^postgres(ql)?:/.test(url)) return err(`cannot use ${url}: this build stores elections in SQLite only; give a file path`);
  return ok(url.replace(/^sqlite:(\/\/)?/, ''));
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the election service (HTTP API, home page at /, API docs at /api/docs)')
    .option('--db <PATH>', 'SQLite database file (default: DATABASE_URL or ./rollover.db)')
    .option('--port <N>', 'port (default: PORT or 3000)', parsePort)
    .option('--host <HOST>', 'address to listen on', '127.0.0.1')
    .option('--compute-jobs <N>', `how many uploaded counts and segment analyses may run at once; more are answered 503 with Retry-After (default ${DEFAULT_COMPUTE_JOBS})`, parseComputeJobs)
    .action(commandAction(async (options: { db?: string; port?: number; host: string; computeJobs?: number }): Promise<Outcome> => {
      const path = databasePath(options.db, process.env);
      if (!path.ok) return usageError(path.error);
      const port = options.port ?? Number(process.env.PORT ?? '3000');
      if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(`PORT "${process.env.PORT ?? ''}" is not a port number`);
      const { openSqliteStore } = await import('../store/sqlite.ts');
      const store = await openSqliteStore(path.value);
      const password = await ensureOwner(store, process.env.ROLLOVER_ADMIN_PASSWORD);
      if (password !== undefined) console.log(`Created the owner account: username admin, password ${password}`);
      await serve(store, { port, host: options.host, ...(options.computeJobs === undefined ? {} : { computeJobs: options.computeJobs }) });
      return success('');
    }));
}

/** Creates the owner account `admin` when there is none; returns its password if it was generated. */
export async function ensureOwner(store: Store, given: string | undefined): Promise<string | undefined> {
  if ((await store.countUsers()) > 0) return undefined;
  const { randomBytes } = await import('node:crypto');
  const { createUser } = await import('../server/auth.ts');
  const password = given ?? randomBytes(12).toString('base64url');
  await createUser(store, 'admin', password, 'owner');
  return given === undefined ? password : undefined;
}

/** Listens until SIGINT or SIGTERM, then closes the server and the database cleanly. */
export async function serve(store: Store, options: ServeOptions, app?: FastifyInstance): Promise<void> {
  const { randomBytes } = await import('node:crypto');
  const { buildApp } = await import('../server/app.ts');
  const { createDelivery, deliveryFromEnv } = await import('../server/delivery.ts');
  const server = app ?? await buildApp({
    store, clock: () => new Date(), random: (n) => randomBytes(n), pepper: process.env.ROLLOVER_PEPPER ?? '',
    delivery: createDelivery(deliveryFromEnv(process.env, process.env.ROLLOVER_OUTBOX ?? './outbox')),
    publicUrl: process.env.PUBLIC_URL ?? `http://localhost:${options.port}`,
    ...(options.computeJobs === undefined ? {} : { computeJobs: options.computeJobs }),
  });
  const { ElectionService } = await import('../election/service.ts');
  const scheduler = new ElectionService({ store, clock: () => new Date(), random: (n) => randomBytes(n), pepper: process.env.ROLLOVER_PEPPER ?? '' });
  // Scheduled openings and closings happen within a minute of their time, and are audited as "scheduler".
  const timer = setInterval(() => void scheduler.applySchedule().then((moves) => moves.forEach((m) => console.log(`schedule: ${m}`))), 60_000);
  const address = await server.listen({ port: options.port, host: options.host });
  console.log(`Rollover is serving on ${address} (home page ${address}/, API docs ${address}/api/docs). Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(timer);
  await server.close();
  await store.close();
}
