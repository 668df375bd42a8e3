#!/bin/sh
":" //; case "$1" in count|verify|convert|analyze) unset NODE_EXTRA_CA_CERTS ;; esac; exec node --no-turbofan --min-semi-space-size=4 "$0" "$@"

// The `rollover` command. Run as a program (npx rollover, node_modules/.bin/rollover) this file is a shell
// script: the line above re-runs it with node, where it is JavaScript (the line is a string and a comment).
// NODE_EXTRA_CA_CERTS names extra certificate authorities for TLS, and Node 20 reads and parses that file
// as every process starts (about 30 ms for a system's whole CA bundle) whether or not it ever connects.
// count, verify, convert and analyze open no connection, so they start without it; serve and demo keep it
// (their email delivery may use TLS). node starts without V8's optimizing compiler, which a count of a
// small file is better off without; every other run turns it on (src/cli/compiler.ts explains both). And
// with a young generation of 4 MB from the start rather than 1 MB, so that a ward's count collects garbage
// fewer times while the heap would still be growing: about 5% fewer instructions a ward (callgrind).
// `node bin/rollover.js …` skips the shell: it keeps the environment, and the CLI sets the compiler itself.
//
// Then it runs the bundle built by `npm run build` (done by `prepare` on `npm ci`) with the code cache the
// build wrote beside it (src/cli/start.ts): for a count the bundle of count alone, half the size, else the
// bundle of every command. CommonJS (bin/package.json), like the bundles: node then starts without its ES
// module loader.
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, process.argv[2] === 'count' ? 'count.cjs' : 'cli.cjs');
require(join(dist, 'start.cjs')).runBundle(bundle, { cache: `${bundle}.v8cache`, require });
