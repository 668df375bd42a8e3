/**
 * What every benchmark suite shares: the context `bench/run.ts` hands it (where to write, where the real
 * data is, how to run the built CLI), timing of child processes with their peak memory, sizes overridable
 * from the environment, and aligned printing of results with their ratio to a baseline.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/**
 * The built command (compiled JavaScript, no TypeScript loader). Executed itself, as users run it, it first
 * runs as a shell script (see the file); `node ROLLOVER_BIN` skips that step.
 */
export const ROLLOVER_BIN = fileURLToPath(new URL('../bin/rollover.js', import.meta.url));

export interface BenchContext {
  /** A temporary folder for generated files, shared by the suites and removed after the run. */
  readonly tmp: string;
}

/** One suite: `run.ts` lists each with one line, and runs those named on the command line (or all). */
export interface BenchSuite {
  readonly name: string;
  readonly about: string;
  readonly run: (ctx: BenchContext) => Promise<void>;
}

/** A folder of ../shared/data (real elections), or undefined when it is absent, as on a user's machine. */
export function sharedDataDir(sub: string): string | undefined {
  const dir = resolve(ROOT, '../shared/data', sub);
  return existsSync(dir) ? dir : undefined;
}

/** A whole number from the environment (underscores allowed: BENCH_BALLOTS=10_000_000), else the default. */
export function envInt(name: string, fallback: number): number {
  const text = process.env[name]?.replace(/_/g, '');
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, not "${process.env[name]}"`);
  return Number(text);
}

export interface ChildRun {
  readonly ms: number;
  readonly code: number | null;
  /** Node children run with the probe: their peak resident set size in bytes and CPU time (user + system). */
  readonly probe?: { readonly maxRssBytes: number; readonly cpuMs: number };
  readonly stderr: string;
}

/**
 * Preloaded into node children (`--import`): at exit it writes its peak RSS (kilobytes, as getrusage gives
 * it) and CPU time (microseconds) to stderr on a line of its own, which runChild takes out again. CPU time
 * matters on a shared machine, where wall time also measures the neighbours.
 */
const PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@probe '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;
const PROBE_LINE = /\n@@probe (\d+) (\d+)\n/;

export interface RunOptions {
  /** The command is node: preload the probe. */
  readonly probe?: boolean;
  /** The child's environment, when not this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a command to completion, discarding stdout, timing it from spawn to exit. */
export function runChild(command: string, args: readonly string[], options: RunOptions = {}): Promise<ChildRun> {
  const fullArgs = options.probe ? ['--import', PROBE, ...args] : [...args];
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, fullArgs, { stdio: ['ignore', 'ignore', 'pipe'], ...(options.env ? { env: options.env } : {}) });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const probe = PROBE_LINE.exec(stderr);
      const measured = probe ? { probe: { maxRssBytes: Number(probe[1]) * 1024, cpuMs: Number(probe[2]) / 1000 } } : {};
      done({ ms, code, stderr: stderr.replace(PROBE_LINE, ''), ...measured });
    });
  });
}

/** Runs a child, failing loudly if it fails: a benchmark of a crash measures nothing. */
export async function runChecked(command: string, args: readonly string[], options: RunOptions = {}): Promise<ChildRun> {
  const run = await runChild(command, args, options);
  if (run.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.code}: ${run.stderr.trim()}`);
  return run;
}

export interface BestRun {
  readonly ms: number;
  readonly cpuMs: number | undefined;
}

/** The least wall time and the least CPU time of `times` runs: the least disturbed by the neighbours. */
export async function bestOf(times: number, once: () => Promise<ChildRun>): Promise<BestRun> {
  const runs: ChildRun[] = [];
  for (let i = 0; i < times; i++) runs.push(await once());
  const cpu = runs.map((r) => r.probe?.cpuMs).filter((v): v is number => v !== undefined);
  return { ms: Math.min(...runs.map((r) => r.ms)), cpuMs: cpu.length === 0 ? undefined : Math.min(...cpu) };
}

/**
 * CPU time (user + system) used so far by this process's finished children, from /proc/self/stat
 * (cutime and cstime, in clock ticks of 1/100 s on Linux); undefined elsewhere. It measures children that
 * cannot carry the probe, such as python3.
 */
export function childrenCpuMs(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces, inside parentheses) start with field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
  return Number.isFinite(ticks) ? ticks * 10 : undefined;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

/** "rollover count (1,000,000 ballots)      1234 ms   2.10× baseline   (goal ≤ 3: met)" */
export function ratioLine(label: string, value: number, baseline: number, goal?: number): string {
  const ratio = value / baseline;
  const verdict = goal === undefined ? '' : `   (goal ≤ ${goal}: ${ratio <= goal ? 'met' : 'NOT met'})`;
  return `${label.padEnd(44)} ${ms(value).padStart(10)}   ${ratio.toFixed(2)}× baseline${verdict}`;
}

export function row(label: string, value: string, note = ''): string {
  return `${label.padEnd(44)} ${value.padStart(10)}   ${note}`.trimEnd();
}
