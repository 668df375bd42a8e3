/** A server on a fresh in-memory database with a fixed clock, seeded randomness and a signed-in owner. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { seededRandom } from '../../src/election/seeded.ts';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { createUser } from '../../src/server/auth.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';

export interface TestServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** Headers of the signed-in owner: session cookie and CSRF token. */
  readonly admin: Record<string, string>;
  readonly clock: { now: Date };
  post(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'rollover_session');
  const { csrfToken } = res.json<{ csrfToken: string }>();
  return { cookie: `rollover_session=${cookie?.value ?? ''}`, 'x-csrf-token': csrfToken };
}

export async function testServer(path = ':memory:', seed = 'test', extra: Partial<AppOptions> = {}): Promise<TestServer> {
  const store = await openSqliteStore(path);
  const clock = { now: new Date('2026-03-01T09:00:00Z') };
  const app = await buildApp({ store, clock: () => clock.now, random: seededRandom(seed), pepper: 'pepper', ...extra });
  await createUser(store, 'owner', 'correct horse battery', 'owner');
  const admin = await signIn(app, 'owner', 'correct horse battery');
  return {
    app, store, admin, clock,
    post: (url, body, headers = admin) =>
      typeof body === 'string'
        ? app.inject({ method: 'POST', url, payload: body, headers: { ...headers, 'content-type': 'text/csv' } })
        : app.inject({ method: 'POST', url, payload: body as object, headers }),
    get: (url, headers = admin) => app.inject({ method: 'GET', url, headers }),
  };
}

/** A generic IRV election (candidates Ann, Bob, Cat) open for voting, with `voters` members holding credentials. */
export async function openElection(s: TestServer, voters: number): Promise<{ id: string; credentials: { voterId: string; credential: string }[] }> {
  const id = (await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
  const base = `/api/elections/${id}`;
  for (const name of ['Ann', 'Bob', 'Cat']) await s.post(`${base}/contests/office/candidates`, { name });
  await s.post(`${base}/transitions`, { to: 'nominations' });
  const rows = Array.from({ length: voters }, (_, i) => `v${i + 1},Voter ${i + 1},v${i + 1}@example.org,,member,2020-01-01,good`);
  await s.post(`${base}/roll`, `id,name,email,postal_address,class,joined,standing\n${rows.join('\n')}\n`);
  const credentials = (await s.post(`${base}/credentials`, {})).json<{ credentials: { voterId: string; credential: string }[] }>().credentials;
  await s.post(`${base}/transitions`, { to: 'voting' });
  return { id, credentials };
}
