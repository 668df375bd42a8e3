import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { totalWeight } from '../../src/count/ballots.ts';
import { createBltParser } from '../../src/formats/blt.ts';
import { progressBar, PROGRESS_MIN_BYTES, renderProgress } from '../../src/cli/progress.ts';
import { CHUNK_BYTES, readContest, streamInto } from '../../src/cli/read-file.ts';
import { fixtures } from './run-cli.ts';

const MIB = 1 << 20;

/*
 * A BLT file whose first read boundary (CHUNK_BYTES) falls inside a two-byte UTF-8 character:
 *   "2 1\n"                          4 bytes
 *   BALLOTS × "1 1 2 0\n"            8 bytes each
 *   "# " + PAD × "x" + "é…"          with PAD chosen so that "é" starts at byte CHUNK_BYTES - 1
 * so the first chunk ends with é's first byte (0xC3) and the second starts with its second (0xA9).
 * Decoding each chunk on its own would turn é into two U+FFFD characters, which the parser refuses.
 * Many more ballots follow, so the file spans many chunks.
 */
const BALLOTS = Math.floor((CHUNK_BYTES - 4 - 2 - 1) / 8) - 10;
const PAD = CHUNK_BYTES - 1 - (4 + 8 * BALLOTS + 2);
const MORE = 100_000;
const text = `2 1\n${'1 1 2 0\n'.repeat(BALLOTS)}# ${'x'.repeat(PAD)}é count sheet\n${'1 2 0\n'.repeat(MORE)}0\n"Zoë Ødegaard" "Jürgen"\n"Straddle"\n`;
const files = fixtures({ 'straddle.blt': text });

test('the fixture really splits é across the first chunk boundary', () => {
  const bytes = readFileSync(files['straddle.blt'] ?? '');
  assert.deepEqual([bytes[CHUNK_BYTES - 1], bytes[CHUNK_BYTES]], [0xc3, 0xa9]);
  assert.ok(bytes.length > 5 * CHUNK_BYTES);
});

test('UTF-8 split across chunks is decoded whole, and every ballot is read', () => {
  const file = files['straddle.blt'] ?? '';
  const seen: number[] = [];
  const contest = streamInto(createBltParser(file), file, (n) => seen.push(n));
  assert.ok(contest.ok, contest.ok ? '' : contest.error.message);
  assert.deepEqual(contest.value.candidates, ['Zoë Ødegaard', 'Jürgen']);
  assert.equal(totalWeight(contest.value.ballots), BigInt(BALLOTS + MORE));
  // The contract: the file is read in pieces (never more than CHUNK_BYTES at a time), to its last byte.
  assertReadInPieces(seen, Buffer.byteLength(text));
});

/** Progress reports that grow by at most CHUNK_BYTES at a time, from the first piece to the whole file. */
function assertReadInPieces(reads: readonly number[], size: number): void {
  assert.ok(reads.length > 1, 'a file of several chunks is read in several pieces');
  reads.forEach((read, i) => {
    const step = read - (reads[i - 1] ?? 0);
    assert.ok(step > 0 && step <= CHUNK_BYTES, `read ${i}: ${step} bytes`);
  });
  assert.equal(reads.at(-1), size);
}

test('readContest reports progress against the file size, chunk by chunk', async () => {
  const file = files['straddle.blt'] ?? '';
  const calls: [number, number][] = [];
  const contest = await readContest(file, { format: 'blt', onProgress: (read, total) => calls.push([read, total]) });
  assert.ok(contest.ok);
  const size = Buffer.byteLength(text);
  assert.ok(calls.every(([, total]) => total === size), 'progress is measured against the file size');
  assertReadInPieces(
    calls.map(([read]) => read),
    size,
  );
});

test('readContest tells the file size once, before it reads any of it', async () => {
  const file = files['straddle.blt'] ?? '';
  const events: string[] = [];
  const contest = await readContest(file, {
    format: 'blt',
    onSize: (total) => events.push(`size ${total}`),
    onProgress: () => events.push('read'),
  });
  assert.ok(contest.ok);
  assert.equal(events[0], `size ${Buffer.byteLength(text)}`);
  assert.equal(events.filter((e) => e.startsWith('size')).length, 1);
  assert.ok(events.length > 1);
});

test('the progress line: bar of 30, percent and megabytes', () => {
  // 30% of 30 cells = 9 filled; 120 MiB of 400 MiB.
  assert.equal(renderProgress('big.csv', 30, 120 * MIB, 400 * MIB), `reading big.csv [${'#'.repeat(9)}${'-'.repeat(21)}]  30%  120/400 MB`);
});

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

test('the bar draws on a terminal, once per percent, and clears its line when done', () => {
  const { stream, written } = fakeStream(true);
  const bar = progressBar('big.csv', stream);
  const total = 200 * MIB;
  for (const read of [MIB, 2 * MIB, 3 * MIB, total]) bar.update(read, total);
  bar.done();
  // 1 MiB and 2 MiB of 200 are both 0% (one draw), 3 MiB is 1%, the end 100%.
  assert.equal(written.length, 4);
  assert.match(written[0] ?? '', /^\rreading big\.csv \[-{30}\] {3}0% {2}1\/200 MB$/);
  assert.match(written[2] ?? '', /\] 100% {2}200\/200 MB$/);
  assert.equal(written[3], '\r\x1b[2K');
});

test('no bar when stderr is not a terminal, or the file is small', () => {
  const pipe = fakeStream(false);
  progressBar('big.csv', pipe.stream).update(MIB, 500 * MIB);
  assert.deepEqual(pipe.written, []);
  const tty = fakeStream(true);
  const bar = progressBar('small.blt', tty.stream);
  bar.update(PROGRESS_MIN_BYTES - 1, PROGRESS_MIN_BYTES - 1);
  bar.done();
  assert.deepEqual(tty.written, []);
});
