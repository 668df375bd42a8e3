/**
 * V8's optimizing compiler (TurboFan) for the work a run does. One `rollover count` of a Scottish ward (a
 * 13 KB file) is over in a few milliseconds of counting, yet V8 would spend more CPU than that compiling
 * the hottest functions (about 19 ms on a thread of its own for the BLT reader's line function), code
 * that runs for the last millisecond or none. People count wards one process each, hundreds from a script,
 * so small files count without the optimizing compiler: a quarter fewer instructions per process.
 * Measured on BLT files: without TurboFan a 64 KB file counts in less CPU, a 256 KB one already in more
 * (92 against 86 ms), and a 4 MB one takes four times as long.
 *
 * The bin starts node with --no-turbofan (bin/rollover.js), so that the common case, a small count, never
 * loads node:v8: setting a flag through it brings node's whole stream library along (about a tenth of a
 * ward's run). Every other run switches TurboFan back on, once it knows it needs it.
 */
import { createRequire } from 'node:module';
import type * as V8 from 'node:v8';

/** Files under this size count without the optimizing compiler. */
export const SHORT_COUNT_BYTES = 128 * 1024;

/** Whether TurboFan is on now: off only when node was started without it, as the bin starts it. */
let optimizing = !process.execArgv.includes('--no-turbofan');

/** Called with a count's input size before it is read; a process counts one file, so this is called once. */
export function compileFor(inputBytes: number): void {
  optimize(inputBytes >= SHORT_COUNT_BYTES);
}

/** For every run but a count of one small file: servers, analyses and large counts need TurboFan. */
export function compileFully(): void {
  optimize(true);
}

function optimize(on: boolean): void {
  if (on === optimizing) return;
  optimizing = on;
  // V8 flags set after start-up apply from then on: this starts or stops future tier-ups to TurboFan.
  // Loaded here, only when needed, through createRequire: every Node 20 has it (getBuiltinModule needs 20.16).
  const v8 = createRequire(import.meta.url)('node:v8') as typeof V8;
  v8.setFlagsFromString(on ? '--turbofan' : '--no-turbofan');
}
