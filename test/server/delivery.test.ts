/** Credentials sent by email (to a local outbox without SMTP) and on printed postal ballot papers. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDelivery, type Delivery, type PaperInput } from '../../src/server/delivery.ts';
import { testServer } from './helpers.ts';

test('sending credentials emails those with an address and prints ballot papers for the rest', async () => {
  const outbox = mkdtempSync(join(tmpdir(), 'rollover-outbox-'));
  try {
    // The real delivery, watched: the papers handed to it carry the URL each QR code encodes.
    const real = createDelivery({ outbox, from: 'ro@example.org' });
    const papers: PaperInput[] = [];
    const delivery: Delivery = { email: (m) => real.email(m), postalBatch: (t, c, p) => {
      papers.push(...p);
      return real.postalBatch(t, c, p);
    } };
    const s = await testServer(':memory:', 'test', { delivery, publicUrl: 'https://vote.example.org' });
    const id = (await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
    const base = `/api/elections/${id}`;
    for (const name of ['Ann', 'Bob']) await s.post(`${base}/contests/office/candidates`, { name });
    await s.post(`${base}/transitions`, { to: 'nominations' });
    await s.post(`${base}/roll`, 'id,name,email,postal_address,class,joined,standing\nv1,Val,val@example.org,,member,2020-01-01,good\nv2,Wyn,,"2 Low Rd, Town",member,2020-01-01,good\nv3,Xi,,"3 Mid St, Town",member,2020-01-01,good\n');
    const early = await s.post(`${base}/credentials`, { delivery: 'send' });
    assert.equal(early.statusCode, 409, 'papers need the final ballot');
    await s.post(`${base}/credentials`, { voters: ['v1'] });
    await s.post(`${base}/transitions`, { to: 'voting' });

    const sent = await s.post(`${base}/credentials`, { voters: ['v1', 'v2', 'v3'], delivery: 'send' });
    assert.equal(sent.statusCode, 201, sent.body);
    const result = sent.json<{ emailed: number; posted: number; postalBatch: string; credentials?: unknown }>();
    assert.equal(result.emailed, 1);
    assert.equal(result.posted, 2);
    assert.equal(result.credentials, undefined, 'sent credentials are not returned to the caller');

    const eml = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    assert.equal(eml.length, 1);
    // The body is quoted-printable: join soft line breaks ("=" at a line end) and decode "=3D" as a mail client would.
    const mail = readFileSync(join(outbox, eml[0] ?? ''), 'utf8').replace(/=\n/g, '').replace(/=3D/g, '=');
    assert.match(mail, /^To: val@example\.org$/m);
    const credential = /^ {4}([0-9A-Z-]{39})$/m.exec(mail)?.[1] ?? '';
    assert.match(mail, new RegExp(`^Vote at https://vote\\.example\\.org/vote/${id}\\?credential=${credential}$`, 'm'));
    // The emailed credential (a reissue: v1 had one already) is the one that votes.
    assert.equal((await s.post(`${base}/votes`, { credential, rankings: { office: ['Bob'] } }, {})).statusCode, 201);

    // Each paper's QR code opens the web booth with that voter's own credential filled in.
    assert.deepEqual(papers.map((p) => p.voterId).sort(), ['v2', 'v3']);
    for (const p of papers) assert.equal(p.voteUrl, `https://vote.example.org/vote/${id}?credential=${encodeURIComponent(p.credential)}`);
    const qrLink = new URL(papers[0]?.voteUrl ?? 'https://missing.invalid/');
    const booth = await s.app.inject({ method: 'GET', url: `${qrLink.pathname}${qrLink.search}` });
    assert.ok(booth.body.includes(`value="${papers[0]?.credential ?? 'missing'}"`), 'the QR link opens the booth with the credential');

    const pdf = readFileSync(join(outbox, result.postalBatch));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.equal((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length, 2, 'one page per postal voter');
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
});
