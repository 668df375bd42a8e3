// An ES&S xlsx that is cut short or damaged must fail with a message naming the file (and, when rows were
// read, the last good row), never hang: exceljs waits forever on a worksheet cut short, and node then
// exits with code 13 and no message at all. A part of the workbook that exceljs fails to deliver (its zip
// stream can end before every entry is taken) must be an error, never a sheet of blank ballots.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CandidateDirectory } from '../../../../src/formats/rctab/cvr.ts';
import { zipEntryNames } from '../../../../src/formats/rctab/readers/xlsx-zip.ts';
import { firstChoices, loadCase, RCTAB, readAll, skipUnlessData } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'rollover-xlsx-'));

function file(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

test('zip check: a zip start without its end record is truncated; text is not a zip; a start and an empty directory pass', async () => {
  const start = Buffer.from('PK\x03\x04', 'latin1');
  const end = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]); // 22-byte end record: no entries, no comment
  assert.deepEqual(await zipEntryNames(file('cut.xlsx', Buffer.concat([start, Buffer.alloc(100)]))), { ok: false, error: 'the xlsx workbook ends early (truncated?)' });
  assert.deepEqual(await zipEntryNames(file('text.xlsx', 'Precinct,Choice 1\n')), { ok: false, error: 'not an xlsx workbook (it is not a zip archive)' });
  assert.deepEqual(await zipEntryNames(file('empty.xlsx', '')), { ok: false, error: 'not an xlsx workbook (it is not a zip archive)' });
  assert.deepEqual(await zipEntryNames(file('whole.xlsx', Buffer.concat([start, Buffer.alloc(100), end]))), { ok: true, value: [] });
  // An end record pointing its directory past the end of the file.
  const astray = Buffer.from(end);
  astray.writeUInt32LE(1000, 12);
  assert.deepEqual(await zipEntryNames(file('astray.xlsx', Buffer.concat([start, astray]))), { ok: false, error: 'not a readable xlsx workbook (its zip directory is damaged)' });
});

const SEQUENTIAL = join(RCTAB, '_shared', 'simple_sequential_cvr.xlsx');

test('zip check: the names of a workbook\'s entries, in the order `unzip -l` lists them', { skip: skipUnlessData }, async () => {
  assert.deepEqual(await zipEntryNames(SEQUENTIAL), {
    ok: true,
    value: ['_rels/.rels', 'docProps/core.xml', 'docProps/app.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/theme/theme1.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', '[Content_Types].xml'],
  });
});

test('shared strings exceljs never delivers are an error, not nine blank ballots; delivered, A has 5 first choices', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('sequential_with_batch');
  const spec = specs[0]!;
  // RCTab's pass 1 round 1: A 5, B 1, C 2, D 1 (sequential_with_batch_1_expected_detailed_report.json).
  const whole = await readAll(spec, candidates);
  assert.equal(whole.result.ok, true);
  assert.deepEqual(firstChoices(whole.records), { A: 5, B: 1, C: 2, D: 1 });
  // The directory still lists xl/sharedStrings.xml, but its local header (the first place the name is
  // written, before the data) names another file, which exceljs passes over: what it does when its zip
  // stream ends before it has taken the entry.
  const bytes = Buffer.from(readFileSync(spec.resolvedPath));
  bytes.write('xl/sharedStrinGs.xml', bytes.indexOf('xl/sharedStrings.xml'), 'latin1');
  const path = file('lost-strings.xlsx', bytes);
  const lost = await readAll({ ...spec, filePath: 'lost-strings.xlsx', resolvedPath: path }, candidates);
  const message = "the workbook's shared strings (xl/sharedStrings.xml) could not be read in 3 attempts, though its zip directory lists it: the file may be damaged (if a spreadsheet program opens it, try again)";
  assert.deepEqual(lost.result, { ok: false, error: { message, file: 'lost-strings.xlsx' } });
  assert.equal(lost.records.length, 0, 'no record is delivered from a sheet read without its strings');
});

test('a worksheet the directory lists but exceljs never delivers is an error, not a file of no ballots', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('sequential_with_batch');
  const spec = specs[0]!;
  const bytes = Buffer.from(readFileSync(spec.resolvedPath));
  bytes.write('xl/worksheets/sheet1.xmL', bytes.indexOf('xl/worksheets/sheet1.xml'), 'latin1');
  const lost = await readAll({ ...spec, filePath: 'lost-sheet.xlsx', resolvedPath: file('lost-sheet.xlsx', bytes) }, candidates);
  const message = "the workbook's worksheet could not be read in 3 attempts, though its zip directory lists it: the file may be damaged (if a spreadsheet program opens it, try again)";
  assert.deepEqual(lost.result, { ok: false, error: { message, file: 'lost-sheet.xlsx' } });
  assert.equal(lost.records.length, 0);
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
