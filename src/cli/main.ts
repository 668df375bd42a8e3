/**
 * The `rollover` command line. Each command lives in its own file and is registered here with one line;
 * commands import what they need (servers, databases) inside their actions, so that `rollover count`
 * starts without loading them.
 */
import { registerCount } from './count.ts';
import { registerDemo } from './demo.ts';
import { createProgram, runProgram } from './exit.ts';
import { registerServe } from './serve.ts';
import { registerVerify } from './verify.ts';

const program = createProgram();
registerCount(program);
registerServe(program);
registerDemo(program);
registerVerify(program);
await runProgram(program, process.argv);
