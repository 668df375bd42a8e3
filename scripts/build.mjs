// Bundles the CLI into one CommonJS file so `rollover` starts as plain JavaScript, without a TypeScript
// loader: people run it once per file from scripts, so start-up time matters.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const CLI = 'dist/cli.cjs';
const START = 'dist/start.cjs';
const CODE_CACHE = 'dist/cli.cjs.v8cache';
/** The analysis server's margin searches run here, a worker thread's code beside the CLI (src/server/margin-pool.ts). */
const MARGIN_WORKER = 'dist/margin-worker.cjs';
/** What this build writes into dist; dist/web is build-web.mjs's. */
const OUTPUTS = new Set(['cli.cjs', 'cli.cjs.map', 'start.cjs', 'cli.cjs.v8cache', 'margin-worker.cjs', 'margin-worker.cjs.map', 'web']);

/**
 * Packages bundled into our own code rather than loaded from node_modules at run time. commander is on
 * every command's path: from node_modules it is eight CommonJS files, each found, read and compiled on
 * every run; bundled, it is part of the one file we already read. Every other package stays external and
 * loads only when a command needs it.
 */
const BUNDLED = new Set(['commander']);

/** Like esbuild's `packages: 'external'`, except for BUNDLED. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * commander loads node:child_process as it starts, for stand-alone executable subcommands, which rollover
 * has none of; with it come node's net, stream and dgram modules (about 2.5 ms of CPU per process). This
 * gives commander a stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
      loader: 'js',
    }));
  },
};

/**
 * Removes what older builds left in dist and this one does not write (they named chunks by content hash,
 * and 22 MB of them had piled up). Files this build writes are overwritten in place rather than removed
 * first, so that a test or a user running the bin meanwhile never finds them missing.
 */
function removeStaleOutputs() {
  mkdirSync('dist', { recursive: true });
  for (const name of readdirSync('dist')) if (!OUTPUTS.has(name)) rmSync(join('dist', name), { recursive: true, force: true });
}

/**
 * A Scottish STV count (a surplus and two exclusions), run once through the bundle the way bin/rollover.js
 * runs it, to write the code cache with what such a run compiles. It runs under this same node with the
 * same (no) flags, since V8 rejects a cache made by another version or with other flags; and its file is
 * over 128 KB, so that the count keeps V8's default flags to the end, when the cache is written (for
 * smaller files it switches the optimizing compiler off: src/cli/compiler.ts). 40,000 ballots, the same 4
 * rankings 10,000 times each: A=6 B=2 C=3 D=1 in ten-thousands.
 */
const WARM_UP_BLT = `4 2\n${'6 1 2 0\n2 2 3 0\n3 3 2 0\n1 4 3 0\n'.repeat(10_000)}0\n"A"\n"B"\n"C"\n"D"\n"Warm-up"\n`;

function writeCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-build-'));
  try {
    const ballots = join(dir, 'warm-up.blt');
    writeFileSync(ballots, WARM_UP_BLT);
    // Written aside, then renamed over the old cache: a bin starting meanwhile reads one whole cache or the other.
    const fresh = join(dir, 'cli.cjs.v8cache');
    const start = `require(${JSON.stringify(resolve(START))}).runBundle(${JSON.stringify(resolve(CLI))}, { cache: ${JSON.stringify(fresh)}, writeCache: true })`;
    // After -e, node's arguments start at argv[1]; the bin's own path goes there, as when it runs.
    const run = spawnSync(process.execPath, ['-e', start, 'bin/rollover.js', 'count', ballots, '--json'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the warm-up count for the code cache failed (exit ${run.status}): ${run.stderr}`);
    renameSync(fresh, CODE_CACHE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** src/cli/start.ts reads the bundle as Latin-1, which is only right for ASCII. */
function checkAscii(file) {
  const at = readFileSync(file).findIndex((byte) => byte > 0x7f);
  if (at !== -1) throw new Error(`${file} has a non-ASCII byte at offset ${at}: esbuild escapes them in strings, so look for a kept comment`);
}

/** How the CLI and the margin worker are bundled: each entry point one CommonJS file. */
const bundleOptions = {
  bundle: true,
  platform: 'node',
  /*
   * CommonJS, one file. As ES modules (split so that lazily imported commands stay out of count's way) the
   * loader found, read and linked a dozen files asynchronously before the first line ran: about 13 ms of a
   * 60 ms `rollover count`. In one CommonJS file each module is a function that runs when first imported,
   * and packages are require()d at that moment, so a command still loads only what it uses.
   */
  format: 'cjs',
  target: 'node20',
  // import() of a package becomes require() too: every dependency can be required, and a script compiled
  // through node:vm, as bin/rollover.js compiles the bundle, cannot run import().
  supported: { 'dynamic-import': false },
  // Our ES modules find files beside themselves through import.meta.url; here that is the bundle's URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess, externalPackages],
  // Less to read, and a smaller code cache to load, at each start (400 KB instead of 720); every name in
  // it is short, so a stack trace needs the source map (node --enable-source-maps).
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
};

removeStaleOutputs();
await build({ ...bundleOptions, entryPoints: ['src/cli/main.ts'], outfile: CLI });
checkAscii(CLI);
// The worker is started by file name, so it cannot live inside the CLI's bundle.
await build({ ...bundleOptions, entryPoints: ['src/server/margin-worker.ts'], outfile: MARGIN_WORKER });
// What bin/rollover.js runs first: it compiles the bundle with V8's code cache (see src/cli/start.ts).
await build({ entryPoints: ['src/cli/start.ts'], outfile: START, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
writeCodeCache();
await import('./build-web.mjs');
