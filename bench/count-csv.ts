/**
 * Suite 1: a generated 1,000,000-ballot, 12-candidate wide CSV counted by IRV end to end
 * (`rollover count FILE --json` as a child process), against a node child that only reads the same file
 * with readline and counts its lines. Goal: at most 3 times the baseline.
 */
import { benchCsv } from './generate-csv.ts';
import { bestOf, envInt, ratioLine, ROLLOVER_BIN, row, runChecked, ms, type BenchSuite } from './lib.ts';

/** The baseline: the least any tool must do to look at every ballot. */
const COUNT_LINES = `
const rl = require('node:readline').createInterface({ input: require('node:fs').createReadStream(process.argv[1]), crlfDelay: Infinity });
let lines = 0;
rl.on('line', () => { lines++; });
rl.on('close', () => console.log(lines));
`;

export const countCsvSuite: BenchSuite = {
  name: 'count-csv',
  about: 'IRV count of a generated wide CSV, end to end, vs reading its lines (BENCH_BALLOTS, default 1,000,000)',
  async run(ctx) {
    const ballots = envInt('BENCH_BALLOTS', 1_000_000);
    const runs = envInt('BENCH_RUNS', 3);
    const started = Date.now();
    const file = benchCsv(ctx.tmp, ballots);
    console.log(row(`generated ${ballots.toLocaleString('en')} ballots`, ms(Date.now() - started), file));
    const baseline = await bestOf(runs, () => runChecked(process.execPath, ['-e', COUNT_LINES, file], { probe: true }));
    const rollover = await bestOf(runs, () => runChecked(process.execPath, [ROLLOVER_BIN, 'count', file, '--json'], { probe: true }));
    const label = 'rollover count FILE --json';
    console.log(row('baseline: node readline, count lines', ms(baseline.ms), `wall time, best of ${runs}`));
    console.log(ratioLine(label, rollover.ms, baseline.ms, 3));
    if (baseline.cpuMs !== undefined && rollover.cpuMs !== undefined) {
      // On a busy machine wall time also measures the neighbours; CPU time (user + system) does not.
      console.log(row('baseline: CPU time (user + system)', ms(baseline.cpuMs)));
      console.log(ratioLine(`${label}: CPU time`, rollover.cpuMs, baseline.cpuMs, 3));
    }
  },
};
