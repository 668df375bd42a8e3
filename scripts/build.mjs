// Bundles the CLI into one ESM file so `rollover` starts as plain JavaScript, without a TypeScript loader:
// people run it once per file from scripts, so start-up time matters.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
