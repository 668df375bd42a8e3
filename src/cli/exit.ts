/**
 * How every `rollover` command ends: exit codes, messages and the guarantee that the user never sees a
 * stack trace. Commands return an Outcome instead of printing as they go, so that nothing is written to
 * stdout when a command fails (the contract: "Nothing is written on failure").
 *
 * Exit codes (the contract in DESIGN.md): 0 success, 1 invalid input, 2 usage. A bug in Rollover itself
 * exits 70 (EX_SOFTWARE in BSD sysexits), so scripts can tell it apart from bad input.
 */
import { writeSync } from 'node:fs';
import { Command, CommanderError } from 'commander';

export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

export type ExitCode = typeof EXIT_OK | typeof EXIT_INVALID_INPUT | typeof EXIT_USAGE | typeof EXIT_INTERNAL;

/** What a command produced: text for stdout on success, a message for stderr on failure. */
export type Outcome =
  | { readonly code: typeof EXIT_OK; readonly stdout: string }
  | { readonly code: typeof EXIT_INVALID_INPUT | typeof EXIT_USAGE; readonly message: string };

export function success(stdout: string): Outcome {
  return { code: EXIT_OK, stdout };
}

export function invalidInput(message: string): Outcome {
  return { code: EXIT_INVALID_INPUT, message };
}

export function usageError(message: string): Outcome {
  return { code: EXIT_USAGE, message };
}

/** The root program, set up so that commander reports usage errors our way instead of exiting itself. */
export function createProgram(): Command {
  const program = new Command('rollover');
  program
    .description('Preferential (ranked) elections, counted exactly: IRV and STV under several rule sets, and an election service.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => writeOutput(text),
      outputError: (text, write) => write(`rollover: ${text.replace(/^error: /, '')}`),
    });
  return program;
}

export interface ActionOptions {
  /**
   * Exit as soon as the output is written, for a command that leaves nothing running (count). Node's
   * orderly shutdown after the last callback (freeing the heap page by page, stopping its threads) is
   * about 5% of a ward's count process, and people run one per file. Only when the whole output went out
   * through the write system call: output still queued in process.stdout is left to drain as usual.
   */
  readonly exitWhenWritten?: boolean;
}

/**
 * Wraps a command's action: prints its outcome and records the exit code. Unless `exitWhenWritten`, the
 * process then exits on its own once stdout has drained (calling process.exit could cut a large --json
 * output short).
 */
export function commandAction<A extends unknown[]>(run: (...args: A) => Promise<Outcome>, options: ActionOptions = {}): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const outcome = await run(...args);
    process.exitCode = outcome.code;
    if (outcome.code !== EXIT_OK) process.stderr.write(`rollover: ${outcome.message}\n`);
    else if (writeOutput(outcome.stdout) && options.exitWhenWritten) process.exit();
  };
}

const STDOUT = 1;

/**
 * Writes a command's whole output to stdout, with the write system call itself rather than through
 * process.stdout: for a pipe (a script reading the output) that stream is a network socket, and creating
 * it loads node's network modules, about 4% of the CPU of a `rollover count` of a Scottish ward. Our stdout
 * blocks (node gives its children blocking stdio, as shells do), so each write takes what the reader can;
 * if it does not (a descriptor shared with a process that made it non-blocking), the rest goes through
 * process.stdout, which waits for the reader. Returns whether every byte was written here and now.
 */
export function writeOutput(text: string, fd = STDOUT): boolean {
  const bytes = Buffer.from(text, 'utf8');
  for (let written = 0; written < bytes.length; ) {
    try {
      written += writeSync(fd, bytes, written);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') stdoutFailed(e as NodeJS.ErrnoException);
      else process.stdout.on('error', stdoutFailed).write(bytes.subarray(written));
      return false;
    }
  }
  return true;
}

/**
 * Parses the arguments and runs the chosen command, never letting an exception reach the user as a stack
 * trace. The exit code is left in process.exitCode (set by the command's action on normal completion).
 */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    process.exitCode = exitCodeOf(e);
  }
}

/**
 * The reader of our output went away (`rollover count … | head`): like other Unix tools, stop quietly
 * rather than report the broken pipe; there is no one left to read it.
 */
function stdoutFailed(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  process.stderr.write(`rollover: cannot write the output: ${e.message}\n`);
  process.exit(EXIT_INTERNAL);
}

function exitCodeOf(e: unknown): ExitCode {
  // Commander has already printed its message (help, or "unknown option" and the like).
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`rollover: internal error (a bug in Rollover, please report it): ${message}\n`);
  return EXIT_INTERNAL;
}
