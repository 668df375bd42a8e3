/**
 * The server side of the service benchmark, run as its own process so that the load generator does not
 * share its event loop: `service` is the election service with an election open for voting (credentials
 * written to a file for the client), `bare` a Fastify route that inserts one row into SQLite with the same
 * durability (WAL, synchronous=FULL, one transaction per request). Prints "ready PORT" when listening.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { ElectionService } from '../src/election/service.ts';
import { buildApp } from '../src/server/app.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';

const [mode, db, credentialsFile, votersText] = process.argv.slice(2);

async function service(): Promise<{ listen: (o: { port: number; host: string }) => Promise<string> }> {
  const store = await openSqliteStore(db ?? '');
  const deps = { store, clock: () => new Date(), random: (n: number) => randomBytes(n), pepper: '' };
  const svc = new ElectionService(deps);
  const made = await svc.create({
    title: 'Bench', schedule: {}, bodies: [], eligibility: { classes: ['member'], requireGoodStanding: true },
    contests: [{ id: 'c', title: 'Chair', method: 'irv', seats: 1, incumbentOnBallot: false, candidates: ['Ann', 'Bob', 'Cat'].map((name) => ({ name, incumbent: false, withdrawn: false })) }],
  }, 'bench');
  if (!made.ok) throw new Error(made.error.message);
  const id = made.value.id;
  await svc.move(id, 'nominations', 'bench');
  const voters = Number(votersText);
  const rows = Array.from({ length: voters }, (_, i) => `v${i},V${i},v${i}@example.org,,member,2020-01-01,good`);
  const roll = await svc.importRoll(id, `id,name,email,postal_address,class,joined,standing\n${rows.join('\n')}\n`, 'bench');
  if (!roll.ok) throw new Error('roll');
  const issued = await svc.issueCredentials(id, rows.map((_, i) => `v${i}`), 'bench');
  if (!issued.ok) throw new Error(issued.error.message);
  await svc.move(id, 'voting', 'bench');
  writeFileSync(credentialsFile ?? '', JSON.stringify({ url: `/api/elections/${id}/votes`, credentials: issued.value.map((c) => c.credential) }));
  return buildApp(deps);
}

function bare(): { listen: (o: { port: number; host: string }) => Promise<string> } {
  const sqlite = new Database(db ?? '');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('CREATE TABLE IF NOT EXISTS ballots (id TEXT PRIMARY KEY, ranking TEXT NOT NULL) WITHOUT ROWID');
  const insert = sqlite.prepare('INSERT INTO ballots (id, ranking) VALUES (?, ?)');
  const app = Fastify();
  app.post('/insert', (request) => {
    const body = request.body as { rankings?: { c?: string[] } };
    insert.run(randomUUID(), JSON.stringify(body.rankings?.c ?? []));
    return { receipt: randomUUID() };
  });
  writeFileSync(credentialsFile ?? '', JSON.stringify({ url: '/insert', credentials: [] }));
  return app;
}

const server = mode === 'service' ? await service() : bare();
const address = await server.listen({ port: 0, host: '127.0.0.1' });
console.log(`ready ${new URL(address).port}`);
