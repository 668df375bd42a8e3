import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandidateDirectory } from '../../../../src/formats/rctab/cvr.ts';
import { csvRecords, exportedRanks, loadCase, rankNames, readAll, readCase, RCTAB, skipUnlessData } from './support.ts';
import ExcelJS from 'exceljs';


test('Minneapolis 2013 mayor: 80,101 ballots as in RCTab\'s published report; ranks 2-3 "undervote" are skipped', { skip: skipUnlessData }, async () => {
  const records = await readCase('2013_minneapolis_mayor');
  assert.equal(records.length, 80101); // summary.totalNumBallots of the expected detailed report
  // Row 2 of the sheet: precinct "MINNEAPOLIS W-7 P-10", BETSY HODGES, undervote, undervote, COUNT 1.
  const first = records[0];
  assert.equal(first?.precinct, 'MINNEAPOLIS W-7 P-10');
  assert.equal(first?.computedId, '2013_minneapolis_mayor_cvr.xlsx-1');
  assert.deepEqual(rankNames(first), [[1, ['BETSY HODGES']]]);
});

test('simple ES&S file: every record equals RCTab\'s own CVR export of it', { skip: skipUnlessData }, async () => {
  const records = await readCase('conversions_from_ess');
  const expected = csvRecords(join(RCTAB, 'conversions_from_ess', 'conversions_from_ess_expected.csv'));
  assert.equal(records.length, expected.length);
  records.forEach((r, i) => {
    const row = expected[i] ?? [];
    assert.equal(r.computedId, row[3]);
    assert.deepEqual(exportedRanks(r, 3), row.slice(9));
  });
});

test('Portland 2015: trailing spaces in names are trimmed; an "undervote" rank between two choices is skipped', { skip: skipUnlessData }, async () => {
  const records = await readCase('2015_portland_mayor');
  assert.equal(records.length, 99);
  // Row 2: ranks start in column D (4), so column M (13) "Bragdon, Charles E. " is rank 10, column N (14)
  // "undervote" rank 11, column O (15) "Vail, Christopher L. " rank 12.
  const ranks = new Map(rankNames(records[0]));
  assert.deepEqual(ranks.get(10), ['Bragdon, Charles E.']);
  assert.equal(ranks.get(11), undefined);
  assert.deepEqual(ranks.get(12), ['Vail, Christopher L.']);
  assert.equal(records[0]?.precinct, 'D Cliff and GDI');
});

test('rows with no cells are blank ballots: 16 marked rows + 3 empty rows = 19, as RCTab counted', { skip: skipUnlessData }, async () => {
  const records = await readCase('first_round_determines_threshold_test');
  assert.equal(records.length, 19);
  assert.equal(records.filter((r) => r.rankings.length === 0).length, 3); // the report's 3 undervotes
});

test('overvote delimiter: "A|D" is an overvote of A and D at rank 1', { skip: skipUnlessData }, async () => {
  const records = await readCase('exhaust_if_multiple_continuing');
  assert.deepEqual(rankNames(records[0])[0], [1, ['A', 'D']]);
  assert.equal(records[0]?.suppliedId, '1');
});

test('aliases: "A-2" reads as A and "B" as "B-2"', { skip: skipUnlessData }, async () => {
  const records = await readCase('aliases_ess_xlsx');
  // Row 3 of the sheet: 2, "A-2", "B", "C".
  assert.deepEqual(rankNames(records[1]), [[1, ['A']], [2, ['B-2']], [3, ['C']]]);
  // The CVR's own spelling is kept beside the config's name (RCTab's CDF export uses it).
  assert.deepEqual(records[1]?.rankings.map((r) => r.marks[0]), [
    { kind: 'candidate', name: 'A', text: 'A-2' },
    { kind: 'candidate', name: 'B-2', text: 'B' },
    { kind: 'candidate', name: 'C', text: 'C' },
  ]);
});

test('treatBlankAsUndeclaredWriteIn: a blank first choice is an undeclared write-in', { skip: skipUnlessData }, async () => {
  const records = await readCase('test_set_treat_blank_as_undeclared_write_in');
  assert.equal(records.length, 12);
  assert.deepEqual(records[0]?.rankings[0], { rank: 1, marks: [{ kind: 'undeclaredWriteIn' }] });
});

