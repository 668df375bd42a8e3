/**
 * Postal ballot papers in the console: issuing credentials by post (by form) prints a batch; the
 * election's page lists every batch printed (when, by whom, how many papers, a download link) and who
 * has downloaded it, from the audit log. A batch downloads only under the election it was printed for.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createUser } from '../../src/server/auth.ts';
import { createDelivery } from '../../src/server/delivery.ts';
import { signIn, testServer } from '../server/helpers.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

test('a batch printed by form is listed with its papers, its link and who downloaded it', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'rollover-postal-'));
  try {
    const s = await testServer(':memory:', 'test', { delivery: createDelivery({ outbox, from: 'ro@example.org' }) });
    const newElection = async (title: string) => (await s.post('/api/elections', { preset: 'generic-irv', title })).json<{ id: string }>().id;
    const id = await newElection('Chair');
    const other = await newElection('Treasurer');
    const base = `/api/elections/${id}`;
    for (const name of ['Ann', 'Bob']) await s.post(`${base}/contests/office/candidates`, { name });
    await s.post(`${base}/transitions`, { to: 'nominations' });
    // Three voters: one with an email (emailed), two with only a postal address (one paper each).
    await s.post(`${base}/roll`, 'id,name,email,postal_address,class,joined,standing\nv1,Vi,v1@example.org,,member,2020-01-01,good\nv2,Wyn,,"2 Low Rd, Town",member,2020-01-01,good\nv3,Xi,,"3 Mid St, Town",member,2020-01-01,good\n');
    await s.post(`${base}/transitions`, { to: 'voting' });
    assert.doesNotMatch((await s.get(`/admin/elections/${id}`)).body, /Postal ballot papers/, 'no batch printed yet');

    const fields = { _csrf: s.admin['x-csrf-token'] ?? '', _back: `/admin/elections/${id}`, _form: 'f', _done: 'Done.', delivery: 'send' };
    const sent = await s.app.inject({ method: 'POST', url: `/admin/elections/${id}/credentials`, headers: { ...FORM, cookie: s.admin.cookie ?? '' }, payload: new URLSearchParams(fields).toString() });
    assert.equal(sent.statusCode, 303);
    const flash = sent.cookies.find((c) => c.name === 'rollover_flash')?.value ?? '';
    const page = (await s.app.inject({ method: 'GET', url: `/admin/elections/${id}`, headers: { cookie: `${s.admin.cookie ?? ''}; rollover_flash=${flash}` } })).body;
    const batch = /postal-batches\/(ballot-papers-\d+-\d+\.pdf)/.exec(page)?.[1] ?? '';
    assert.match(page, new RegExp(`<p>Emailed 1; 2 printed on postal ballot papers\\. <a href="${base}/postal-batches/${batch}" download>Download the postal ballot papers \\(PDF\\)</a></p>`));
    assert.match(page, new RegExp(`<tr><td>2026-03-01T09:00:00.000Z</td><td>owner</td><td class="num">2</td><td><a href="${base}/postal-batches/${batch}" download>${batch}</a></td><td>not yet</td></tr>`));

    await createUser(s.store, 'rita', 'rita password 1', 'returning_officer');
    const rita = await signIn(s.app, 'rita', 'rita password 1');
    s.clock.now = new Date('2026-03-01T10:30:00Z');
    assert.equal((await s.get(`${base}/postal-batches/${batch}`, { cookie: rita.cookie ?? '' })).statusCode, 200);
    assert.equal((await s.get(`/api/elections/${other}/postal-batches/${batch}`)).statusCode, 404, 'not printed for that election');
    const after = (await s.get(`/admin/elections/${id}`)).body;
    assert.match(after, new RegExp(`${batch}</a></td><td>rita at 2026-03-01T10:30:00.000Z</td></tr>`));
    assert.match(after, /<td>owner<\/td><td>postal ballot papers printed<\/td>.*<td>rita<\/td><td>postal ballot papers downloaded<\/td>/s, 'both in the audit log');
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
});
