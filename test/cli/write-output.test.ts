// writeOutput (src/cli/exit.ts): a command's whole output, written with the write system call.
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeOutput } from '../../src/cli/exit.ts';
import { scratchDir } from './run-cli.ts';

test('the whole text is written as UTF-8, byte for byte', () => {
  // "Ödön × 3 ≤ ½\n" is 13 characters in 19 bytes, so 10,000 lines are 190,000 bytes.
  const text = 'Ödön × 3 ≤ ½\n'.repeat(10_000);
  const file = join(scratchDir(), 'out.txt');
  const fd = openSync(file, 'w');
  try {
    writeOutput(text, fd);
  } finally {
    closeSync(fd);
  }
  const bytes = readFileSync(file);
  assert.equal(bytes.length, 190_000);
  assert.equal(bytes.toString('utf8'), text);
});