test('a name the config does not list fails, naming every unknown name, its count and the first row', { skip: skipUnlessData }, async () => {
  const { specs } = loadCase('conversions_from_ess');
  const spec = specs[0];
  assert.ok(spec);
  const { result } = await readAll(spec, new CandidateDirectory([{ name: 'Mookie Blaylock', aliases: [] }]));
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.file, '../_shared/simple_ess_cvr.xlsx');
  assert.equal(result.error.record, 'row 6'); // Yinka Dare first appears on sheet row 6 (ballot 5)
  assert.match(result.error.message, /'Yinka Dare' \(4 times\)/); // ballots 5, 6, 7 and 9
});

test('a file that is not an xlsx workbook, or is missing, gives an error naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-ess-'));
  const bad = join(dir, 'bad.xlsx');
  writeFileSync(bad, 'Cast Vote Record,Choice 1\n1,A\n');
  const base = { provider: 'ess', treatBlankAsUndeclaredWriteIn: false, firstVoteColumnIndex: 2, firstVoteRowIndex: 2 } as const;
  const candidates = new CandidateDirectory([{ name: 'A', aliases: [] }]);
  for (const path of [bad, join(dir, 'missing.xlsx')]) {
    const { result } = await readAll({ ...base, filePath: path, resolvedPath: path }, candidates);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.file, path);
  }
});

test('an xlsx cut short inside its worksheet is an error saying so, naming the file', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('2015_portland_mayor');
  const spec = specs[0]!;
  const path = join(mkdtempSync(join(tmpdir(), 'rollover-ess-')), 'cut.xlsx');
  // 12,000 of the file's 27,617 bytes: the zip stops inside xl/worksheets/sheet1.xml.
  writeFileSync(path, readFileSync(spec.resolvedPath).subarray(0, 12000));
  const { result } = await readAll({ ...spec, filePath: 'cut.xlsx', resolvedPath: path }, candidates);
  assert.equal(result.ok, false);
  if (!result.ok) assert.deepEqual(result.error, { message: 'the xlsx workbook ends early (truncated?)', file: 'cut.xlsx' });
});

test('a workbook of two sheets, stored before its strings, reads its first sheet and leaves no file open', { skip: existsSync('/proc/self/fd') ? false : 'needs /proc/self/fd to count open files' }, async () => {
  // exceljs itself stores worksheets before the shared strings, so its reader copies each sheet into a
  // temporary file; the second sheet's copy was left open, one descriptor per upload.
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('CVR').addRows([['Cast Vote Record', 'Precinct', 'Choice 1', 'Choice 2'], [1, 'P1', 'A', 'B'], [2, 'P1', 'B', '']]);
  workbook.addWorksheet('Notes').addRow(['not ballots']);
  const path = join(mkdtempSync(join(tmpdir(), 'rollover-ess-')), 'two-sheets.xlsx');
  await workbook.xlsx.writeFile(path);
  const candidates = new CandidateDirectory([{ name: 'A', aliases: [] }, { name: 'B', aliases: [] }]);
  const spec = { provider: 'ess', filePath: 'two-sheets.xlsx', resolvedPath: path, treatBlankAsUndeclaredWriteIn: false, firstVoteColumnIndex: 3, firstVoteRowIndex: 2, precinctColumnIndex: 2, maxRankings: 2 } as const;
  const open = (): number => readdirSync('/proc/self/fd').length;
  const before = open();
  for (let i = 0; i < 5; i++) {
    const { result, records } = await readAll(spec, candidates);
    assert.deepEqual(result, { ok: true, value: { records: 2, files: ['two-sheets.xlsx'] } });
    // Row 2: A then B; row 3: B alone (the second sheet's row is no ballot).
    assert.deepEqual(records.map((r) => rankNames(r)), [[[1, ['A']], [2, ['B']]], [[1, ['B']]]]);
  }
  // Not one more than before (other tests' files may have closed meanwhile); the leak left five.
  assert.ok(open() <= before, `${open() - before} more descriptors open after five reads`);
});
