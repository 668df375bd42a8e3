import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvRecords, exportedRanks, loadCase, readAll, readCase, RCTAB, skipUnlessData } from './support.ts';

test('Alaska 2020 (one CvrExport.json): all 1,000 records equal RCTab\'s own CVR export of them', { skip: skipUnlessData }, async () => {
  const records = await readCase('conversions_from_dominion');
  const expected = csvRecords(join(RCTAB, 'conversions_from_dominion', 'conversions_from_dominion_expected.csv'));
  assert.equal(records.length, 1000);
  assert.equal(expected.length, 1000);
  records.forEach((r, i) => {
    // Columns: source, provider, contest, RCTab id, tabulator, batch, vendor id, precinct, portion, ranks 1-5.
    const row = expected[i] ?? [];
    assert.deepEqual([r.contestId, r.computedId, r.tabulatorId, r.batchId, r.suppliedId, r.precinctPortion], [...row.slice(2, 7), row[8]]);
    assert.deepEqual(exportedRanks(r, 5, '12'), row.slice(9), r.computedId);
  });
});

test('Alaska 2024 (CvrExport_1730..1739 with gaps): ambiguous marks and InvalidContest ballots left out, as in RCTab\'s export', { skip: skipUnlessData }, async () => {
  const records = await readCase('2024_alaska_dominion');
  const expected = csvRecords(join(RCTAB, '2024_alaska_dominion', '2024_alaska_dominion_expected_rctab_cvr.csv'));
  assert.equal(records.length, 124); // 197 sessions hold the contest; 73 carry outstack condition 7
  const byId = new Map(records.map((r) => [r.computedId, r]));
  for (const row of expected) {
    // Columns: source, provider, contest, tabulator, batch, record, precinct, portion, ranks 1-4.
    const record = byId.get(`${row[3] ?? ''}-${row[4] ?? ''}-${row[5] ?? ''}`);
    assert.ok(record, row.join(','));
    assert.equal(record.precinctPortion, row[7]);
    assert.deepEqual(exportedRanks(record, 4, '476'), row.slice(8));
  }
});

test('multi-file San Francisco export: 25 ballots of contest 13 across four CvrExport_<n> files, adjudicated state used', { skip: skipUnlessData }, async () => {
  const records = await readCase('dominion_multi_file');
  assert.equal(records.length, 25); // summary.totalNumBallots of RCTab's report
  assert.equal(records.filter((r) => r.rankings.length === 0).length, 8); // its 8 undervotes
});

test('a folder without CvrExport files (the Kansas case ships only manifests) is an error naming the folder', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('dominion_kansas');
  const { result } = await readAll(specs[0]!, candidates);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.error.file, 'kansas_input_data');
    assert.match(result.error.message, /no CvrExport/);
  }
});

test('a truncated CvrExport.json gives an error naming the file and line', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('dominion_alaska');
  const spec = specs[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'rollover-dominion-'));
  cpSync(spec.resolvedPath, dir, { recursive: true });
  const text = readFileSync(join(dir, 'CvrExport.json'), 'utf8');
  writeFileSync(join(dir, 'CvrExport.json'), `${text.slice(0, 500)}\n`);
  const { result } = await readAll({ ...spec, resolvedPath: dir }, candidates);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.error.file, join(spec.filePath, 'CvrExport.json'));
    assert.match(result.error.message, /ends inside a JSON value \(truncated\?\)/);
    assert.equal(typeof result.error.line, 'number');
  }
});

test('a session without a RecordId is an error naming the file and session', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('dominion_alaska');
  const spec = specs[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'rollover-dominion-'));
  cpSync(spec.resolvedPath, dir, { recursive: true });
  const json = JSON.parse(readFileSync(join(dir, 'CvrExport.json'), 'utf8')) as { Sessions: Record<string, unknown>[] };
  delete json.Sessions[2]?.['RecordId'];
  writeFileSync(join(dir, 'CvrExport.json'), JSON.stringify(json));
  const { result } = await readAll({ ...spec, resolvedPath: dir }, candidates);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.error.record, 'session 3');
    assert.match(result.error.message, /RecordId/);
  }
});
