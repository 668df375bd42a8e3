// runBundle (src/cli/start.ts), which bin/rollover.js uses to start the CLI bundle with V8's code cache.
// Each case runs in a child process, as the bin does: the cache is written when that process exits.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { scratchDir } from './run-cli.ts';

const START = pathToFileURL(new URL('../../src/cli/start.ts', import.meta.url).pathname).href;

/** A CommonJS file using what node gives one: require, module, __filename, __dirname, and its arguments. */
const BUNDLE = [
  "const { basename } = require('node:path');",
  'module.exports.name = basename(__filename);',
  'const describe = () => JSON.stringify({ file: __filename, dir: __dirname, name: module.exports.name, args: process.argv.slice(2) });',
  "process.stdout.write(describe() + '\\n');",
].join('\n');

interface Started {
  readonly described: { file: string; dir: string; name: string; args: string[] };
  readonly accepted: boolean;
}

function start(bundle: string, cache: string, writeCache: boolean): Started {
  const code = [
    `import { runBundle } from ${JSON.stringify(START)};`,
    "import { createRequire } from 'node:module';",
    `const accepted = runBundle(${JSON.stringify(bundle)}, { cache: ${JSON.stringify(cache)}, writeCache: ${writeCache}, require: createRequire(${JSON.stringify(bundle)}) });`,
    "process.stdout.write(String(accepted) + '\\n');",
  ].join('\n');
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, 'bin/rollover.js', 'count', 'x.blt'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [described, accepted] = run.stdout.trim().split('\n');
  return { described: JSON.parse(described ?? '') as Started['described'], accepted: accepted === 'true' };
}

function bundleIn(dir: string, source = BUNDLE): string {
  const bundle = join(dir, 'cli.cjs');
  writeFileSync(bundle, source);
  return bundle;
}

test('runs the bundle as node runs a required CommonJS file: require, module, __filename, __dirname, arguments', () => {
  const bundle = bundleIn(scratchDir());
  const { described } = start(bundle, `${bundle}.v8cache`, false);
  assert.deepEqual(described, { file: bundle, dir: dirname(bundle), name: 'cli.cjs', args: ['count', 'x.blt'] });
});

test('without a cache file the bundle is compiled as usual, and no cache is written unless asked', () => {
  const bundle = bundleIn(scratchDir());
  const run = start(bundle, `${bundle}.v8cache`, false);
  assert.equal(run.accepted, false);
  assert.equal(run.described.name, 'cli.cjs');
  assert.equal(existsSync(`${bundle}.v8cache`), false);
});

test('the cache written at exit is taken by the next run', () => {
  const bundle = bundleIn(scratchDir());
  const cache = `${bundle}.v8cache`;
  assert.equal(start(bundle, cache, true).accepted, false);
  assert.ok(statSync(cache).size > 0);
  const next = start(bundle, cache, false);
  assert.equal(next.accepted, true);
  assert.equal(next.described.name, 'cli.cjs');
});

test('a cache made for another build of the bundle is rejected, and the new bundle still runs', () => {
  const dir = scratchDir();
  const cache = join(dir, 'cli.cjs.v8cache');
  start(bundleIn(dir), cache, true);
  // A rebuilt bundle (longer by one function) with the old cache beside it.
  const rebuilt = bundleIn(dir, `${BUNDLE}\nfunction unused() { return 1; }`);
  const run = start(rebuilt, cache, false);
  assert.equal(run.accepted, false);
  assert.equal(run.described.file, rebuilt);
});
