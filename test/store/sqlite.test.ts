import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createElection } from '../../src/election/election.ts';
import type { Election } from '../../src/election/types.ts';
import { ok } from '../../src/result.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';

const tableNames = (db: Database.Database): string[] =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
const columnNames = (db: Database.Database, table: string): string[] =>
  db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];

function election(): Election {
  const made = createElection({
    title: 'Chair', schedule: {}, bodies: [], eligibility: { classes: ['member'], requireGoodStanding: true },
    contests: [{ id: 'c', title: 'Chair', method: 'irv', seats: 1, incumbentOnBallot: false, candidates: [] }],
  }, 'e1', '2026-01-01T00:00:00Z');
  if (!made.ok) throw new Error(made.error.message);
  return { ...made.value, status: 'nominations' };
}

const voter = (id: string, standing: 'good' | 'arrears' = 'good') => ({
  voter: { id, name: id, email: `${id}@example.org`, electorClass: 'member', joined: '2020-01-01', standing, segments: {} },
  ...(standing === 'good' ? {} : { ineligible: 'not in good standing (arrears)' }),
});

/** Runs `body` on a database file in a fresh folder, removed afterwards. */
async function withDatabaseFile(body: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-store-'));
  try {
    await body(join(dir, 'r.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Creates the database at `path` with one election (and its first audit entry) and closes it. */
async function createOneElection(path: string): Promise<void> {
  const store = await openSqliteStore(path);
  await store.createElection(election(), { actor: 'ro', action: 'election created', data: {} }, '2026-01-01T00:00:00Z');
  await store.close();
}

test('the database is in WAL mode, migrated once, and keeps its data across reopening', () =>
  withDatabaseFile(async (path) => {
    await createOneElection(path);
    const again = await openSqliteStore(path);
    assert.deepEqual((await again.listElections()).map((e) => e.id), ['e1']);
    await again.close();
    const raw = new Database(path);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    // One user_version step per migration: at least the four of this schema (2 envelopes, 3 system audit,
    // 4 disabled accounts), whose tables and column are there.
    assert.ok(MIGRATIONS.length >= 4);
    assert.equal(raw.pragma('user_version', { simple: true }), MIGRATIONS.length, 'every migration applied');
    assert.deepEqual(tableNames(raw).filter((t) => ['envelopes', 'system_audit', 'users'].includes(t)), ['envelopes', 'system_audit', 'users']);
    assert.ok(columnNames(raw, 'users').includes('disabled'));
    raw.close();
  }));

test('a database left at version 2 by an older release gets migrations 3 and 4 only, and keeps its rows', () =>
  withDatabaseFile(async (path) => {
    const old = new Database(path);
    old.exec(MIGRATIONS.slice(0, 2).join('\n'));
    old.pragma('user_version = 2');
    old.prepare("INSERT INTO users (id, username, role, password_hash) VALUES ('u1', 'ro', 'owner', 'h')").run();
    old.close();
    // Were 001 or 002 applied again, their CREATE TABLE would fail on the existing tables.
    await (await openSqliteStore(path)).close();
    const raw = new Database(path);
    assert.equal(raw.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.ok(tableNames(raw).includes('system_audit'), 'migration 3 applied');
    assert.deepEqual(raw.prepare('SELECT username, disabled FROM users').all(), [{ username: 'ro', disabled: 0 }], 'migration 4 applied, row kept');
    raw.close();
  }));

test('the database refuses to edit or delete audit entries', () =>
  withDatabaseFile(async (path) => {
    await createOneElection(path);
    const raw = new Database(path);
    assert.throws(() => raw.prepare("UPDATE audit_log SET actor = 'mallory'").run(), /append-only/);
    assert.throws(() => raw.prepare('DELETE FROM audit_log').run(), /append-only/);
    raw.close();
  }));

test('issuing credentials is all or nothing: one ineligible voter in a batch issues none', async () => {
  const store = await openSqliteStore(':memory:');
  await store.createElection(election(), { actor: 'ro', action: 'election created', data: {} }, 't');
  const roll = [voter('a'), voter('b'), voter('c', 'arrears')];
  await store.updateElection('e1', 't', (e) => ok({ election: e, audit: { actor: 'ro', action: 'roll imported', data: {} }, value: true, roll }));
  const all = () => ok(true as const);
  const refused = await store.issueCredentials('e1', 't', 'ro', all, [{ voterId: 'a', hash: 'h1' }, { voterId: 'c', hash: 'h2' }]);
  assert.ok(!refused.ok);
  assert.match(refused.error.message, /voter c is not eligible/);
  assert.equal(await store.credentialState('e1', 'h1'), 'unknown', 'the first credential of the batch was rolled back');
  assert.equal((await store.audit('e1')).length, 2, 'no audit entry for a refused batch');
  const issued = await store.issueCredentials('e1', 't', 'ro', all, [{ voterId: 'a', hash: 'h1' }]);
  assert.deepEqual(issued, { ok: true, value: 1 });
  await store.issueCredentials('e1', 't', 'ro', all, [{ voterId: 'a', hash: 'h3' }]);
  assert.equal(await store.credentialState('e1', 'h1'), 'revoked');
  assert.equal(await store.credentialState('e1', 'h3'), 'valid');
  // Each batch's entry also holds its random salt (election/audit.ts), left out here.
  const logged = (await store.audit('e1')).map(({ data: { salt: _salt, ...data } }) => data);
  assert.deepEqual(logged, [{}, {}, { issued: ['a'], reissued: [] }, { issued: [], reissued: ['a'] }]);
  const replace = await store.updateElection('e1', 't', (e) => ok({ election: e, audit: { actor: 'ro', action: 'roll imported', data: {} }, value: true, roll: [] }));
  assert.ok(!replace.ok && /credentials have been issued/.test(replace.error.message));
  await store.close();
});
