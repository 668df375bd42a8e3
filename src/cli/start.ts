/**
 * How bin/rollover.js starts the CLI bundle (dist/cli.cjs, a CommonJS module): compiled with V8's code
 * cache, the bytecode of the functions a count runs, which `npm run build` writes after a warm-up count.
 * Compiling the bundle's code again on every run cost about 11 ms of CPU of each `rollover count`.
 *
 * V8 checks the cache against the source, its own version and its flags, and rejects it on any
 * difference (after a Node upgrade, say): the bundle is then compiled as usual, only slower.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface StartOptions {
  /** The code cache file: read if present; with `writeCache`, written when the process exits. */
  readonly cache: string;
  readonly writeCache?: boolean;
  /**
   * The bundle's `require`: the caller's own (bin/rollover.js passes its require). The bundle requires
   * only node's modules and packages by name (the build checks it), which a require made anywhere in the
   * package finds alike; node:module's createRequire would make one for the bundle's own path, but loading
   * node:module brings node's ES module loader and source maps along, about 1 ms of every start.
   */
  readonly require: NodeJS.Require;
}

/** CommonJS's module wrapper: the bundle runs with the same five names as a required file. */
type ModuleFunction = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/**
 * Runs the bundle as node would run a required CommonJS file, with the code cache; returns whether V8 took
 * it. The bundle must be ASCII (the build checks it is), where Latin-1 and UTF-8 agree: read as Latin-1 it
 * is copied into a V8 string as it is, where UTF-8 would be decoded byte by byte.
 */
export function runBundle(bundle: string, options: StartOptions): boolean {
  const cachedData = readCache(options.cache);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'latin1')}\n})`, {
    filename: bundle,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  // Written at exit, so that it holds every function the run compiled, not only the bundle's top level.
  if (options.writeCache) process.once('exit', () => writeFileSync(options.cache, script.createCachedData()));
  const module = { exports: {} };
  (script.runInThisContext() as ModuleFunction).call(module.exports, module.exports, options.require, module, bundle, dirname(bundle));
  return cachedData !== undefined && !script.cachedDataRejected;
}

function readCache(cache: string): Buffer | undefined {
  try {
    return readFileSync(cache);
  } catch {
    return undefined; // not built yet, or removed: compile without it
  }
}
