/**
 * Suite: RCTab contests end to end (`rollover count --rctab-config CONFIG --report-dir DIR`, as a child
 * process) against reading the same CVR files alone, measured in the same run.
 *
 * 1. The Minneapolis 2013 mayor case of RCTab's regression suite (../shared/data/rctab): ES&S xlsx,
 *    80,101 ballots, 36 candidates, 33 rounds, a report per precinct.
 * 2. The same CVRs replicated to BENCH_RCTAB_BALLOTS (default 1,000,000) ballots.
 * 3. Replicated to BENCH_RCTAB_HUGE_BALLOTS (default 6,000,000): peak RSS, goal under 2 GB.
 *
 * The replicas stay ES&S xlsx, written with exceljs's streaming writer: that is the format the real case
 * comes in, so the bench measures the reader jurisdictions use, and precincts repeat so the per-precinct
 * reports are the real ones. A worksheet holds at most 1,048,576 rows, so (as jurisdictions do with big
 * contests) the huge contest is split into files of at most a million ballots; files of equal size are hard
 * links of one generated file, sparing minutes of generation without sparing the reader any work.
 *
 * The baseline is a node child that streams every row of every file with exceljs (the same library and
 * options as Rollover's ES&S reader) and takes its cell values, nothing else: the least any tool must do
 * to look at every ballot.
 */
