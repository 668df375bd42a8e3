/** The console downloads the postal ballot papers that issuing credentials by post printed. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createUser } from '../../src/server/auth.ts';
import { createDelivery } from '../../src/server/delivery.ts';
import { signIn, testServer } from './helpers.ts';

test('a returning officer downloads a postal batch by its name; a scrutineer may not; other names are refused', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'rollover-batches-'));
  try {
    const s = await testServer(':memory:', 'test', { delivery: createDelivery({ outbox, from: 'ro@example.org' }) });
    const id = (await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
    const base = `/api/elections/${id}`;
    for (const name of ['Ann', 'Bob']) await s.post(`${base}/contests/office/candidates`, { name });
    await s.post(`${base}/transitions`, { to: 'nominations' });
    // Two voters without email: both get ballot papers, one page each.
    await s.post(`${base}/roll`, 'id,name,email,postal_address,class,joined,standing\nv1,Wyn,,"2 Low Rd, Town",member,2020-01-01,good\nv2,Xi,,"3 Mid St, Town",member,2020-01-01,good\n');
    await s.post(`${base}/transitions`, { to: 'voting' });
    const sent = (await s.post(`${base}/credentials`, { delivery: 'send' })).json<{ posted: number; postalBatch: string }>();
    assert.equal(sent.posted, 2);

    await createUser(s.store, 'rita', 'rita password 1', 'returning_officer');
    const rita = await signIn(s.app, 'rita', 'rita password 1');
    // A plain link sends only the cookie: a download changes nothing, so no CSRF token is asked for.
    const res = await s.get(`${base}/postal-batches/${sent.postalBatch}`, { cookie: rita.cookie ?? '' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], `attachment; filename="${sent.postalBatch}"`);
    assert.deepEqual(res.rawPayload, readFileSync(join(outbox, sent.postalBatch)), 'the very file written for the print room');
    assert.equal((res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length, 2);

    await createUser(s.store, 'sam', 'sam password 12', 'scrutineer');
    const sam = await signIn(s.app, 'sam', 'sam password 12');
    assert.equal((await s.get(`${base}/postal-batches/${sent.postalBatch}`, sam)).statusCode, 403);
    assert.equal((await s.get(`${base}/postal-batches/..%2F..%2Fetc%2Fpasswd`)).statusCode, 400, 'only batch names');
    assert.equal((await s.get(`${base}/postal-batches/ballot-papers-1-99.pdf`)).statusCode, 404);
    assert.equal((await s.get(`/api/elections/nope/postal-batches/${sent.postalBatch}`)).statusCode, 404);
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
});

test('without a delivery configured there are no batches to download', async () => {
  const s = await testServer();
  const id = (await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
  assert.equal((await s.get(`/api/elections/${id}/postal-batches/ballot-papers-1-1.pdf`)).statusCode, 404);
});
