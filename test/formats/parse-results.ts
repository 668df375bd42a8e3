// What a parser's Result must be in a test: the value when the input is good, the error when it is bad.
import assert from 'node:assert/strict';
import type { InputError, Result } from '../../src/result.ts';

/** The parsed value; an error fails the test with its message and line. */
export function parsedValue<T>(result: Result<T, InputError>): T {
  assert.ok(result.ok, result.ok ? '' : `${result.error.message} (line ${result.error.line})`);
  return result.value;
}

/** The error, which must name `file`; a success fails the test. */
export function parseError(result: Result<unknown, InputError>, file: string): InputError {
  assert.ok(!result.ok, 'expected the input to be refused');
  assert.equal(result.error.file, file);
  return result.error;
}
