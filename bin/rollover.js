#!/usr/bin/env node
// The `rollover` command: runs the bundle built by `npm run build` (done by `prepare` on `npm ci`).
import '../dist/cli.js';
