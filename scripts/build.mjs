// Bundles the CLI into one CommonJS file so `rollover` starts as plain JavaScript, without a TypeScript
// loader: people run it once per file from scripts, so start-up time matters.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

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

// Old builds leave files behind (every chunk name carried a content hash): start from an empty folder.
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.cjs',
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
  // import() of a package becomes require() too: every dependency can be required, and it keeps the
  // bundle free of import(), which a script compiled through node:vm (bin/rollover.js) cannot run.
  supported: { 'dynamic-import': false },
  // Our ES modules find files beside themselves through import.meta.url; here that is the bundle's URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [externalPackages],
  sourcemap: true,
  logLevel: 'warning',
});
await import('./build-web.mjs');
