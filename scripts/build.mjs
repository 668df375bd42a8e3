// Bundles the CLI into one ESM file so `rollover` starts as plain JavaScript, without a TypeScript loader:
// people run it once per file from scripts, so start-up time matters.
import { build } from 'esbuild';

/**
 * Packages bundled into our own code rather than loaded from node_modules at run time. commander is on
 * every command's path: from node_modules it is eight CommonJS files, each found, read and scanned for its
 * named exports before the ES module graph can run (about 10 ms of CPU per process); bundled, it is part
 * of one module we already read. Every other package stays external (the server's and RCTab's packages
 * load lazily; bundling them would only make the chunks that hold them bigger).
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

await build({
  entryPoints: ['src/cli/main.ts'],
  // Code splitting keeps lazily imported commands (RCTab readers, the server) and the packages they use in
  // their own chunks; without it esbuild hoists those packages into cli.js and every run loads them.
  outdir: 'dist',
  entryNames: 'cli',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [externalPackages],
  // Bundled CommonJS (commander) calls require() for Node's built-in modules, which ES modules lack.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
await import('./build-web.mjs');
