/**
 * Ballot secrecy: a copy of the database file shows who voted and what was voted, but nothing joins the
 * two. The ballots table has no voter id and no time, and its rows are not kept in voting order.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openElection, testServer } from './helpers.ts';

/** Twelve different rankings: each voter's ballot can be recognised, so any order kept would link it. */
const RANKINGS = [
  ['Ann'], ['Bob'], ['Cat'], ['Ann', 'Bob'], ['Ann', 'Cat'], ['Bob', 'Ann'], ['Bob', 'Cat'], ['Cat', 'Ann'], ['Cat', 'Bob'],
  ['Ann', 'Bob', 'Cat'], ['Bob', 'Cat', 'Ann'], ['Cat', 'Ann', 'Bob'],
];

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
}

test('a copy of the database cannot link any voter to a ballot', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-secrecy-'));
  try {
    const s = await testServer(join(dir, 'live.db'));
    const { id, credentials } = await openElection(s, RANKINGS.length);
    // Voters vote in roll order v1, v2, ..., each with a recognisable ranking.
    for (const [i, c] of credentials.entries()) {
      const cast = await s.post(`/api/elections/${id}/votes`, { credential: c.credential, rankings: { office: RANKINGS[i] } }, {});
      assert.equal(cast.statusCode, 201);
    }
    // Closing the ballot rewrites the file and empties the write-ahead log, whose frames were in voting order.
    assert.equal((await s.post(`/api/elections/${id}/transitions`, { to: 'closed' })).statusCode, 200);
    assert.equal(statSync(join(dir, 'live.db-wal')).size, 0);
    copyFileSync(join(dir, 'live.db'), join(dir, 'copy.db'));
    await s.store.close();
    const db = new Database(join(dir, 'copy.db'), { readonly: true });

    // What is stored about a ballot: its random id, election, contest and the ranking. Nothing else.
    assert.deepEqual(columns(db, 'ballots'), ['id', 'election_id', 'contest_id', 'ranking']);
    assert.deepEqual(columns(db, 'receipts'), ['hash', 'election_id']);
    // No rowid to order by: the tables are WITHOUT ROWID, keyed by random values.
    assert.throws(() => db.prepare('SELECT rowid FROM ballots').all(), /no such column: rowid/);
    assert.throws(() => db.prepare('SELECT rowid FROM receipts').all(), /no such column: rowid/);
    // Who voted is a flag, with no time beside it.
    assert.deepEqual(columns(db, 'credentials'), ['hash', 'election_id', 'voter_id', 'revoked', 'used']);
    assert.ok(!columns(db, 'voters').some((c) => /time|at$|date/.test(c) && c !== 'joined'));

    // The ballots as the file holds them (key order) are not the voting order. For twelve distinct
    // ballots, a random order matches the voting order with probability 1/12! (about 2 in 10^9).
    const stored = (db.prepare('SELECT ranking FROM ballots').all() as { ranking: string }[]).map((r) => r.ranking);
    const voted = RANKINGS.map((r) => r.map((n) => ['Ann', 'Bob', 'Cat'].indexOf(n)).join(','));
    assert.deepEqual([...stored].sort(), [...voted].sort(), 'every ballot is in the box');
    assert.notDeepEqual(stored, voted);
    // Nor does any column of the ballots table sort them into voting order.
    for (const column of ['id', 'election_id', 'contest_id']) {
      const order = (db.prepare(`SELECT ranking FROM ballots ORDER BY ${column}, id`).all() as { ranking: string }[]).map((r) => r.ranking);
      assert.notDeepEqual(order, voted, `ordering by ${column}`);
    }
    // The only path from a voter to anything else is their credential hash, which no ballot row holds.
    const hashes = (db.prepare('SELECT hash FROM credentials').all() as { hash: string }[]).map((r) => r.hash);
    const ballotText = JSON.stringify(db.prepare('SELECT * FROM ballots').all()) + JSON.stringify(db.prepare('SELECT * FROM receipts').all());
    assert.ok(hashes.every((h) => !ballotText.includes(h)));
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the public audit log says how many voters were issued credentials or voted by post, never who; officers see who', async () => {
  const s = await testServer();
  const { id, credentials } = await openElection(s, 3);
  const base = `/api/elections/${id}`;
  for (const c of credentials.slice(0, 2)) assert.equal((await s.post(`${base}/votes`, { credential: c.credential, rankings: { office: ['Ann'] } }, {})).statusCode, 201);
  assert.equal((await s.post(`${base}/postal-ballots`, { voterId: 'v3', rankings: { office: ['Bob'] } })).statusCode, 201);
  for (const step of [() => s.post(`${base}/transitions`, { to: 'closed' }), () => s.post(`${base}/count`, {}), () => s.post(`${base}/transitions`, { to: 'published' })]) assert.equal((await step()).statusCode, 200);
  type Log = { head: string; entries: { action: string; data: unknown; hash: string }[] };
  const publicLog = (await s.get(`${base}/audit`, {})).json<Log>();
  const officersLog = (await s.get(`${base}/audit`)).json<Log>();
  // Without the salt (officers only) and the digest (public only), which hold no voter id.
  const voterEntries = (log: Log) =>
    log.entries.filter((e) => e.action === 'credentials issued' || e.action === 'postal ballot entered').map((e) => Object.fromEntries(Object.entries(e.data as object).filter(([k]) => k !== 'salt' && k !== 'sealed')));
  assert.deepEqual(voterEntries(officersLog), [{ issued: ['v1', 'v2', 'v3'], reissued: [] }, { voter: 'v3' }]);
  assert.deepEqual(voterEntries(publicLog), [{ issued: 3, reissued: 0 }, {}]);
  assert.doesNotMatch(JSON.stringify(publicLog), /"v[123]"|"salt"/);
  // The same entries and chain: the head and every hash agree.
  assert.equal(publicLog.head, officersLog.head);
  assert.deepEqual(publicLog.entries.map((e) => e.hash), officersLog.entries.map((e) => e.hash));
});
