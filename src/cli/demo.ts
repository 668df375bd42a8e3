/**
 * `rollover demo`: a Labour-style leadership election (leader and deputy, three elector classes, a few
 * thousand voters from a seeded generator) run through the HTTP API of a fresh database. With --serve
 * (`npm start`) it stops with voting open and part of the electorate voted, prints the admin login and
 * some credentials, and serves; without, it votes, closes, counts, publishes, prints the result and
 * verifies the published files.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { RandomBytes } from '../election/credentials.ts';
import { commandAction, invalidInput, success, usageError, type Outcome } from './exit.ts';
import { parsePort } from './serve.ts';

interface DemoOptions {
  readonly serve?: true;
  readonly voters: number;
  readonly db?: string;
  readonly seed: string;
  readonly port?: number;
}

function parseVoters(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 10 || n > 1_000_000) throw new InvalidArgumentError(`"${text}" is not a number of voters from 10 to 1000000`);
  return n;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run a simulated Labour-style leadership election through the HTTP API (--serve: leave it open and serve it)')
    .option('--serve', 'stop with voting open and serve the election on localhost')
    .option('--voters <N>', 'voters on the roll', parseVoters, 3000)
    .option('--db <PATH>', 'a new SQLite database file (default: a fresh file in the system temporary folder)')
    .option('--seed <S>', 'seed of the generated roll and votes', 'rollover-demo')
    .option('--port <N>', 'port with --serve (default: PORT or 3000)', parsePort)
    .action(commandAction(async (options: DemoOptions): Promise<Outcome> => runDemo(options)));
}

/** Calls the API as a signed-in administrator would, failing loudly: the demo's data is always valid. */
class Api {
  private readonly app: FastifyInstance;
  private headers: Record<string, string> = {};

  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async call<T>(method: 'GET' | 'POST', url: string, body?: unknown, expect = [200, 201]): Promise<T> {
    const csv = typeof body === 'string';
    const res = await this.app.inject({
      method, url, headers: { ...this.headers, ...(csv ? { 'content-type': 'text/csv' } : {}) },
      ...(body === undefined ? {} : { payload: csv ? body : (body as object) }),
    });
    if (!expect.includes(res.statusCode)) throw new Error(`demo: ${method} ${url} gave ${res.statusCode}: ${res.body}`);
    return res.json<T>();
  }

  async text(url: string): Promise<string> {
    return (await this.app.inject({ method: 'GET', url, headers: this.headers })).body;
  }

  async signIn(username: string, password: string): Promise<void> {
    const res = await this.app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
    const cookie = res.cookies.find((c) => c.name === 'rollover_session')?.value ?? '';
    this.headers = { cookie: `rollover_session=${cookie}`, 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken };
  }
}

