// An ES&S xlsx that is cut short or damaged must fail with a message naming the file (and, when rows were
// read, the last good row), never hang: exceljs waits forever on a worksheet cut short, and node then
// exits with code 13 and no message at all.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CandidateDirectory } from '../../../../src/formats/rctab/cvr.ts';
import { zipProblem } from '../../../../src/formats/rctab/readers/xlsx-zip.ts';
import { loadCase, readAll, skipUnlessData } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'rollover-xlsx-'));

function file(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

test('zip check: a zip start without its end record is truncated; text is not a zip; start and end record pass', async () => {
  const start = Buffer.from('PK\x03\x04', 'latin1');
  const end = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]); // 22-byte end record, no comment
  assert.equal(await zipProblem(file('cut.xlsx', Buffer.concat([start, Buffer.alloc(100)]))), 'the xlsx workbook ends early (truncated?)');
  assert.equal(await zipProblem(file('text.xlsx', 'Precinct,Choice 1\n')), 'not an xlsx workbook (it is not a zip archive)');
  assert.equal(await zipProblem(file('empty.xlsx', '')), 'not an xlsx workbook (it is not a zip archive)');
  assert.equal(await zipProblem(file('whole.xlsx', Buffer.concat([start, Buffer.alloc(100), end]))), undefined);
});

test('Minneapolis 2013 cut at 300,000 of its 2,027,670 bytes (inside the worksheet): an error, not a hang', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('2013_minneapolis_mayor');
  const spec = specs[0]!;
  const path = file('mayor-cut.xlsx', readFileSync(spec.resolvedPath).subarray(0, 300_000));
  const { result } = await readAll({ ...spec, filePath: 'mayor-cut.xlsx', resolvedPath: path }, candidates);
  assert.deepEqual(result, { ok: false, error: { message: 'the xlsx workbook ends early (truncated?)', file: 'mayor-cut.xlsx' } });
});

test('Minneapolis 2013 with 400 bytes zeroed mid-worksheet: an error naming the file and the last good row', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('2013_minneapolis_mayor');
  const spec = specs[0]!;
  const bytes = Buffer.from(readFileSync(spec.resolvedPath));
  bytes.fill(0, 1_000_000, 1_000_400); // about half way into the compressed sheet; the zip's end record is intact
  const path = file('mayor-damaged.xlsx', bytes);
  const { result } = await readAll({ ...spec, filePath: 'mayor-damaged.xlsx', resolvedPath: path }, candidates);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.file, 'mayor-damaged.xlsx');
  assert.match(result.error.message, /^not a readable xlsx workbook/);
  // Some rows came before the damage, but not all 80,102 of the sheet (header and 80,101 ballots).
  const row = Number(/^after row (\d+)$/.exec(result.error.record ?? '')?.[1]);
  assert.ok(row > 1 && row < 80_102, `record ${result.error.record}`);
});

test('a missing file is still reported as such, before any zip check', async () => {
  const candidates = new CandidateDirectory([{ name: 'A', aliases: [] }]);
  const path = join(dir, 'missing.xlsx');
  const spec = { provider: 'ess', filePath: 'missing.xlsx', resolvedPath: path, treatBlankAsUndeclaredWriteIn: false, firstVoteColumnIndex: 2, firstVoteRowIndex: 2 } as const;
  const { result } = await readAll(spec, candidates);
  assert.deepEqual(result, { ok: false, error: { message: 'CVR file not found or not readable', file: 'missing.xlsx' } });
});
