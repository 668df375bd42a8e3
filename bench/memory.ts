/**
 * Suite 3: peak resident memory of `rollover count FILE --json` on generated CSVs of 1 M and 10 M ballots
 * (BENCH_BALLOTS, BENCH_BIG_BALLOTS). Streaming and grouping should keep 10 M ballots under 500 MB.
 */
import { benchCsv } from './generate-csv.ts';
import { envInt, mb, ms, ROLLOVER_BIN, row, runChecked, type BenchSuite } from './lib.ts';

const GOAL_BYTES = 500 * 2 ** 20;

export const memorySuite: BenchSuite = {
  name: 'memory',
  about: 'peak RSS counting generated CSVs of 1 M and 10 M ballots (BENCH_BALLOTS, BENCH_BIG_BALLOTS)',
  async run(ctx) {
    for (const ballots of [envInt('BENCH_BALLOTS', 1_000_000), envInt('BENCH_BIG_BALLOTS', 10_000_000)]) {
      const started = Date.now();
      const file = benchCsv(ctx.tmp, ballots);
      const generated = Date.now() - started;
      const run = await runChecked(process.execPath, [ROLLOVER_BIN, 'count', file, '--json'], { probe: true });
      const rss = run.probe?.maxRssBytes;
      const label = `peak RSS, ${ballots.toLocaleString('en')} ballots`;
      if (rss === undefined) throw new Error('the child did not report its peak RSS');
      const goal = ballots >= 10_000_000 ? `   (goal ≤ 500 MB: ${rss <= GOAL_BYTES ? 'met' : 'NOT met'})` : '';
      console.log(row(label, mb(rss), `counted in ${ms(run.ms)} (file generated in ${ms(generated)})${goal}`));
    }
  },
};
