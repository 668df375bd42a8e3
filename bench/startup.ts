/**
 * Suite 4: start-up cost, as people meet it when they run `rollover count` once per file from a script:
 * one process per Scottish ward, the total time over all wards. Issue 2's goal: at most half the time of
 * Droop, the Python reference STV program, run the same way (`python3 Droop.py scotland json report=false
 * ward.blt`). Droop is not a dependency: DROOP_DIR names a Droop checkout (the folder holding Droop.py).
 * Without it the baseline is the cheapest possible Python run, `python3 -c pass`, once per ward: a floor
 * under what Droop would take (it also has to import its modules and count).
 *
 * Rollover runs as users run it: the `rollover` bin executed itself, which starts node without
 * NODE_EXTRA_CA_CERTS for count (see bin/rollover.js). So that nobody mistakes what that saves for our own
 * start-up, node's floor (`node -e 0`) is printed beside it, with the environment as it is and, when the
 * variable is set, without it.
 *
 * The two programs alternate ward by ward (and which goes first alternates too), so a change in the
 * machine's load falls on both. Both are timed the same way: wall time from spawn to exit, and CPU time
 * of the finished child from /proc (see childrenCpuMs), since Python cannot carry the node probe.
 * BENCH_STARTUP_WARDS takes only the first N wards (on a busy machine each process can take seconds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { childrenCpuMs, envInt, ms, ratioLine, ROLLOVER_BIN, row, runChecked, type BenchSuite } from './lib.ts';
import { scottishWards } from './scotland.ts';

const GOAL = 0.5;

/**
 * The Python interpreter itself: `python3` on the PATH may be a shell-script shim (pyenv), whose own
 * start-up would flatter us.
 */
