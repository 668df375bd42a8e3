// The built `rollover` bin, as `npm ci` makes it (prepare runs scripts/build.mjs) and as users run it. The
// only test file that builds, so that no other test finds dist/ half written.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { binNodeFlags } from '../../scripts/bin-flags.mjs';
import { SHORT_COUNT_BYTES } from '../../src/cli/compiler.ts';
import { LABOUR_CSV } from '../analysis/labour.ts';
import { fixtures, runCli, scratchDir } from './run-cli.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(root, 'bin/rollover.js');
/** The flags the bin's shell line starts node with for a bundle, as the build reads them. */
const binFlags = (bundle: 'count.cjs' | 'cli.cjs'): string[] => binNodeFlags(readFileSync(BIN, 'utf8'), bundle);

/*
 * Three candidates, one seat, 9 ballots: 4 Ann | 3 Ben>Cal | 2 Cal>Ben. Round 1: nobody has a majority of
 * 9 (5); Cal is lowest and her 2 go to Ben. Round 2: Ann 4, Ben 5: Ben wins.
 */
const POLL = '3 1\n4 1 0\n3 2 3 0\n2 3 2 0\n0\n"Ann" "Ben" "Cal"\n"Poll"\n';
const files = fixtures({ 'poll.blt': POLL });
const poll = files['poll.blt'] ?? '';

/**
 * Preloaded through NODE_OPTIONS, which reaches node through the bin's shell line: at exit it reports the
 * modules the run required by name (packages and node's modules), node's modules loaded at all, whether
 * NODE_EXTRA_CA_CERTS was set, and node's own flags. It writes with writeSync, so that reporting creates no stderr stream.
 */
const PROBE = `
const Module = require('node:module');
const { writeSync } = require('node:fs');
const required = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { required.add(request); return load.call(this, request, ...rest); };
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  writeSync(2, '@@probe ' + JSON.stringify({ required: [...required], builtins, extraCa: process.env.NODE_EXTRA_CA_CERTS ?? null, execArgv: process.execArgv }) + '\\n');
});
`;
const probe = join(scratchDir(), 'probe.cjs');
writeFileSync(probe, PROBE);

interface Probed {
  readonly required: string[];
  readonly builtins: string[];
  readonly extraCa: string | null;
  readonly execArgv: string[];
}

function probed(run: SpawnSyncReturns<string>): Probed {
  const line = run.stderr.split('\n').find((l) => l.startsWith('@@probe '));
  assert.ok(line, run.stderr);
  return JSON.parse(line.slice('@@probe '.length)) as Probed;
}

