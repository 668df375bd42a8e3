/**
 * The `rollover` command line. Each command lives in its own file and is registered here with one line;
 * commands import what they need (servers, databases) inside their actions, so that `rollover count`
 * starts without loading them.
 */
import { registerCount } from './count.ts';
import { createProgram, runProgram } from './exit.ts';

const program = createProgram();
registerCount(program);
await runProgram(program, process.argv);
