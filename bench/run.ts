/**
 * `npm run bench`: measured ratios against baselines measured in the same run, on this machine.
 *
 *   npm run bench                      every suite
 *   npm run bench -- count-csv memory  only the suites named
 *
 * Sizes come from the environment (BENCH_BALLOTS, BENCH_BIG_BALLOTS, BENCH_RUNS). Each suite lives in its
 * own file and is listed below with one line. The CLI is rebuilt first, so the numbers are for the
 * compiled `rollover` that users run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analysisSuite } from './analysis.ts';
import { countCsvSuite } from './count-csv.ts';
import { ROOT, type BenchSuite } from './lib.ts';
import { memorySuite } from './memory.ts';
import { rctabSuite } from './rctab.ts';
import { scotlandSuite } from './scotland.ts';
import { serviceSuite } from './service.ts';
import { startupSuite } from './startup.ts';

const SUITES: readonly BenchSuite[] = [
  countCsvSuite,
  scotlandSuite,
  memorySuite,
  startupSuite,
  serviceSuite,
  analysisSuite,
  rctabSuite,
];

function chosen(names: readonly string[]): BenchSuite[] {
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`);
  return SUITES.filter((s) => names.length === 0 || names.includes(s.name));
}

const suites = chosen(process.argv.slice(2));
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build failed');
const tmp = mkdtempSync(join(tmpdir(), 'rollover-bench-'));
console.log(`Rollover benchmarks · node ${process.version} · ${process.platform}/${process.arch}`);
try {
  for (const suite of suites) {
    console.log(`\n== ${suite.name}: ${suite.about}`);
    const started = Date.now();
    await suite.run({ tmp });
    console.log(`   (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
