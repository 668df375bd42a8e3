/**
 * `rollover serve --compute-jobs N`: validated as a whole number of at least 1, listed in --help, and
 * given to the server it starts: with 1, a second compute job is refused while an RCTab upload is still
 * arriving, the message naming the limit.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseComputeJobs } from '../../src/cli/serve.ts';
import { MAYOR_CONFIG } from '../web/mayor-contest.ts';
import { runCli, scratchDir } from './run-cli.ts';

test('--compute-jobs takes a whole number of at least 1', () => {
  assert.equal(parseComputeJobs('1'), 1);
  assert.equal(parseComputeJobs('16'), 16);
  for (const bad of ['0', '-1', '1.5', '2.0', '1e1', ' 2', 'two', '']) assert.throws(() => parseComputeJobs(bad), { message: `"${bad}" is not a whole number of at least 1` }, bad);
});

test('serve --help lists --compute-jobs with its default; a bad value is a usage error (exit 2)', async () => {
  const help = await runCli(['serve', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout.replace(/\s+/g, ' '), /--compute-jobs <N> how many uploaded counts and segment analyses may run at once; more are answered 503 with Retry-After \(default 2\)/);
  const bad = await runCli(['serve', '--compute-jobs', '0', '--db', join(scratchDir(), 'never.db')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /"0" is not a whole number of at least 1/);
});

const BOUNDARY = 'serve-test-boundary';

test('serve --compute-jobs 1: while one upload is arriving, a count is answered 503 "at most one count or analysis at once"', async () => {
  const dir = scratchDir();
  const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
  const env = { ...process.env, ROLLOVER_OUTBOX: dir, TMPDIR: dir, ROLLOVER_ADMIN_PASSWORD: 'serve test password' };
  const server = spawn(process.execPath, ['--import', 'tsx', main, 'serve', '--db', join(dir, 'serve.db'), '--port', '0', '--compute-jobs', '1'], { env });
  after(() => void server.kill());
  let output = '';
  server.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  for (let i = 0; i < 400 && !/serving on http:\/\/127\.0\.0\.1:\d+/.test(output); i++) await new Promise((r) => setTimeout(r, 50));
  const port = Number(/serving on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  assert.ok(port > 0, `the server said where it listens: ${output}`);

  // The upload sends its config and stalls before its CVR: its job is admitted and holds the one place.
  const upload = request({ port, method: 'POST', path: '/count/rctab', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
  after(() => void upload.destroy());
  upload.on('error', () => undefined);
  upload.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="config"; filename="mayor.json"\r\n\r\n${JSON.stringify(MAYOR_CONFIG)}\r\n`);
  // Two Ann, one Bob: a count the limit refuses, not one that fails.
  const blt = '3 1\n2 1 0\n1 2 0\n0\n"Ann"\n"Bob"\n"Cat"\n"Chair"\n';
  let refused: { status: number; retry: string; body: string } | undefined;
  for (let i = 0; i < 100 && refused?.status !== 503; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/count`, { method: 'POST', body: new URLSearchParams({ file: 'chair.blt', text: blt }) });
    refused = { status: res.status, retry: res.headers.get('retry-after') ?? '', body: await res.text() };
    if (refused.status !== 503) await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(refused?.status, 503, 'the count is refused while the upload holds the only place');
  assert.equal(refused?.retry, '10');
  assert.ok(refused?.body.includes('the server is busy: it runs at most one count or analysis at once; try again in 10 seconds'));
  upload.destroy();
});
