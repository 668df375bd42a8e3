/**
 * V8's optimizing compiler (TurboFan) for a count's input size. One `rollover count` of a Scottish ward (a
 * 13 KB file) is over in a few milliseconds of counting, yet V8 would spend more CPU than that compiling
 * the hottest functions (about 19 ms on a thread of its own for the BLT reader's line function), code
 * that runs for the last millisecond or none. People count wards one process each, hundreds from a script,
 * so for small files the optimizing compiler is switched off: a quarter fewer instructions per process.
 * Measured on BLT files: without TurboFan a 64 KB file counts in less CPU, a 256 KB one already in more
 * (92 against 86 ms), and a 4 MB one takes four times as long.
 */
import { setFlagsFromString } from 'node:v8';

/** Files under this size count without the optimizing compiler. */
export const SHORT_COUNT_BYTES = 128 * 1024;

/** Called with the input's size before it is read; a process counts one file, so this is called once. */
export function compileFor(inputBytes: number): void {
  // V8 flags set after start-up apply from then on; this one only stops future tier-ups to TurboFan.
  if (inputBytes < SHORT_COUNT_BYTES) setFlagsFromString('--no-turbofan');
}
