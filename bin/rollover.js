#!/bin/sh
":" //; f=; case "$1" in count) f=--no-rehash-snapshot; unset NODE_EXTRA_CA_CERTS ;; verify|convert|analyze) unset NODE_EXTRA_CA_CERTS ;; esac; exec node --no-turbofan --min-semi-space-size=4 $f "$0" "$@"

// The `rollover` command. Run as a program (npx rollover, node_modules/.bin/rollover) this file is a shell
// script: the line above re-runs it with node, where it is JavaScript (the line is a string and a comment).
// NODE_EXTRA_CA_CERTS names extra certificate authorities for TLS, and Node 20 reads and parses that file
// as every process starts (about 30 ms for a system's whole CA bundle) whether or not it ever connects.
// count, verify, convert and analyze open no connection, so they start without it; serve and demo keep it
// (their email delivery may use TLS). node starts without V8's optimizing compiler, which a count of a
// small file is better off without; every other run turns it on (src/cli/compiler.ts explains both). And
// with a young generation of 4 MB from the start rather than 1 MB, so that a ward's count collects garbage
// fewer times while the heap would still be growing: about 5% fewer instructions a ward (callgrind).
// A count also keeps the string hash seed V8's start-up snapshot was built with, instead of drawing a random
// one and rehashing every string in the snapshot: about 3.5 ms of each process, a tenth of a ward's count.
// A random seed guards hash tables against keys chosen to collide; a count's keys come from a file its user
// chose, and its own tables of ballots and cells (src/formats/byte-keys.ts) hash with a fixed function in
// any case. serve, whose keys come from the network, and every other command keep the random seed.
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
