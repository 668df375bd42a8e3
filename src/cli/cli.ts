/**
 * Runs the command line over a table of commands, registering only the command the arguments name:
 * main.ts (every command, dist/cli.cjs) and count-main.ts (count alone, dist/count.cjs) are its two entry
 * points, one program definition between them.
 *
 * No top-level await: the bundles that `bin/rollover.js` runs are CommonJS (see scripts/build.mjs).
 */
import type { Command } from 'commander';
import { compileFully } from './compiler.ts';
import { createProgram, runProgram } from './exit.ts';

/** Registers one command, loading its module; `help` says the command's help will be shown. */
export type Register = (program: Command, args: readonly string[], help: boolean) => Promise<void>;

export type Commands = Readonly<Record<string, Register>>;

/**
 * The command the arguments name (`rollover help count` names count), or undefined for the listing of
 * all commands and for a name that is none of them (commander then says so and suggests one).
 */
function namedCommand(commands: Commands, args: readonly string[]): string | undefined {
  const name = args[0] === 'help' ? args[1] : args[0];
  return name !== undefined && Object.hasOwn(commands, name) ? name : undefined;
}

function asksForHelp(args: readonly string[]): boolean {
  return args[0] === 'help' || args.includes('--help') || args.includes('-h');
}

export async function runCli(commands: Commands, argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  const program = createProgram();
  const named = namedCommand(commands, args);
  // The listing shows each command's name and summary only, so count is registered there without RCTab's.
  const registers = named === undefined ? Object.values(commands) : [commands[named]];
  // A count decides for itself, by its file's size (compiler.ts).
  if (named !== 'count') compileFully();
  const help = named !== undefined && asksForHelp(args);
  for (const register of registers) await register?.(program, args, help);
  await runProgram(program, argv);
}
