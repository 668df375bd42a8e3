// Bundles the web app's client scripts (one per page that needs one) and copies its stylesheet into
// dist/web, which the server serves under /assets: everything local, nothing fetched from another site.
import { copyFile, mkdir } from 'node:fs/promises';
import { build } from 'esbuild';

await mkdir('dist/web', { recursive: true });
await build({
  entryPoints: ['src/web/client/booth.ts', 'src/web/client/admin.ts'],
  outdir: 'dist/web',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
await copyFile('src/web/static/style.css', 'dist/web/style.css');
