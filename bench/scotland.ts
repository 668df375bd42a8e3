/**
 * Suite 2: every ward of the Scottish 2017 council elections (../shared/data/scotland-2017), read and
 * counted under the Scottish STV rules in this process: milliseconds per ward.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { count } from '../src/count/index.ts';
import { parseBlt } from '../src/formats/blt.ts';
import { ms, row, sharedDataDir, type BenchSuite } from './lib.ts';

/** The Scottish wards' ballot files, or undefined (after saying why) when the shared data is absent. */
export function scottishWards(): string[] | undefined {
  const dir = sharedDataDir('scotland-2017');
  if (dir === undefined) {
    console.log('  skipped: ../shared/data/scotland-2017 not found');
    return undefined;
  }
  return readdirSync(dir).filter((f) => f.endsWith('.blt')).sort().map((f) => join(dir, f));
}

export const scotlandSuite: BenchSuite = {
  name: 'scotland',
  about: 'all Scottish 2017 wards parsed and counted (Scottish STV) in-process',
  run() {
    const wards = scottishWards();
    if (wards === undefined) return Promise.resolve();
    let parseNs = 0n;
    let countNs = 0n;
    let slowest = { ward: '', ns: 0n };
    for (const ward of wards) {
      const t0 = process.hrtime.bigint();
      const contest = parseBlt(readFileSync(ward, 'utf8'), ward);
      const t1 = process.hrtime.bigint();
      if (!contest.ok) throw new Error(`${ward}: ${contest.error.message}`);
      const result = count(contest.value, { method: 'stv', rules: 'scottish' });
      const t2 = process.hrtime.bigint();
      if (!result.ok) throw new Error(`${ward}: ${result.error}`);
      parseNs += t1 - t0;
      countNs += t2 - t1;
      if (t2 - t0 > slowest.ns) slowest = { ward, ns: t2 - t0 };
    }
    const n = wards.length;
    const perWard = (ns: bigint): string => ms(Number(ns) / 1e6 / n);
    console.log(row(`${n} wards: read + parse, per ward`, perWard(parseNs)));
    console.log(row(`${n} wards: count, per ward`, perWard(countNs)));
    console.log(row(`${n} wards: total`, ms(Number(parseNs + countNs) / 1e6)));
    console.log(row('slowest ward (parse + count)', ms(Number(slowest.ns) / 1e6), slowest.ward.replace(/^.*\//, '')));
    return Promise.resolve();
  },
};
