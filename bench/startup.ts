/**
 * Suite 4: start-up cost, as people meet it when they run `rollover count` once per file from a script:
 * one process per Scottish ward, the total time over all wards. Droop (the Python reference STV program)
 * is not available here, so the baseline is the cheapest possible Python run, `python3 -c pass`, once per
 * ward: a floor under what Droop would take (it also has to import its modules and count).
 * BENCH_STARTUP_WARDS takes only the first N wards (on a busy machine each process can take seconds).
 */
import { spawnSync } from 'node:child_process';
import { childrenCpuMs, envInt, ms, ratioLine, ROLLOVER_BIN, row, runChecked, type BenchSuite } from './lib.ts';
import { scottishWards } from './scotland.ts';

/**
 * The Python interpreter itself: `python3` on the PATH may be a shell-script shim (pyenv), whose own
 * start-up would flatter us.
 */
function pythonInterpreter(): string | undefined {
  const found = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

interface Total {
  readonly ms: number;
  /** CPU time of all the processes, where the system tells it (see childrenCpuMs). */
  readonly cpuMs: number | undefined;
}

async function total(wards: readonly string[], once: (ward: string) => Promise<{ ms: number }>): Promise<Total> {
  const cpuBefore = childrenCpuMs();
  let wall = 0;
  for (const ward of wards) wall += (await once(ward)).ms;
  const cpuAfter = childrenCpuMs();
  return { ms: wall, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

function report(label: string, t: Total, wards: number, note = ''): void {
  console.log(row(label, ms(t.ms), `${ms(t.ms / wards)} per ward${note}`));
  if (t.cpuMs !== undefined) console.log(row('  CPU time', ms(t.cpuMs), `${ms(t.cpuMs / wards)} per ward`));
}

export const startupSuite: BenchSuite = {
  name: 'startup',
  about: 'one `rollover count ward.blt --json` process per Scottish ward vs `python3 -c pass` per ward',
  async run() {
    const all = scottishWards();
    if (all === undefined) return;
    const wards = all.slice(0, envInt('BENCH_STARTUP_WARDS', all.length));
    const rollover = await total(wards, (w) => runChecked(process.execPath, [ROLLOVER_BIN, 'count', w, '--json']));
    report(`rollover count --json, ${wards.length} processes`, rollover, wards.length);
    const python = pythonInterpreter();
    if (python === undefined) {
      console.log('  python3 not found: no baseline (Droop.py itself is not available here either).');
      return;
    }
    const baseline = await total(wards, () => runChecked(python, ['-c', 'pass']));
    report(`python3 -c pass, ${wards.length} processes`, baseline, wards.length, ` (${python})`);
    console.log(ratioLine('rollover vs python3 -c pass', rollover.ms, baseline.ms));
    if (rollover.cpuMs !== undefined && baseline.cpuMs !== undefined) {
      console.log(ratioLine('  CPU time', rollover.cpuMs, baseline.cpuMs));
    }
    console.log('  Droop.py is not available here, so the goal (at most half of Droop\'s time) cannot be measured;');
    console.log('  python3 -c pass is a floor under Droop, which must also import its modules and count.');
  },
};
