#!/usr/bin/env node
// The `rollover` command: runs the bundle built by `npm run build` (done by `prepare` on `npm ci`).
// CommonJS (bin/package.json), like the bundle: node then loads both without its ES module loader.
require('../dist/cli.cjs');
