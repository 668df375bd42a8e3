/** One credential, one ballot: fifty submissions at once with the same credential record exactly one. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openElection, testServer } from './helpers.ts';

test('50 concurrent submissions with one credential record exactly one ballot', async () => {
  // A file database in WAL mode, as in production, rather than an in-memory one.
  const dir = mkdtempSync(join(tmpdir(), 'rollover-concurrency-'));
  try {
    const s = await testServer(join(dir, 'votes.db'));
    const { id, credentials } = await openElection(s, 3);
    const credential = credentials[0]?.credential ?? '';
    const submissions = Array.from({ length: 50 }, (_, i) =>
      s.post(`/api/elections/${id}/votes`, { credential, rankings: { office: [['Ann', 'Bob', 'Cat'][i % 3] ?? 'Ann'] } }, {}),
    );
    const statuses = (await Promise.all(submissions)).map((r) => r.statusCode);
    assert.equal(statuses.filter((c) => c === 201).length, 1);
    assert.equal(statuses.filter((c) => c === 409).length, 49);
    assert.equal((await s.store.ballots(id, 'office')).length, 1);
    assert.deepEqual((await s.store.turnout(id)).map((t) => t.voted), [1]);
    await s.store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
