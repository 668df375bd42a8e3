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
import { LABOUR_CSV } from './labour.ts';

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

const labour = join(dir, 'labour.csv');
// The election of labour.ts: Khan 12, Jowell 10, Abbott 12; Jowell goes, Khan wins 22 to 12.
writeFileSync(labour, LABOUR_CSV);

test('--what-if --json: the smallest swing of the ballots the spec changes (registered supporters), worked in swing.test.ts', () => {
  const run = analyze(labour, '--what-if', 'class=registered*2', '--json');
  assert.equal(run.status, 0, run.stderr);
  const { whatIf } = JSON.parse(run.stdout) as { whatIf: { winners: string[]; smallestSwing: unknown } };
  // ×2: Abbott 24 beats Khan 22 after Jowell goes. The swing: ×11/6 ties Khan 22–22 and backwards excludes
  // Khan; ×5/6 ties Abbott with Jowell at 10 and lot excludes Abbott; no registered ballot ranks Khan first.
  assert.deepEqual(whatIf.winners, ['Abbott']);
  assert.deepEqual(whatIf.smallestSwing, {
    ballots: 12, winner: 'Khan', runnerUp: 'Abbott',
    raise: { factor: '11/6', approximately: '1.833', attained: true, winner: 'Abbott' },
    lower: { factor: '5/6', approximately: '0.833', attained: true, winner: 'Jowell' },
    move: null,
    // One registered ballot re-ranked: [Abbott, Khan] → [Jowell] gives Khan 12, Jowell 11, Abbott 11; lot
    // excludes Abbott (07b3… first), whose 2 [Abbott, Khan] go to Khan (14) and 9 [Abbott, Jowell] to Jowell (20).
    margin: { ballots: 1, exact: true, lowerBound: 1, newWinner: 'Jowell', witness: [{ from: ['Abbott', 'Khan'], to: ['Jowell'], count: 1 }] },
    altersWinner: true,
  });
});

test('--segments text: a swing per region; London (15: 12 Khan, 3 Abbott) can only lose Khan the seat by shrinking', () => {
  const run = analyze(labour, '--segments', 'region');
  assert.equal(run.status, 0, run.stderr);
  // London ×f: Khan 12f, Abbott 3f + 9, Jowell 10. At f = 5/6 Khan and Jowell tie at 10 and lot excludes
  // Khan: Jowell 20 to Abbott 11.5. Moving 2 London [Khan, Jowell] to [Abbott, Khan]: Khan 10 ties Jowell
  // 10, lot excludes Khan, Jowell 20 to Abbott 14. North ×f: Jowell 10f, Abbott 3 + 9f, Khan 12; at f = 6/5
  // Jowell reaches Khan's 12 (Abbott 13.8), lot excludes Khan, Jowell 24 wins. Shrinking North only helps Khan.
  assert.match(run.stdout, /London:\n {4}smallest decrease: turnout ×5\/6 \(≈ 0\.833\) elects Jowell\n {4}moving 2 of its 12 ballots ranking Khan first to \[Abbott, Khan\] elects Jowell\n/);
  assert.match(run.stdout, /North:\n {4}smallest increase: turnout ×6\/5 \(≈ 1\.200\) elects Jowell\n {4}fewest/);
  // One ballot re-ranked suffices in either region. In London, a Khan-first ballot → [Jowell] (the first
  // first-preference move the search tries that works) makes Khan and Jowell tie at 11 under Abbott's 12;
  // lot excludes Khan, whose 11 [Khan, Jowell] carry Jowell to 22 against Abbott's 12.
  assert.match(run.stdout, /London:\n(.*\n){2} {4}fewest of its ballots whose change alters the winner: 1 \(exact\), e\.g\. 1 × \[Khan, Jowell\] → \[Jowell\], electing Jowell\n/);
});
