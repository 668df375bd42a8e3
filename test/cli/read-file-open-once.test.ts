// readContest opens the ballot file once: the head (to guess the format), the size and the content are all
// read through one descriptor. node:fs's openSync is wrapped to count opens; syncBuiltinESMExports makes
// the wrapper visible to read-file.ts's named import.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { mock, test } from 'node:test';
import { totalWeight } from '../../src/count/ballots.ts';
import { readContest } from '../../src/cli/read-file.ts';
import { fixtures } from './run-cli.ts';

/*
 * Two candidates, one seat; 3 ballots ranking A then B and 1 ballot ranking B: 3 + 1 = 4 votes.
 * Named .txt so the format has to be guessed from the head, which is then read again from byte 0.
 */
const BLT = '2 1\n3 1 2 0\n1 2 0\n0\n"A"\n"B"\n"Two"\n';
const JSON_CONTEST = JSON.stringify({ title: 'Two', candidates: ['A', 'B'], seats: 1, ballots: [{ ranking: ['B'], count: 2 }] });
const files = fixtures({ 'ballots.txt': BLT, 'ballots.blt': BLT, 'contest.json': JSON_CONTEST });

async function opensDuring<T>(file: string, read: () => Promise<T>): Promise<{ value: T; opens: number }> {
  const openSync = mock.method(fs, 'openSync');
  syncBuiltinESMExports();
  try {
    const value = await read();
    return { value, opens: openSync.mock.calls.filter((call) => call.arguments[0] === file).length };
  } finally {
    openSync.mock.restore();
    syncBuiltinESMExports();
  }
}

for (const name of ['ballots.txt', 'ballots.blt'] as const) {
  test(`${name}: opened once, every ballot read from the first byte`, async () => {
    const file = files[name] ?? '';
    const { value: contest, opens } = await opensDuring(file, () => readContest(file));
    assert.equal(opens, 1);
    assert.ok(contest.ok, contest.ok ? '' : contest.error.message);
    assert.deepEqual(contest.value.candidates, ['A', 'B']);
    assert.equal(totalWeight(contest.value.ballots), 4n);
  });
}

// readFileSync(path) opens in C++, out of the wrapper's sight, so this only checks that a whole-file read
// through the descriptor (after the head was read at position 0) still gets the whole contest.
test('a JSON contest is read whole through the same descriptor', async () => {
  const file = files['contest.json'] ?? '';
  const { value: contest, opens } = await opensDuring(file, () => readContest(file));
  assert.equal(opens, 1);
  assert.ok(contest.ok, contest.ok ? '' : contest.error.message);
  assert.equal(totalWeight(contest.value.ballots), 2n);
});

test('a missing file and a directory are still reported by name', async () => {
  const missing = await readContest(`${files['ballots.blt'] ?? ''}.absent`);
  assert.ok(!missing.ok);
  assert.equal(missing.error.message, 'no such file');
  const dir = (files['ballots.blt'] ?? '').replace(/\/ballots\.blt$/, '');
  const directory = await readContest(dir);
  assert.ok(!directory.ok);
  assert.equal(directory.error.message, 'is a directory, not a ballot file');
  assert.equal(directory.error.file, dir);
});
