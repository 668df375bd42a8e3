import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandidateDirectory } from '../../../../src/formats/rctab/cvr.ts';
import { csvRecords, exportedRanks, firstChoices, loadCase, rankNames, readAll, readCase, RCTAB, skipUnlessData } from './support.ts';

const reportOf = (name: string) =>
  JSON.parse(readFileSync(join(RCTAB, name, `${name}_expected_detailed_report.json`), 'utf8')) as {
    summary: { totalNumBallots: string; undervotes: number };
    results: { tally: Record<string, string> }[];
  };

test('NIST CDF JSON cases: record counts equal RCTab\'s published totals', { skip: skipUnlessData }, async () => {
  const cases = ['aliases_cdf_json', 'test_set_0_skipped_first_choice', 'test_set_1_exhaust_at_overvote', 'test_set_2_overvote_skip_to_next',
    'test_set_3_skipped_choice_exhaust', 'test_set_4_skipped_choice_next', 'test_set_6_duplicate_exhaust', 'test_set_7_duplicate_skip_to_next',
    'test_set_8_multi_cdf', 'test_set_multi_winner_fractional_threshold'];
  for (const name of cases) {
    const records = await readCase(name);
    assert.equal(String(records.length), reportOf(name).summary.totalNumBallots, name);
  }
});

test('two CDF files with different spellings: every record equals RCTab\'s export, aliases resolved', { skip: skipUnlessData }, async () => {
  const records = await readCase('conversions_from_cdf');
  const expected = csvRecords(join(RCTAB, 'conversions_from_cdf', 'conversions_from_cdf_expected.csv'));
  assert.equal(records.length, 30);
  records.forEach((r, i) => {
    const row = expected[i] ?? [];
    assert.equal(r.computedId, row[3]);
    assert.equal(r.suppliedId, row[6]);
    assert.deepEqual(exportedRanks(r, 4), row.slice(9), r.computedId);
  });
});

test('Unisyn CDF XML: 35 ballots; first choices equal RCTab\'s round 1, write-in selections are undeclared write-ins', { skip: skipUnlessData }, async () => {
  for (const name of ['unisyn_xml_cdf_city_coroner', 'unisyn_xml_cdf_county_sheriff', 'unisyn_xml_cdf_city_chief_of_police']) {
    const records = await readCase(name);
    const report = reportOf(name);
    assert.equal(String(records.length), report.summary.totalNumBallots);
    const published = Object.fromEntries(Object.entries(report.results[0]?.tally ?? {}).filter(([, v]) => v !== '0').map(([k, v]) => [k, Number(v)]));
    assert.deepEqual(firstChoices(records), published, name);
    assert.equal(records.filter((r) => r.rankings.length === 0).length, report.summary.undervotes);
  }
});

test('NIST example XML: of two CVRs only the first holds the contest, and its unranked write-in marks nothing', { skip: skipUnlessData }, async () => {
  const records = await readCase('nist_xml_cdf_2');
  assert.equal(records.length, 1);
  assert.deepEqual(records[0]?.rankings, []);
});

test('truncated XML and JSON give an error naming the file and line', { skip: skipUnlessData }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-cdf-'));
  for (const [name, source] of [['unisyn_xml_cdf_city_coroner', 'cut.xml'], ['test_set_1_exhaust_at_overvote', 'cut.json']] as const) {
    const { specs, candidates } = loadCase(name);
    const spec = specs[0]!;
    const text = readFileSync(spec.resolvedPath, 'utf8');
    const path = join(dir, source);
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const { result } = await readAll({ ...spec, filePath: source, resolvedPath: path }, candidates);
    assert.equal(result.ok, false, name);
    if (result.ok) continue;
    assert.equal(result.error.file, source);
    assert.match(result.error.message, /ends inside a (JSON value|<CVR> element) \(truncated\?\)/);
    assert.equal(typeof result.error.line, 'number');
  }
});

test('a broken tag inside the 10th CVR of an XML report names the CVR and the line of the break', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('unisyn_xml_cdf_city_coroner');
  const spec = specs[0]!;
  const text = readFileSync(spec.resolvedPath, 'utf8');
  let at = -1;
  for (let n = 0; n < 10; n++) at = text.indexOf('<CVR>', at + 1);
  const broken = text.indexOf('</Rank>', at);
  const path = join(mkdtempSync(join(tmpdir(), 'rollover-cdf-')), 'broken.xml');
  writeFileSync(path, `${text.slice(0, broken)}</Rnk>${text.slice(broken + '</Rank>'.length)}`);
  const { result } = await readAll({ ...spec, filePath: 'broken.xml', resolvedPath: path }, candidates);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.record, 'CVR 10');
  assert.equal(result.error.line, text.slice(0, broken).split('\n').length);
  assert.match(result.error.message, /not well-formed XML/);
});

test('a contest the file does not have is an error naming the file and contest', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('test_set_1_exhaust_at_overvote');
  const { result } = await readAll({ ...specs[0]!, contestId: 'Mayor' }, candidates);
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.error.message, /contest 'Mayor' is not in the file/);
});

test('a hand-made CDF JSON: the candidate named as the write-in label is an undeclared write-in; a write-in selection too', async () => {
  const selection = (id: string, rank: number) => ({ ContestSelectionId: id, SelectionPosition: [{ HasIndication: 'yes', NumberVotes: 1, Rank: rank }] });
  const report = {
    CVR: [{ CurrentSnapshotId: 's1', BallotPrePrintedId: 'b1', CVRSnapshot: [{ '@id': 's1', CVRContest: [{ ContestId: 'c1', CVRContestSelection: [selection('cs-a', 1), selection('cs-u', 2), selection('cs-w', 3)] }] }] }],
    Election: [{
      Candidate: [{ '@id': 'a', Name: 'Ann' }, { '@id': 'u', Name: 'UWI' }],
      Contest: [{ '@id': 'c1', Name: 'Mayor', ContestSelection: [{ '@id': 'cs-a', CandidateIds: ['a'] }, { '@id': 'cs-u', CandidateIds: ['u'] }, { '@id': 'cs-w', IsWriteIn: true }] }],
    }],
  };
  const path = join(mkdtempSync(join(tmpdir(), 'rollover-cdf-')), 'mayor.json');
  writeFileSync(path, JSON.stringify(report));
  const spec = { provider: 'cdf', filePath: 'mayor.json', resolvedPath: path, contestId: 'Mayor', undeclaredWriteInLabel: 'UWI', treatBlankAsUndeclaredWriteIn: false } as const;
  const { result, records } = await readAll(spec, new CandidateDirectory([{ name: 'Ann', aliases: [] }]));
  assert.ok(result.ok);
  assert.equal(records[0]?.computedId, 'mayor.json(1)');
  assert.equal(records[0]?.suppliedId, 'b1');
  assert.deepEqual(rankNames(records[0]), [[1, ['Ann']], [2, ['UWI']], [3, ['UWI']]]);
});
