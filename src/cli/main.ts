/**
 * The `rollover` command line. Each command lives in its own file and is registered here with one line.
 * People run `rollover count` once per file from scripts, so a run loads only the command it names:
 * `count` does not load the server, the database or RCTab's CVR readers (their schemas and parsers cost
 * more start-up than a whole ward's count). Only the full listing (`rollover`, `rollover --help`, an
 * unknown command) loads them all. The count options RCTab adds are loaded when the arguments use them, or for count's own help.
 *
 * No top-level await: the bundle that `bin/rollover.js` runs is CommonJS (see scripts/build.mjs).
 */
import type { Command } from 'commander';
import { compileFully } from './compiler.ts';
import { createProgram, runProgram } from './exit.ts';

/** Registers one command, loading its module; `help` says the command's help will be shown. */
type Register = (program: Command, args: readonly string[], help: boolean) => Promise<void>;

/** The options rctab.ts adds to count: any of them loads it (its own checks then apply). */
const RCTAB_COUNT_OPTIONS = ['--rctab-config', '--report-dir', '--check-only'];

const COMMANDS: Readonly<Record<string, Register>> = {
  count: async (program, args, help) => {
    const { registerCount } = await import('./count.ts');
    const rctab = help || args.some((a) => RCTAB_COUNT_OPTIONS.some((o) => a === o || a.startsWith(`${o}=`)));
    registerCount(program, rctab ? [(await import('./rctab.ts')).rctabCountMode] : []);
  },
  serve: async (program) => (await import('./serve.ts')).registerServe(program),
  demo: async (program) => (await import('./demo.ts')).registerDemo(program),
  verify: async (program) => (await import('./verify.ts')).registerVerify(program),
  convert: async (program) => (await import('./convert.ts')).registerConvert(program),
  analyze: async (program) => (await import('./analyze.ts')).registerAnalyze(program),
};

/**
 * The command the arguments name (`rollover help count` names count), or undefined for the listing of
 * all commands and for a name that is none of them (commander then says so and suggests one).
 */
function namedCommand(args: readonly string[]): string | undefined {
  const name = args[0] === 'help' ? args[1] : args[0];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : undefined;
}

function asksForHelp(args: readonly string[]): boolean {
  return args[0] === 'help' || args.includes('--help') || args.includes('-h');
}

async function main(argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  const program = createProgram();
  const named = namedCommand(args);
  // The listing shows each command's name and summary only, so count is registered there without RCTab's.
  const registers = named === undefined ? Object.values(COMMANDS) : [COMMANDS[named]];
  // A count decides for itself, by its file's size (compiler.ts).
  if (named !== 'count') compileFully();
  const help = named !== undefined && asksForHelp(args);
  for (const register of registers) await register?.(program, args, help);
  await runProgram(program, argv);
}

void main(process.argv);
