// Bundles the CLI into one ESM file so `rollover` starts as plain JavaScript, without a TypeScript loader:
// people run it once per file from scripts, so start-up time matters.
import { build } from 'esbuild';

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
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await import('./build-web.mjs');