/** Prints as it goes (the demo is a show); returns the outcome for the exit code. */
async function runDemo(options: DemoOptions): Promise<Outcome> {
  const { openSqliteStore } = await import('../store/sqlite.ts');
  const { buildApp } = await import('../server/app.ts');
  const { seededRandom } = await import('../election/seeded.ts');
  const { ensureOwner, serve } = await import('./serve.ts');

  const path = options.db ?? join(tmpdir(), `rollover-demo-${process.pid}-${Date.now()}.db`);
  if (existsSync(path)) return usageError(`${path} exists; the demo needs a fresh database`);
  const store = await openSqliteStore(path);
  const password = randomBytes(9).toString('base64url');
  await ensureOwner(store, password);
  // Voter data and votes are seeded (reproducible); credentials and receipts use real randomness.
  const { createDelivery } = await import('../server/delivery.ts');
  const outbox = mkdtempSync(join(tmpdir(), 'rollover-demo-outbox-'));
  const port = options.port ?? parsePort(process.env.PORT ?? '3000');
  const delivery = createDelivery({ outbox, from: 'returning-officer@example.org' });
  const app = await buildApp({ store, clock: () => new Date(), random: (n) => randomBytes(n), pepper: '', delivery, publicUrl: `http://localhost:${port}` });
  const api = new Api(app);
  await api.signIn('admin', password);
  const seeded = seededRandom(options.seed);

  console.log(`Demo database: ${path} (a new file in ${options.db === undefined ? 'the system temporary folder' : 'the path given'})`);
  console.log(`Setting up the election and casting votes through the API (each ballot is synced to disk, so this takes a few seconds)...`);
  const { id, credentials, classes } = await setUpElection(api, options.voters, seeded);
  const share = options.serve ? 40 : 75;
  const cast = await castVotes(api, id, credentials, classes, share, seeded);
  console.log(`Roll: ${options.voters} voters generated; ${credentials.length} eligible credentials issued; ${cast.voted} ballots cast (${share}% target).`);

  if (options.serve) {
    // Three more voters get their credentials the real way: by email into the outbox, or on a ballot paper.
    const { demoHasEmail } = await import('../election/demo-data.ts');
    const { credentialPath, resultsPath, votePath } = await import('../web/links.ts');
    const spare = cast.unused.slice(5);
    const sendTo = [...spare.filter((c) => demoHasEmail(c.voterId)).slice(0, 2), ...spare.filter((c) => !demoHasEmail(c.voterId)).slice(0, 1)];
    const sent = await api.call<{ emailed: number; posted: number }>('POST', `/api/elections/${id}/credentials`, { voters: sendTo.map((c) => c.voterId), delivery: 'send' });
    console.log(`\nOutbox (emails as .eml, postal ballot papers as PDF): ${outbox} (${sent.emailed} emailed, ${sent.posted} on paper)`);
    console.log('Admin login: username admin, password', password);
    const site = `http://localhost:${port}`;
    console.log(`Home page: ${site}/ · administration: ${site}/admin · count a ballot file: ${site}/count`);
    console.log(`Vote in a browser at ${site}${votePath(id)} with one of these credentials (not yet used), or open its link:`);
    for (const c of cast.unused.slice(0, 5)) console.log(`  ${c.voterId}: ${c.credential}  ${site}${credentialPath(id, c.credential)}`);
    console.log(`Once counted and published, the result is at ${site}${resultsPath(id)}`);
    console.log('');
    await serve(store, { port, host: '127.0.0.1' }, app);
    return success('');
  }
  const verified = await finish(api, id);
  await store.close();
  return verified ? success('') : invalidInput('the published result did not verify');
}

async function setUpElection(api: Api, voters: number, seeded: RandomBytes) {
  const { DEMO_LEADER, DEMO_DEPUTY, DEMO_NOMINATIONS, demoRoll } = await import('../election/demo-data.ts');
  const { id } = await api.call<{ id: string }>('POST', '/api/elections', { preset: 'labour-2020', title: 'Labour Party leadership election (demo)' });
  const base = `/api/elections/${id}`;
  await api.call('POST', `${base}/transitions`, { to: 'nominations' });
  for (const name of DEMO_LEADER) await api.call('POST', `${base}/contests/leader/candidates`, { name });
  for (const name of DEMO_DEPUTY) await api.call('POST', `${base}/contests/deputy/candidates`, { name });
  const nominations: object[] = [];
  const next: Record<string, number> = {};
  const nominate = (contest: string, body: string, candidate: string, n: number, kind?: string): void => {
    for (let i = 0; i < n; i++) {
      const key = `${contest}/${body}`;
      next[key] = (next[key] ?? 0) + 1;
      nominations.push({ contest, body, nominator: `${body.toUpperCase()} ${next[key]}`, candidate, ...(kind === undefined ? {} : { kind }) });
    }
  };
  for (const n of DEMO_NOMINATIONS) {
    nominate(n.contest, 'plp', n.candidate, n.plp);
    nominate(n.contest, 'clp', n.candidate, n.clp);
    nominate(n.contest, 'affiliates', n.candidate, n.unions, 'union');
    nominate(n.contest, 'affiliates', n.candidate, n.societies, 'society');
  }
  for (let i = 0; i < nominations.length; i += 1000) await api.call('POST', `${base}/nominations/batch`, { nominations: nominations.slice(i, i + 1000) });
  const roll = demoRoll(voters, seeded);
  await api.call('POST', `${base}/roll`, roll.csv);
  const { credentials } = await api.call<{ credentials: { voterId: string; credential: string }[] }>('POST', `${base}/credentials`, {});
  await api.call('POST', `${base}/transitions`, { to: 'voting' });
  return { id, credentials, classes: new Map(roll.voters.map((v) => [v.id, v.electorClass])) };
}

