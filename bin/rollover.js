#!/usr/bin/env node
// The `rollover` command: runs the bundle built by `npm run build` (done by `prepare` on `npm ci`), with the
// code cache the build wrote beside it (src/cli/start.ts). CommonJS (bin/package.json), like the bundle:
// node then starts without its ES module loader.
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
require(join(dist, 'start.cjs')).runBundle(join(dist, 'cli.cjs'), { cache: join(dist, 'cli.cjs.v8cache') });
