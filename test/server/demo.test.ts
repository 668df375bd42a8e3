/** `rollover demo` runs a whole election through the HTTP API and verifies what it published. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, scratchDir } from '../cli/run-cli.ts';

test('rollover demo --voters 40 counts, publishes and verifies', async () => {
  const db = join(scratchDir(), 'demo.db');
  const run = await runCli(['demo', '--voters', '40', '--db', db]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Roll: 40 voters generated/);
  // Emily Thornberry's 31 CLP nominations are short of the 33 needed, so the leader ballot has three names.
  assert.match(run.stdout, /Leader\n {2}round 1: Keir Starmer \d+, Rebecca Long-Bailey \d+, Lisa Nandy \d+/);
  assert.match(run.stdout, /Turnout by elector class:\n(.*\n)* {2}all: \d+ of \d+/);
  assert.match(run.stdout, /: verified\n$/);
  const again = await runCli(['demo', '--voters', '40', '--db', db]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists; the demo needs a fresh database/);
});

test('a demo with turnout under the privacy threshold says it is withheld rather than print an empty table', async () => {
  // 10 voters on the roll, 7 of them vote (the seeded generator's default seed): fewer than 10 ballots in all.
  const run = await runCli(['demo', '--voters', '10', '--db', join(scratchDir(), 'small.db')]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /7 ballots cast/);
  assert.match(run.stdout, /Turnout by elector class: withheld, as fewer than 10 ballots were cast in all/);
  assert.doesNotMatch(run.stdout, /Turnout by elector class:\n/);
});