/** Executes the bin itself, as a user's shell or script does (not `node bin/rollover.js`). */
function execBin(args: readonly string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(BIN, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${probe}`, ...env } });
}

before(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
});

test('the built bin counts the same as the source, run by node or executed', async () => {
  const source = await runCli(['count', poll, '--json']);
  assert.deepEqual((JSON.parse(source.stdout) as { winners: string[] }).winners, ['Ben']);
  const byNode = spawnSync(process.execPath, [BIN, 'count', poll, '--json'], { cwd: root, encoding: 'utf8' });
  assert.equal(byNode.status, 0, byNode.stderr);
  assert.equal(byNode.stdout, source.stdout);
  const executed = execBin(['count', poll, '--json']);
  assert.equal(executed.status, 0, executed.stderr);
  assert.equal(executed.stdout, source.stdout);
});

test('count, verify, convert and analyze start without NODE_EXTRA_CA_CERTS; serve and demo keep it', () => {
  const env = { NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt' };
  for (const args of [['count', poll, '--json'], ['verify', '--help'], ['convert', '--help'], ['analyze', '--help']]) {
    assert.equal(probed(execBin(args, env)).extraCa, null, args[0]);
  }
  for (const args of [['serve', '--help'], ['demo', '--help']]) assert.equal(probed(execBin(args, env)).extraCa, env.NODE_EXTRA_CA_CERTS, args[0]);
});

test('a count loads no package nor node module that only other commands use', () => {
  const run = execBin(['count', poll, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const { required } = probed(run);
  for (const other of ['zod', 'fastify', 'better-sqlite3', 'pg', 'exceljs', 'fast-xml-parser', 'highs', 'node:crypto', 'node:fs/promises', 'node:child_process', 'node:module', 'node:url']) {
    assert.ok(!required.includes(other), `${other} loaded: ${required.join(', ')}`);
  }
});

test('a count with stdout and stderr piped creates no stream for them (no network or terminal module)', () => {
  // spawnSync pipes both, as a script capturing the output does.
  const run = execBin(['count', poll, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const { builtins } = probed(run);
  for (const module of ['net', 'tty']) assert.ok(!builtins.includes(module), `${module} loaded`);
});

test('the list of commands loads none of the packages that only running them needs', () => {
  const run = execBin(['--help']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^ {2}count /m);
  const { required } = probed(run);
  for (const heavy of ['exceljs', 'fastify', 'better-sqlite3', 'pg', 'highs']) assert.ok(!required.includes(heavy), `${heavy} loaded`);
});

test('the code caches the build wrote, of every command and of count alone, are taken by V8', () => {
  for (const bundle of ['cli.cjs', 'count.cjs'] as const) {
    const start = `process.stdout.write(String(require('./dist/start.cjs').runBundle(${JSON.stringify(join(root, 'dist', bundle))}, { cache: 'dist/${bundle}.v8cache', require })))`;
    // runBundle answers as soon as the CLI has started, before the count is printed after it.
    // With the bin's flags (its shell line), which the build's warm-up starts node with too.
    const run = spawnSync(process.execPath, [...binFlags(bundle), '-e', start, BIN, 'count', poll, '--json'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^true\{/, bundle);
  }
});

test('a count runs the bundle of count alone, which holds no other command', () => {
  const count = readFileSync(join(root, 'dist/count.cjs'), 'latin1');
  const all = readFileSync(join(root, 'dist/cli.cjs'), 'latin1');
  // Each command's description is in the bundles that can run it.
  assert.ok(all.includes('count a ballot file') && count.includes('count a ballot file'));
  for (const other of ['registerServe', 'registerDemo', 'registerAnalyze']) assert.ok(!count.includes(other), other);
  assert.match(readFileSync(BIN, 'utf8'), /process\.argv\[2\] === 'count' \? 'count\.cjs' : 'cli\.cjs'/);
});

/**
 * Runs under V8's --trace-opt, which prints a line for each function TurboFan finishes compiling. node
 * starts as the bin's shell line starts it (--no-turbofan among its flags), or as `node bin/rollover.js` does
 * (without).
 */
function optimizedDuring(args: readonly string[], start: readonly string[]): number {
  const run = spawnSync(process.execPath, [...start, '--trace-opt', BIN, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\n').filter((l) => l.startsWith('[completed optimizing')).length;
}

test('a small file counts without the optimizing compiler, however node started; a large one with it', () => {
  // The same poll, its ballot lines repeated until the file passes the limit: 4 Ann, 3 Ben, 2 Cal each time.
  const lines = '4 1 0\n3 2 3 0\n2 3 2 0\n';
  const large = join(scratchDir(), 'large.blt');
  writeFileSync(large, `3 1\n${lines.repeat(Math.ceil(SHORT_COUNT_BYTES / lines.length) + 1)}0\n"Ann" "Ben" "Cal"\n"Poll"\n`);
  for (const start of [binFlags('count.cjs'), []]) {
    assert.equal(optimizedDuring(['count', poll, '--json'], start), 0, start.join(' '));
    assert.ok(optimizedDuring(['count', large, '--json'], start) > 0, start.join(' '));
  }
});

test('a small count loads neither node:v8 nor the stream library it brings', () => {
  const run = execBin(['count', poll, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const { builtins } = probed(run);
  for (const module of ['v8', 'stream']) assert.ok(!builtins.includes(module), `${module} loaded`);
});

/** A port nothing listens on: the system picks one for a moment's server, then it is closed. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  assert.ok(address !== null && typeof address === 'object');
  return address.port;
}

test('the built server searches an exact margin in its worker, bundled beside the CLI', async () => {
  const port = await freePort();
  const server = spawn(BIN, ['serve', '--db', join(scratchDir(), 'serve.db'), '--port', String(port)], { cwd: root, env: { ...process.env, ROLLOVER_OUTBOX: scratchDir() } });
  try {
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    while (!output.includes('is serving on')) {
      assert.equal(server.exitCode, null, output);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const res = await fetch(`http://127.0.0.1:${port}/api/analysis/segments?column=class&wait=60`, { method: 'POST', body: LABOUR_CSV, headers: { 'content-type': 'text/csv' } });
    const body = await res.text();
    assert.equal(res.status, 200, body);
    // Hand-worked in test/server/segment-analysis.test.ts: one registered ballot [Abbott, …] changed to
    // [Jowell] ties Abbott and Jowell at 11 below Khan, lot excludes Abbott and Jowell wins. A worker that
    // failed to load would leave the margin null with its reason in marginSearch.
    type Margin = { ballots: number; exact: boolean; newWinner: string } | null;
    const swings = (JSON.parse(body) as { segments: { swings: { segment: string | null; margin: Margin }[] } }).segments.swings;
    const margin = swings.find((w) => w.segment === 'registered')?.margin;
    assert.deepEqual([margin?.ballots, margin?.exact, margin?.newWinner], [1, true, 'Jowell'], body);
  } finally {
    server.kill('SIGTERM');
  }
});

test('only a count keeps the snapshot\'s string hash seed; serve and the other commands draw a random one', () => {
  const count = execBin(['count', poll, '--json']);
  assert.equal(count.status, 0, count.stderr);
  assert.ok(probed(count).execArgv.includes('--no-rehash-snapshot'), probed(count).execArgv.join(' '));
  for (const args of [['serve', '--help'], ['verify', '--help'], ['--help']]) {
    const run = execBin(args);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(!probed(run).execArgv.includes('--no-rehash-snapshot'), `${args.join(' ')}: ${probed(run).execArgv.join(' ')}`);
  }
});