async function castVotes(
  api: Api, id: string, credentials: readonly { voterId: string; credential: string }[], classes: ReadonlyMap<string, string>, share: number, seeded: RandomBytes,
) {
  const { demoBallot } = await import('../election/demo-data.ts');
  const { seededInt } = await import('../election/seeded.ts');
  const unused: { voterId: string; credential: string }[] = [];
  let voted = 0;
  for (const c of credentials) {
    if (seededInt(seeded, 100) >= share) {
      unused.push(c);
      continue;
    }
    const rankings = demoBallot(seeded, classes.get(c.voterId) ?? 'member');
    await api.call('POST', `/api/elections/${id}/votes`, { credential: c.credential, rankings });
    voted++;
  }
  return { voted, unused };
}

interface ResultView {
  contests: { title: string; count: { winners: string[]; rounds: { round: number; tally: Record<string, string>; excluded: string[] }[] } }[];
  turnout: { electorClass: string; eligible: number; voted: number; percent: string }[];
  auditHead: string;
}

/** The published turnout, or why there is none: under the privacy threshold it is withheld, not zero. */
async function turnoutText(turnout: ResultView['turnout']): Promise<string> {
  if (turnout.length === 0) {
    const { DEFAULT_PRIVACY_THRESHOLD } = await import('../analysis/breakdown.ts');
    return `\nTurnout by elector class: withheld, as fewer than ${DEFAULT_PRIVACY_THRESHOLD} ballots were cast in all (the privacy threshold: smaller counts could identify voters).`;
  }
  return ['\nTurnout by elector class:', ...turnout.map((t) => `  ${t.electorClass}: ${t.voted} of ${t.eligible} (${t.percent}%)`)].join('\n');
}

async function finish(api: Api, id: string): Promise<boolean> {
  const { writeResultDir, readResultDir } = await import('./verify.ts');
  const { verifyPublished } = await import('../election/verify.ts');
  const base = `/api/elections/${id}`;
  await api.call('POST', `${base}/transitions`, { to: 'closed' });
  await api.call('POST', `${base}/count`);
  await api.call('POST', `${base}/transitions`, { to: 'published' });
  const result = await api.call<ResultView & { files: string[] }>('GET', `${base}/results`);
  for (const c of result.contests) {
    console.log(`\n${c.title}`);
    for (const r of c.count.rounds) {
      const tally = Object.entries(r.tally).map(([n, v]) => `${n} ${v}`).join(', ');
      console.log(`  round ${r.round}: ${tally}${r.excluded.length > 0 ? `; excluded ${r.excluded.join(', ')}` : ''}`);
    }
    console.log(`  elected: ${c.count.winners.join(', ')}`);
  }
  console.log(await turnoutText(result.turnout));
  const dir = mkdtempSync(join(tmpdir(), 'rollover-demo-result-'));
  const files = new Map<string, string>();
  for (const url of result.files) {
    const name = url.split('/').pop() ?? '';
    files.set(name, await api.text(url));
  }
  await writeResultDir(dir, files);
  const read = await readResultDir(dir);
  const verified = read.ok ? verifyPublished(read.value) : read;
  console.log(`\nPublished files in ${dir}; audit chain head ${result.auditHead}`);
  console.log(verified.ok ? `rollover verify ${dir}: verified` : `rollover verify ${dir}: FAILED: ${verified.error}`);
  return verified.ok;
}
