// Bundles the CLI into one CommonJS file so `rollover` starts as plain JavaScript, without a TypeScript
// loader: people run it once per file from scripts, so start-up time matters.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { binNodeFlags } from './bin-flags.mjs';

const CLI = 'dist/cli.cjs';
/** `rollover count` alone (src/cli/count-main.ts), which bin/rollover.js runs for a count. */
const COUNT = 'dist/count.cjs';
const START = 'dist/start.cjs';
/** The analysis server's margin searches run here, a worker thread's code beside the CLI (src/server/margin-pool.ts). */
const MARGIN_WORKER = 'dist/margin-worker.cjs';
/** What this build writes into dist; dist/web is build-web.mjs's. */
const OUTPUTS = new Set(['cli.cjs', 'cli.cjs.map', 'cli.cjs.v8cache', 'count.cjs', 'count.cjs.map', 'count.cjs.v8cache', 'start.cjs', 'margin-worker.cjs', 'margin-worker.cjs.map', 'web']);

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
 * node's modules that some code imports as it loads but a count never uses, replaced in the bundle by a
 * stand-in that loads the real module on first use:
 * - commander loads node:child_process as it starts, for stand-alone executable subcommands, which
 *   rollover has none of; with it come node's net, stream and dgram modules (about 2.5 ms of CPU per
 *   process). commander requires it as CommonJS, so its stand-in is an object that looks a name up in the
 *   real module.
 * - commander requires node:process, which exports the process object every module already has as a
 *   global; loading it compiles node's module for it on every run, so its stand-in is that global.
 * - our own modules import createRequire from node:module, to load node:crypto for a lot, node:v8 to
 *   switch the optimizing compiler on, or tsx for the margin worker; node:module brings node's ES module
 *   loader and source maps along (about 1 ms of CPU per process). They import it by name, as an ES module,
 *   so its stand-in exports that name.
 */
const LAZY_BUILTINS = [
  {
    module: 'child_process',
    importer: /[\\/]node_modules[\\/]commander[\\/]/,
    contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
  },
  {
    module: 'process',
    importer: /[\\/]node_modules[\\/]commander[\\/]/,
    contents: 'module.exports = process;',
  },
  {
    module: 'module',
    importer: /[\\/]src[\\/]/,
    contents: "export const createRequire = (from) => require('node:module').createRequire(from);",
  },
];

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(child_process|module|process)$/ }, (args) => {
      const lazy = LAZY_BUILTINS.find((l) => args.path.replace(/^node:/, '') === l.module && l.importer.test(args.importer));
      return lazy ? { path: lazy.module, namespace: 'lazy' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: LAZY_BUILTINS.find((l) => l.module === args.path).contents,
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
 * A ward-like Scottish STV count, run once through the bundle the way bin/rollover.js runs it, to write the
 * code cache with what such a run compiles: a function the warm-up never calls is compiled from source in
 * every later run that calls it. So it has what real wards have: 7 candidates for 4 seats, 1,000 ballot
 * lines of every length with weights, surpluses at fractional transfer values, exclusions, exhausted
 * papers. Rankings come from a fixed formula, so every build writes the same file. It runs under this same
 * node with the flags the bin starts that bundle with (bin-flags.mjs), since V8 rejects a cache made by
 * another version or with other flags; and the file is a ward's size, under 128 KB, so that the count
 * keeps those flags to the end, when the cache is written (a larger file switches the optimizing compiler
 * on: src/cli/compiler.ts).
 */
function warmUpBlt() {
  const lines = Array.from({ length: 1_000 }, (_, i) => {
    // Candidate 1 is the first choice of every third line (a surplus), the rest in a rotating order.
    const order = [1, 2, 3, 4, 5, 6, 7].sort((a, b) => ((a * (i + 3)) % 7) - ((b * (i + 3)) % 7));
    const ranking = i % 3 === 0 ? [1, ...order.filter((c) => c !== 1)] : order;
    return `${1 + (i % 5)} ${ranking.slice(0, 1 + (i % 7)).join(' ')} 0`;
  });
  const names = ['A (SNP)', 'B (Ind)', 'C (LD)', 'D (TUSC)', 'E (SNP)', 'F (Lab)', 'G (C)'].map((n) => `"${n}"`);
  return `7 4\n${lines.join('\n')}\n0\n${names.join('\n')}\n"Warm-up ward"\n`;
}

const BIN_TEXT = readFileSync('bin/rollover.js', 'utf8');

/** Writes `bundle`.v8cache, from the warm-up count run through that bundle. */
function writeCodeCache(bundle) {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-build-'));
  try {
    const ballots = join(dir, 'warm-up.blt');
    writeFileSync(ballots, warmUpBlt());
    // Written aside, then renamed over the old cache: a bin starting meanwhile reads one whole cache or the other.
    const fresh = join(dir, 'fresh.v8cache');
    const start = `require(${JSON.stringify(resolve(START))}).runBundle(${JSON.stringify(resolve(bundle))}, { cache: ${JSON.stringify(fresh)}, writeCache: true, require })`;
    // After -e, node's arguments start at argv[1]; the bin's own path goes there, as when it runs.
    const flags = binNodeFlags(BIN_TEXT, basename(bundle));
    const run = spawnSync(process.execPath, [...flags, '-e', start, 'bin/rollover.js', 'count', ballots, '--json'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the warm-up count for the code cache failed (exit ${run.status}): ${run.stderr}`);
    renameSync(fresh, `${bundle}.v8cache`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** src/cli/start.ts reads the bundle as Latin-1, which is only right for ASCII. */
function checkAscii(file) {
  const at = readFileSync(file).findIndex((byte) => byte > 0x7f);
  if (at !== -1) throw new Error(`${file} has a non-ASCII byte at offset ${at}: esbuild escapes them in strings, so look for a kept comment`);
}

/**
 * bin/rollover.js gives the bundle its own require (src/cli/start.ts), which finds a relative path from
 * bin/, not dist/: the bundle may require node's modules and packages only.
 */
function checkRequiresByName(file) {
  const relative = /\brequire\((["'`])\.{1,2}\//.exec(readFileSync(file, 'latin1'));
  if (relative) throw new Error(`${file} requires a relative path (${relative[0]}…), which bin/rollover.js's require would look up from bin/`);
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
  // Our ES modules find files beside themselves through import.meta.url; here that is the bundle's URL,
  // made when first asked for: a count never asks, and making it loads node's URL code (about 0.4 ms).
  define: { 'import.meta.url': '__bundle.url' },
  banner: { js: "const __bundle = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  plugins: [lazyBuiltins, externalPackages],
  // Less to read, and a smaller code cache to load, at each start (400 KB instead of 720); every name in
  // it is short, so a stack trace needs the source map (node --enable-source-maps).
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
};

removeStaleOutputs();
await build({ ...bundleOptions, entryPoints: ['src/cli/main.ts'], outfile: CLI });
await build({ ...bundleOptions, entryPoints: ['src/cli/count-main.ts'], outfile: COUNT });
for (const bundle of [CLI, COUNT]) {
  checkAscii(bundle);
  checkRequiresByName(bundle);
}
// The worker is started by file name, so it cannot live inside the CLI's bundle.
await build({ ...bundleOptions, entryPoints: ['src/server/margin-worker.ts'], outfile: MARGIN_WORKER });
// What bin/rollover.js runs first: it compiles the bundle with V8's code cache (see src/cli/start.ts).
await build({ entryPoints: ['src/cli/start.ts'], outfile: START, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
writeCodeCache(CLI);
writeCodeCache(COUNT);
await import('./build-web.mjs');
