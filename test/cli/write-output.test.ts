// writeOutput (src/cli/exit.ts): a command's whole output, written with the write system call.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { writeOutput } from '../../src/cli/exit.ts';
import { scratchDir } from './run-cli.ts';

test('the whole text is written as UTF-8, byte for byte', () => {
  // "Ödön × 3 ≤ ½\n" is 13 characters in 19 bytes, so 10,000 lines are 190,000 bytes.
  const text = 'Ödön × 3 ≤ ½\n'.repeat(10_000);
  const file = join(scratchDir(), 'out.txt');
  const fd = openSync(file, 'w');
  try {
    writeOutput(text, fd);
  } finally {
    closeSync(fd);
  }
  const bytes = readFileSync(file);
  assert.equal(bytes.length, 190_000);
  assert.equal(bytes.toString('utf8'), text);
});

/*
 * A count's output through a non-blocking pipe whose reader is slow: the write system call takes what the
 * pipe holds and then refuses (EAGAIN), the rest goes through process.stdout, and the count must not exit
 * (as it does once everything is written) before that has drained. A node process in between makes the
 * pipe non-blocking (creating process.stdout for a pipe does) and hands it to the count, as a shell
 * pipeline sharing a descriptor would; the test reads nothing for half a second, so the pipe fills.
 *
 * 150 candidates with 1..150 first preferences and nothing after: each round excludes the lowest, whose
 * ballots exhaust. Candidate 150 has a majority of the continuing votes only when two are left (150 of
 * 299; with three, 150 of 447 is not), so there are 149 rounds, far more than a pipe holds as JSON.
 */
test('a count through a non-blocking pipe read slowly prints all of its output', { timeout: 60_000 }, async () => {
  const n = 150;
  const ballots = Array.from({ length: n }, (_, i) => `${i + 1} ${i + 1} 0`).join('\n');
  const names = Array.from({ length: n }, (_, i) => `"Candidate ${i + 1}"`).join(' ');
  const big = join(scratchDir(), 'big.blt');
  writeFileSync(big, `${n} 1\n${ballots}\n0\n${names}\n"Many rounds"\n`);
  const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
  const count = JSON.stringify([process.execPath, ['--import', 'tsx', main, 'count', big, '--json']]);
  const between = `process.stdout; const [node, args] = ${count}; process.exitCode = require('node:child_process').spawnSync(node, args, { stdio: 'inherit' }).status;`;
  const child = spawn(process.execPath, ['-e', between], { cwd: fileURLToPath(new URL('../../', import.meta.url)) });
  child.stdout.pause();
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    setTimeout(() => child.stdout.on('data', (d: Buffer) => chunks.push(d)).resume(), 500);
    child.on('error', reject);
    child.on('close', resolve);
  });
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const out = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { rounds: unknown[]; winners: string[] };
  assert.equal(out.rounds.length, 149);
  assert.deepEqual(out.winners, ['Candidate 150']);
});
