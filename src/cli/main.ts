/**
 * The `rollover` command line. Each command lives in its own file and is registered here with one line.
 * People run `rollover count` once per file from scripts, so a run loads only the command it names:
 * `count` does not load the server, the database or RCTab's CVR readers (their schemas and parsers cost
 * more start-up than a whole ward's count). Only the full listing (`rollover`, `rollover --help`, an
 * unknown command) loads them all. The count options RCTab adds are loaded when the arguments use them, or
 * for count's own help. bin/rollover.js runs count from a bundle of its own (count-main.ts).
 */
import { runCli, type Commands } from './cli.ts';
import { registerCountCommand } from './count-command.ts';

const COMMANDS: Commands = {
  count: registerCountCommand,
  serve: async (program) => (await import('./serve.ts')).registerServe(program),
  demo: async (program) => (await import('./demo.ts')).registerDemo(program),
  verify: async (program) => (await import('./verify.ts')).registerVerify(program),
  convert: async (program) => (await import('./convert.ts')).registerConvert(program),
  analyze: async (program) => (await import('./analyze.ts')).registerAnalyze(program),
};

void runCli(COMMANDS, process.argv);
