/**
 * The admission limit on the public compute endpoints: with the limit at 1 and an RCTab upload still
 * arriving (its job admitted, its temporary folder made), every other count or analysis is refused with
 * 503 and Retry-After, the pages in HTML and the API in JSON, and leaves nothing behind; once the upload
 * has been counted, the same requests succeed again.
 */
import assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { Admission, RETRY_AFTER_SECONDS } from '../../src/server/admission.ts';
import { LABOUR_CSV } from '../analysis/labour.ts';
import { MAYOR_CONFIG, MAYOR_CVR as CVR } from '../web/mayor-contest.ts';
import { testServer } from './helpers.ts';

// RCTab uploads go to the system's temporary folder: a folder of this test's own shows what is left there.
// (The margin workers' loader keeps a cache there too, which is not the uploads' business.)
const TEMP = mkdtempSync(join(tmpdir(), 'admission-test-'));
process.env.TMPDIR = TEMP;
after(() => rmSync(TEMP, { recursive: true }));
const uploads = (): string[] => readdirSync(TEMP).filter((name) => name.startsWith('rollover-count-'));

const BUSY = 'the server is busy: it runs at most one count or analysis at once; try again in 10 seconds';

/** A promise with its resolve function, to hold a job in progress for as long as a test needs. */
function held(): { promise: Promise<string>; release: (value: string) => void } {
  let release: (value: string) => void = () => undefined;
  const promise = new Promise<string>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

test('beyond the limit a job is refused without being started; a finished or failed job frees its place', async () => {
  const admission = new Admission(1);
  const first = held();
  const running = admission.admit(() => first.promise);
  let started = false;
  const refused = await admission.admit(() => {
    started = true;
    return Promise.resolve('second');
  });
  assert.deepEqual(refused, { ok: false, error: { message: BUSY } });
  assert.equal(started, false);
  first.release('first');
  assert.deepEqual(await running, { ok: true, value: 'first' });
  await assert.rejects(admission.admit(() => Promise.reject(new Error('a bug'))), /a bug/);
  assert.deepEqual(await admission.admit(() => Promise.resolve('third')), { ok: true, value: 'third' });
});

test('two places by default, and the message says how many', async () => {
  const admission = new Admission();
  const [a, b] = [held(), held()];
  const running = [admission.admit(() => a.promise), admission.admit(() => b.promise)];
  const refused = await admission.admit(() => Promise.resolve('third'));
  assert.equal(refused.ok ? '' : refused.error.message, 'the server is busy: it runs at most 2 counts or analyses at once; try again in 10 seconds');
  a.release('a');
  b.release('b');
  await Promise.all(running);
  assert.deepEqual(await admission.admit(() => Promise.resolve('third')), { ok: true, value: 'third' });
});

test('a limit below 1 is a bug in the caller', () => {
  assert.throws(() => new Admission(0), /at least 1/);
  assert.throws(() => new Admission(1.5), /at least 1/);
});

// Bo wins in round 1, 2 votes of 3 (worked in mayor-contest.ts).
const CONFIG = JSON.stringify(MAYOR_CONFIG);
const BOUNDARY = 'admission-boundary';
const part = (field: string, name: string, content: string): string =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n\r\n${content}\r\n`;

// Two ballots Ann, one Bob: Ann has 2 of 3, a majority in round 1.
const BLT = '3 1\n2 1 0\n1 2 0\n0\n"Ann"\n"Bob"\n"Cat"\n"Chair"\n';

function body(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await sleep(25);
  assert.ok(condition(), `timed out waiting until ${what}`);
}

test('limit 1: while an RCTab upload is arriving, every compute endpoint answers 503 and leaves nothing; afterwards all succeed', async () => {
  const s = await testServer(':memory:', 'admission', { computeJobs: 1 });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = s.app.server.address() as AddressInfo;

  // The upload sends its config, then stalls before its CVR: its job is admitted and holds its folder.
  const upload = request({ port, method: 'POST', path: '/count/rctab', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
  // Closing waits for requests in flight: a failed assertion must not leave the upload stalled.
  after(async () => {
    upload.destroy();
    await s.app.close();
  });
  const answered = new Promise<IncomingMessage>((resolve) => upload.on('response', resolve));
  upload.write(part('config', 'mayor.json', CONFIG));
  await until(() => uploads().length === 1, 'the upload has its temporary folder');

  const count = await s.app.inject({ method: 'POST', url: '/count', payload: { file: 'chair.blt', text: BLT } });
  assert.equal(count.statusCode, 503);
  assert.equal(count.headers['retry-after'], String(RETRY_AFTER_SECONDS));
  assert.match(String(count.headers['content-type']), /^text\/html/);
  assert.ok(count.body.includes(BUSY), 'the page says why');
  assert.ok(count.body.includes('&#34;Ann&#34;'), 'the pasted ballots stay in the form to send again');

  const form = new FormData();
  form.append('config', new Blob([CONFIG]), 'mayor.json');
  form.append('cvr', new Blob([CVR]), 'cvr.csv');
  const rctab = await s.app.inject({ method: 'POST', url: '/count/rctab', payload: form });
  assert.equal(rctab.statusCode, 503);
  assert.equal(rctab.headers['retry-after'], String(RETRY_AFTER_SECONDS));
  assert.match(rctab.body, new RegExp(`<p id="rctab-error">${BUSY}`));
  assert.equal(uploads().length, 1, 'the refused upload made no folder');

  const api = await s.post('/api/analysis/segments?column=class&wait=0', LABOUR_CSV, {});
  assert.equal(api.statusCode, 503);
  assert.equal(api.headers['retry-after'], String(RETRY_AFTER_SECONDS));
  assert.deepEqual(api.json(), { error: BUSY });

  const page = await s.app.inject({ method: 'POST', url: '/results/segments', payload: { text: LABOUR_CSV, column: 'class' } });
  assert.equal(page.statusCode, 503);
  assert.equal(page.headers['retry-after'], String(RETRY_AFTER_SECONDS));
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.ok(page.body.includes(BUSY));

  upload.end(`${part('cvr', 'cvr.csv', CVR)}--${BOUNDARY}--\r\n`);
  const held = await answered;
  const heldPage = await body(held);
  assert.equal(held.statusCode, 200, heldPage.slice(0, 2000));
  assert.match(heldPage, /class="winners">Elected: <strong>Bo</);
  assert.deepEqual(uploads(), [], 'the counted upload\'s folder is removed');

  const again = await s.app.inject({ method: 'POST', url: '/count', payload: { file: 'chair.blt', text: BLT } });
  assert.equal(again.statusCode, 200);
  assert.match(again.body, /class="winners">Elected: <strong>Ann</);
  const rctabAgain = await s.app.inject({ method: 'POST', url: '/count/rctab', payload: form });
  assert.equal(rctabAgain.statusCode, 200);
  assert.match(rctabAgain.body, /class="winners">Elected: <strong>Bo</);
  const apiAgain = await s.post('/api/analysis/segments?column=class&wait=0', LABOUR_CSV, {});
  assert.equal(apiAgain.statusCode, 200);
  assert.equal(apiAgain.json<{ winner: string }>().winner, 'Khan');
  const pageAgain = await s.app.inject({ method: 'POST', url: '/results/segments', payload: { text: LABOUR_CSV, column: 'class' } });
  assert.equal(pageAgain.statusCode, 200);
  assert.deepEqual(uploads(), []);
});

test('the OpenAPI document lists the 503 answer, with Retry-After, for the compute route and no other', async () => {
  const s = await testServer();
  const doc = (await s.app.inject({ method: 'GET', url: '/api/docs/openapi.json' })).json<{ paths: Record<string, Record<string, { responses: Record<string, { headers?: object }> }>> }>();
  const busy = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).flatMap(([method, op]) => ('503' in op.responses ? [`${method.toUpperCase()} ${path}`] : [])));
  // The pages /count, /count/rctab and /results/segments answer 503 too, but are not API routes.
  assert.deepEqual(busy, ['POST /api/analysis/segments']);
  assert.deepEqual(doc.paths['/api/analysis/segments']?.post?.responses['503']?.headers, { 'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'integer' } } });
});
