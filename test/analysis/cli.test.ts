/**
 * `rollover analyze` end to end: the contract's JSON (DESIGN.md) on the hand-worked election of
 * irv-margin.test.ts (8 × [A], 6 × [B], 5 × [C, B]: B wins, margin 1), and the exit codes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rollover-analyze-'));
const blt = join(dir, 'hand.blt');
writeFileSync(blt, '3 1\n8 1 0\n6 2 0\n5 3 2 0\n0\n"A"\n"B"\n"C"\n"hand-worked"\n');

function analyze(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, 'analyze', ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('--margin --json: ballots 1, exact, a witness of one ballot', () => {
  const run = analyze(blt, '--margin', '--json');
  assert.equal(run.status, 0, run.stderr);
  const { margin } = JSON.parse(run.stdout) as { margin: { ballots: number; exact: boolean; winner: string; witness: { from: string[]; to: string[]; count: number }[] } };
  assert.equal(margin.ballots, 1);
  assert.equal(margin.exact, true);
  assert.equal(margin.winner, 'B');
  assert.equal(margin.witness.reduce((s, c) => s + c.count, 0), 1);
  // The cheap bounds come first, on stderr: lower 1, last-round margin 2.
  assert.match(run.stderr, /at least 1 ballots, at most 2/);
});

test('exit codes: no file is a usage error (2), a what-if on a file without segment columns is invalid input (1)', () => {
  assert.equal(analyze().status, 2);
  const bad = analyze(blt, '--what-if', 'region=London');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /hand\.blt line 1/);
});