function pythonInterpreter(): string | undefined {
  const found = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** One program run once per ward. */
interface Program {
  readonly label: string;
  readonly command: string;
  readonly args: (ward: string) => string[];
  /** The environment, when not this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

const rollover: Program = {
  label: 'rollover count --json',
  command: ROLLOVER_BIN,
  args: (ward) => ['count', ward, '--json'],
};

const EXTRA_CA = 'NODE_EXTRA_CA_CERTS';
/** Runs of each node floor: enough for a mean on a noisy machine, few beside 166 wards × 2 programs. */
const FLOOR_RUNS = 40;

/** Droop from DROOP_DIR, undefined (after saying so) when it is not set; a wrong DROOP_DIR is an error. */
function droop(python: string): Program | undefined {
  const dir = process.env['DROOP_DIR'];
  if (dir === undefined || dir === '') {
    console.log('  DROOP_DIR is not set, so Droop cannot be timed: falling back to `python3 -c pass`.');
    console.log('  To measure the goal, point it at a Droop checkout (the folder holding Droop.py, running on');
    console.log('  python3): DROOP_DIR=/path/to/droop npm run bench -- startup');
    return undefined;
  }
  const script = join(dir, 'Droop.py');
  if (!existsSync(script)) throw new Error(`DROOP_DIR=${dir} holds no Droop.py`);
  return { label: 'Droop.py scotland json', command: python, args: (ward) => [script, 'scotland', 'json', 'report=false', ward] };
}

const pythonFloor = (python: string): Program => ({ label: 'python3 -c pass', command: python, args: () => ['-c', 'pass'] });

const rolloverJson = z.object({ winners: z.array(z.string()) });
/** Droop's JSON election record: candidates by id, and each action's candidate states (the last is the end). */
const droopJson = z.object({
  cdict: z.record(z.string(), z.object({ name: z.string() })),
  actions: z.array(z.object({ cstate: z.record(z.string(), z.object({ state: z.string() })).optional() })),
});

function stdoutOf(command: string, args: readonly string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

function droopElected(json: string): string[] {
  const record = droopJson.parse(JSON.parse(json));
  const end = record.actions.findLast((a) => a.cstate !== undefined)?.cstate ?? {};
  return Object.entries(end).filter(([, c]) => c.state === 'elected').map(([cid]) => record.cdict[cid]?.name ?? cid);
}

/** A benchmark of a program that counts differently measures nothing: both must elect the same people. */
function checkSameElected(droopProgram: Program, ward: string): void {
  const ours = rolloverJson.parse(JSON.parse(stdoutOf(rollover.command, rollover.args(ward)))).winners.toSorted();
  const theirs = droopElected(stdoutOf(droopProgram.command, droopProgram.args(ward))).toSorted();
  if (ours.join('\n') !== theirs.join('\n')) {
    throw new Error(`${basename(ward)}: rollover elects ${ours.join(', ')}; Droop elects ${theirs.join(', ')}`);
  }
  console.log(`  same elected set as Droop on ${basename(ward)}: ${ours.join(', ')}`);
}

interface Total {
  ms: number;
  /** CPU time of the program's processes, where the system tells it (see childrenCpuMs). */
  cpuMs: number | undefined;
}

async function runOnce(program: Program, ward: string, into: Total): Promise<void> {
  const cpuBefore = childrenCpuMs();
  const run = await runChecked(program.command, program.args(ward), program.env ? { env: program.env } : {});
  const cpuAfter = childrenCpuMs();
  into.ms += run.ms;
  into.cpuMs = into.cpuMs === undefined || cpuBefore === undefined || cpuAfter === undefined ? undefined : into.cpuMs + cpuAfter - cpuBefore;
}

/** `node -e 0`, with this environment and, when it names extra CAs, without them. */
function nodeFloors(): Program[] {
  const floor = (label: string, env?: NodeJS.ProcessEnv): Program => ({ label, command: process.execPath, args: () => ['-e', '0'], ...(env ? { env } : {}) });
  if (!process.env[EXTRA_CA]) return [floor('node -e 0 (node alone)')];
  const without = { ...process.env };
  delete without[EXTRA_CA];
  return [floor(`node -e 0, ${EXTRA_CA} set`), floor(`node -e 0, no ${EXTRA_CA}`, without)];
}

/** Both programs once per ward, alternating which goes first. */
async function interleaved(wards: readonly string[], ours: Program, baseline: Program): Promise<[Total, Total]> {
  const a: Total = { ms: 0, cpuMs: 0 };
  const b: Total = { ms: 0, cpuMs: 0 };
  for (const [i, ward] of wards.entries()) {
    if (i % 2 === 0) {
      await runOnce(ours, ward, a);
      await runOnce(baseline, ward, b);
    } else {
      await runOnce(baseline, ward, b);
      await runOnce(ours, ward, a);
    }
  }
  return [a, b];
}

/** node's floors, each run `runs` times, alternating which goes first as for the wards. */
async function timeFloors(runs: number): Promise<void> {
  const floors = nodeFloors().map((program): { program: Program; total: Total } => ({ program, total: { ms: 0, cpuMs: 0 } }));
  for (let i = 0; i < runs; i++) {
    for (const f of i % 2 === 0 ? floors : floors.toReversed()) await runOnce(f.program, '', f.total);
  }
  console.log(`  node's floor, for comparison (${runs} processes each; rollover's own share is its time less the floor it starts with):`);
  for (const f of floors) report(f.program.label, f.total, runs, 'process');
}

/** Start-up costs that belong to this machine rather than to either program, yet land in the numbers. */
function environmentNotes(droopMeasured: boolean): void {
  if (process.env[EXTRA_CA]) {
    console.log(`  note: ${EXTRA_CA} is set, so every node process reads that CA bundle as it starts (Node 20); the rollover bin`);
    console.log('  starts node without it for count, verify, convert and analyze, which open no connection.');
  }
  if (droopMeasured && process.env['PYTHONDONTWRITEBYTECODE']) {
    console.log("  note: PYTHONDONTWRITEBYTECODE is set, so every Droop process compiles Droop's modules again.");
  }
}

function report(label: string, t: Total, processes: number, per = 'ward'): void {
  console.log(row(`${label}, ${processes} processes`, ms(t.ms), `${ms(t.ms / processes)} per ${per}`));
  if (t.cpuMs !== undefined) console.log(row('  CPU time', ms(t.cpuMs), `${ms(t.cpuMs / processes)} per ${per}`));
}

export const startupSuite: BenchSuite = {
  name: 'startup',
  about: 'one `rollover count ward.blt --json` process per Scottish ward vs Droop (DROOP_DIR) or `python3 -c pass`',
  async run() {
    const all = scottishWards();
    if (all === undefined) return;
    const wards = all.slice(0, envInt('BENCH_STARTUP_WARDS', all.length));
    const python = pythonInterpreter();
    if (python === undefined) {
      console.log('  python3 not found: no baseline (neither Droop nor python3 -c pass can run).');
      return;
    }
    const droopProgram = droop(python);
    if (droopProgram !== undefined && wards[0] !== undefined) checkSameElected(droopProgram, wards[0]);
    const baseline = droopProgram ?? pythonFloor(python);
    const [ours, theirs] = await interleaved(wards, rollover, baseline);
    report(rollover.label, ours, wards.length);
    report(`${baseline.label} (${python})`, theirs, wards.length);
    const goal = droopProgram === undefined ? undefined : GOAL;
    console.log(ratioLine(`rollover vs ${baseline.label}`, ours.ms, theirs.ms, goal));
    if (ours.cpuMs !== undefined && theirs.cpuMs !== undefined) console.log(ratioLine('  CPU time', ours.cpuMs, theirs.cpuMs, goal));
    await timeFloors(Math.min(wards.length, FLOOR_RUNS));
    environmentNotes(droopProgram !== undefined);
    if (droopProgram === undefined) {
      console.log(`  The goal (at most ${GOAL} of Droop's time) needs DROOP_DIR; python3 -c pass is a floor under Droop.`);
    }
  },
};