import { createRequire } from 'node:module';
import { existsSync, linkSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { bestOf, envInt, mb, ms, ratioLine, ROLLOVER_BIN, row, runChecked, sharedDataDir, type BenchContext, type BenchSuite } from './lib.ts';

const CASE = '2013_minneapolis_mayor';
const RSS_GOAL_BYTES = 2 * 2 ** 30;
/** Ballots per replicated file: under the 1,048,576 rows of an xlsx worksheet, with room for the header. */
const FILE_BALLOTS = 1_000_000;
const READER_OPTIONS = { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' } as const;

/**
 * The baseline child: argv[1] is exceljs, the rest are the CVR files. It takes each row's cell values (a
 * row not looked into is not read) and prints how many rows and cells it saw.
 */
const READ_ROWS = `
const ExcelJS = require(process.argv[1]);
(async () => {
  let rows = 0, cells = 0;
  for (const file of process.argv.slice(2)) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, ${JSON.stringify(READER_OPTIONS)});
    for await (const sheet of reader) { for await (const row of sheet) { rows++; cells += row.values.length; } break; }
  }
  console.log(rows, cells);
})();
`;

export const rctabSuite: BenchSuite = {
  name: 'rctab',
  about: 'RCTab Minneapolis 2013 mayor (ES&S xlsx) and replicas of it, end to end vs reading the CVRs (BENCH_RCTAB_BALLOTS, BENCH_RCTAB_HUGE_BALLOTS)',
  async run(ctx) {
    const dir = sharedDataDir(`rctab/${CASE}`);
    if (dir === undefined) {
      console.log(`  skipped: ../shared/data/rctab/${CASE} not found`);
      return;
    }
    const config = JSON.parse(readFileSync(join(dir, `${CASE}_config.json`), 'utf8')) as RctabConfigJson;
    const source = join(dir, `${CASE}_cvr.xlsx`);
    await compare(ctx, 'mayor 2013', join(dir, `${CASE}_config.json`), [source], envInt('BENCH_RUNS', 3));
    const rows = await sheetRows(source);
    const replicas = new Replicas(ctx.tmp, rows);
    const ballots = envInt('BENCH_RCTAB_BALLOTS', 1_000_000);
    const files = await replicas.files(ballots);
    await compare(ctx, `${count(ballots)} ballots`, replicaConfig(ctx, config, files, ballots), files, 1);
    const huge = envInt('BENCH_RCTAB_HUGE_BALLOTS', 6_000_000);
    await peakRss(ctx, huge, replicaConfig(ctx, config, await replicas.files(huge), huge));
  },
};

/** Times reading the files alone and the whole contest, printing the ratios of wall and CPU time. */
async function compare(ctx: BenchContext, label: string, configPath: string, files: readonly string[], runs: number): Promise<void> {
  const exceljs = createRequire(import.meta.url).resolve('exceljs');
  const baseline = await bestOf(runs, () => runChecked(process.execPath, ['-e', READ_ROWS, exceljs, ...files], { probe: true }));
  const reports = join(ctx.tmp, 'rctab-reports');
  const rollover = await bestOf(runs, () => runChecked(process.execPath, [ROLLOVER_BIN, 'count', '--rctab-config', configPath, '--report-dir', reports], { probe: true }));
  const best = runs > 1 ? `wall time, best of ${runs}` : 'wall time, one run';
  console.log(row(`${label}: baseline, read rows`, ms(baseline.ms), best));
  console.log(ratioLine(`${label}: rollover, end to end`, rollover.ms, baseline.ms, 3));
  if (baseline.cpuMs !== undefined && rollover.cpuMs !== undefined) {
    // On a busy machine wall time also measures the neighbours; CPU time (user + system) does not.
    console.log(row(`${label}: baseline CPU`, ms(baseline.cpuMs)));
    console.log(ratioLine(`${label}: rollover CPU`, rollover.cpuMs, baseline.cpuMs, 3));
  }
}

async function peakRss(ctx: BenchContext, ballots: number, configPath: string): Promise<void> {
  const run = await runChecked(process.execPath, [ROLLOVER_BIN, 'count', '--rctab-config', configPath, '--report-dir', join(ctx.tmp, 'rctab-reports')], { probe: true });
  const rss = run.probe?.maxRssBytes;
  if (rss === undefined) throw new Error('the child did not report its peak RSS');
  const verdict = rss <= RSS_GOAL_BYTES ? 'met' : 'NOT met';
  console.log(row(`${count(ballots)} ballots: peak RSS`, mb(rss), `counted in ${ms(run.ms)}   (goal ≤ 2 GB: ${verdict})`));
}

/** The config of the replicated contest: the real one, reading the replica files instead. */
function replicaConfig(ctx: BenchContext, config: RctabConfigJson, files: readonly string[], ballots: number): string {
  const [template] = config.cvrFileSources;
  if (template === undefined) throw new Error(`${CASE}: the config has no CVR source`);
  const replica = { ...config, cvrFileSources: files.map((filePath) => ({ ...template, filePath })) };
  const path = join(ctx.tmp, `${CASE}_${ballots}_config.json`);
  writeFileSync(path, JSON.stringify(replica, null, 2));
  return path;
}

/** Only what this suite changes in the config. */
interface RctabConfigJson {
  readonly cvrFileSources: readonly Record<string, unknown>[];
}

/** Every row of the first worksheet (header first), as exceljs gives the cell values. */
async function sheetRows(file: string): Promise<ExcelJS.CellValue[][]> {
  const rows: ExcelJS.CellValue[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, READER_OPTIONS);
  for await (const sheet of reader) {
    for await (const r of sheet) rows.push((r.values as ExcelJS.CellValue[]).slice(1));
    break;
  }
  return rows;
}

/** ES&S files replicating the real ballots (in order, over and over), each generated once per size. */
class Replicas {
  private readonly generated = new Map<number, string>();
  private links = 0;

  constructor(
    private readonly tmp: string,
    private readonly rows: readonly ExcelJS.CellValue[][],
  ) {}

  /** Files holding `ballots` ballots in all, each at most FILE_BALLOTS. */
  async files(ballots: number): Promise<string[]> {
    const files: string[] = [];
    for (let left = ballots; left > 0; left -= FILE_BALLOTS) {
      const size = Math.min(left, FILE_BALLOTS);
      const file = await this.file(size);
      files.push(files.includes(file) ? this.link(file) : file);
    }
    return files;
  }

  private async file(ballots: number): Promise<string> {
    const known = this.generated.get(ballots);
    if (known !== undefined) return known;
    const started = Date.now();
    const path = join(this.tmp, `${CASE}_${ballots}.xlsx`);
    await writeReplica(path, this.rows, ballots);
    console.log(row(`generated ${count(ballots)} ballots (xlsx)`, ms(Date.now() - started), path));
    this.generated.set(ballots, path);
    return path;
  }

  /** Another name for the same file, so that the contest reads it once more under its own name. */
  private link(file: string): string {
    let path: string;
    do path = file.replace(/\.xlsx$/, `_copy${++this.links}.xlsx`);
    while (existsSync(path));
    linkSync(file, path);
    return path;
  }
}

async function writeReplica(path: string, rows: readonly ExcelJS.CellValue[][], ballots: number): Promise<void> {
  const [header, ...votes] = rows;
  if (header === undefined || votes.length === 0) throw new Error(`${CASE}: the CVR has no ballots`);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(header).commit();
  for (let i = 0; i < ballots; i++) sheet.addRow(votes[i % votes.length]).commit();
  sheet.commit();
  await book.commit();
}

function count(n: number): string {
  return n.toLocaleString('en');
}
