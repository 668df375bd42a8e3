/**
 * The `rollover` command line. Each command lives in its own file and is registered here with one line;
 * commands import what they need (servers, databases) inside their actions, so that `rollover count`
 * starts without loading them.
 *
 * RCTab's CVR readers load exceljs and an XML parser, a quarter of a second of start-up, so their commands
 * and count options are loaded only when the arguments ask for them (or for help, which lists everything).
 * This keeps `rollover count ward.blt`, run once per file from scripts, fast.
 */
import { registerCount } from './count.ts';
import { registerDemo } from './demo.ts';
import { createProgram, runProgram } from './exit.ts';
import { registerServe } from './serve.ts';
import { registerVerify } from './verify.ts';

const args = process.argv.slice(2);
const listing = args.length === 0 || args[0] === 'help' || args.includes('--help') || args.includes('-h');
const asks = (...options: string[]): boolean => listing || args.some((a) => options.some((o) => a === o || a.startsWith(`${o}=`)));

const program = createProgram();
// The options rctab.ts adds to count: any of them loads it (its own checks then apply).
registerCount(program, asks('--rctab-config', '--report-dir', '--check-only') ? [(await import('./rctab.ts')).rctabCountMode] : []);
registerServe(program);
registerDemo(program);
registerVerify(program);
if (listing || args[0] === 'convert') (await import('./convert.ts')).registerConvert(program);
if (listing || args[0] === 'analyze') (await import('./analyze.ts')).registerAnalyze(program);
await runProgram(program, process.argv);
