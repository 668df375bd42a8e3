/**
 * RCTab's detailed report read as the views' count JSON, and uploaded files matched to a config's CVR
 * sources: each on small cases worked by hand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeFiles } from '../../src/web/count/rctab-files.ts';
import { reportCount } from '../../src/web/count/rctab-report.ts';

const inactive = (exhaustedChoices: string, overvotes = '0') => ({ exhaustedChoices, overvotes, repeatedRankings: '0', skippedRankings: '1' });

// Two seats, threshold 7.2501 (a made-up contest in RCTab's layout). Round 1: Dee is eliminated, 1 vote to
// Cy and 1 exhausted. Round 2: Cy is elected with 8 and her surplus of 0.7499 moves: 0.6559 to Eve, 0.0937
// to Fay, and 0.0003 is lost to rounding (RCTab's "residual surplus"). Round 3: Eve elected, no transfer.
const REPORT = JSON.stringify({
  config: { contest: 'Council', generatedBy: 'RCTab 2.0.0' },
  jsonFormatVersion: '1',
  results: [
    { inactiveBallots: inactive('0'), round: 1, tally: { Cy: '7', Dee: '2', Eve: '6', Fay: '3' }, tallyResults: [{ eliminated: 'Dee', transfers: { Cy: '1', exhausted: '1' } }], threshold: '7.2501' },
    { inactiveBallots: inactive('1'), round: 2, tally: { Cy: '8', Eve: '6', Fay: '3' }, tallyResults: [{ elected: 'Cy', transfers: { Eve: '0.6559', Fay: '0.0937', 'residual surplus': '0.0003' } }], threshold: '7.2501' },
    { inactiveBallots: { ...inactive('1', '2'), finalRoundSurplus: '0.5' }, round: 3, tally: { Cy: '7.2501', Eve: '6.6559', Fay: '3.0937' }, tallyResults: [{ elected: 'Eve', transfers: {} }], threshold: '7.2501' },
  ],
  summary: { finalThreshold: '7.2501', numCandidates: 4, numWinners: 2, totalNumBallots: '19', undervotes: 0 },
});

test('a multi-seat report: winners in order, inactive ballots as exhausted, the residual surplus as loss', () => {
  const read = reportCount(REPORT, 'multiWinnerAllowOnlyOneWinnerPerRound');
  assert.ok(read.ok, read.ok ? '' : read.error);
  const { contest, count } = read.value;
  assert.equal(contest, 'Council');
  assert.deepEqual(
    { method: count.method, rules: count.rules, seats: count.seats, winners: count.winners, places: count.places, validVotes: count.validVotes },
    // 7 + 2 + 6 + 3 = 18 first-round votes; the most places any tally has is Cy's 7.2501, 4.
    { method: 'stv', rules: 'RCTab multiWinnerAllowOnlyOneWinnerPerRound', seats: 2, winners: ['Cy', 'Eve'], places: 4, validVotes: '18' },
  );
  const [r1, r2, r3] = count.rounds;
  assert.deepEqual(r1, {
    round: 1, tally: { Cy: '7', Dee: '2', Eve: '6', Fay: '3' }, exhausted: '1', threshold: '7.2501', elected: [], excluded: ['Dee'], loss: '0',
    transfer: { kind: 'exclusion', from: ['Dee'], to: { Cy: '1' }, exhausted: '1' },
  });
  // Inactive: 1 exhausted + 1 skipped = 2; the surplus goes to Eve and Fay and nothing is exhausted.
  assert.deepEqual(r2?.transfer, { kind: 'surplus', from: ['Cy'], to: { Eve: '0.6559', Fay: '0.0937' }, exhausted: '0' });
  assert.deepEqual([r2?.exhausted, r2?.elected, r2?.loss], ['2', ['Cy'], '0.0003']);
  // 1 + 2 overvotes + 1 skipped = 4; the final-round surplus is not an inactive ballot.
  assert.deepEqual([r3?.exhausted, r3?.elected, r3?.loss, r3?.transfer], ['4', ['Eve'], '0.0003', undefined]);
});

test('candidates eliminated together in one round pass their votes on as one transfer', () => {
  const report = JSON.stringify({
    config: { contest: 'Mayor' },
    results: [
      { inactiveBallots: inactive('0'), round: 1, tally: { Ann: '5', Bo: '1', Cy: '1' }, threshold: '4', tallyResults: [{ eliminated: 'Bo', transfers: { Ann: '1' } }, { eliminated: 'Cy', transfers: { Ann: '0.5', exhausted: '0.5' } }] },
      { inactiveBallots: inactive('0.5'), round: 2, tally: { Ann: '6.5' }, threshold: '4', tallyResults: [{ elected: 'Ann', transfers: {} }] },
    ],
    summary: { numWinners: 1, totalNumBallots: '7' },
  });
  const read = reportCount(report, 'singleWinnerMajority');
  assert.ok(read.ok);
  assert.equal(read.value.count.method, 'irv');
  assert.deepEqual(read.value.count.rounds[0]?.transfer, { kind: 'exclusion', from: ['Bo', 'Cy'], to: { Ann: '1.5' }, exhausted: '0.5' });
  assert.deepEqual(read.value.count.rounds[0]?.excluded, ['Bo', 'Cy']);
});

test('a report not in RCTab\'s format is refused, saying where', () => {
  const read = reportCount(JSON.stringify({ config: { contest: 'X' }, results: [{ round: 1, tally: { A: 'many' }, threshold: '1', inactiveBallots: {}, tallyResults: [] }], summary: { numWinners: 1, totalNumBallots: '1' } }), 'singleWinnerMajority');
  assert.deepEqual(read, { ok: false, error: 'the detailed report is not in RCTab\'s format: results.0.tally.A: not a decimal number' });
});

test('files are matched to sources by base name, whatever the config\'s path', () => {
  const placed = placeFiles(
    [{ filePath: '../_shared/cvr.xlsx', provider: 'ess' }, { filePath: 'C:\\Elections\\2024\\second.json', provider: 'cdf' }],
    ['second.json', 'cvr.xlsx'],
  );
  assert.ok(placed.ok);
  assert.deepEqual([...placed.value.files].sort(), [[0, 'second.json'], [1, 'cvr.xlsx']]);
  assert.deepEqual(placed.value.sourcePaths, ['cvr.xlsx', 'second.json']);
});

test('a lone folder source takes the files no other source names; several take those sent under their name', () => {
  const lone = placeFiles([{ filePath: 'export_data/', provider: 'dominion' }, { filePath: 'extra.csv', provider: 'genericCsv' }], ['CvrExport.json', 'extra.csv', 'ContestManifest.json']);
  assert.ok(lone.ok);
  assert.deepEqual([...lone.value.files].sort(), [[0, 'export_data/CvrExport.json'], [1, 'extra.csv'], [2, 'export_data/ContestManifest.json']]);
  assert.deepEqual(lone.value.sourcePaths, ['export_data', 'extra.csv']);
  const two = placeFiles([{ filePath: 'a', provider: 'dominion' }, { filePath: 'b', provider: 'hart' }], ['b/1.xml', 'a/CvrExport.json']);
  assert.ok(two.ok);
  assert.deepEqual([...two.value.files].sort(), [[0, 'b/1.xml'], [1, 'a/CvrExport.json']]);
});

test('a missing file, a name given twice and a name that climbs out of the folder are refused', () => {
  assert.deepEqual(placeFiles([{ filePath: 'x/cvr.csv', provider: 'genericCsv' }], ['other.csv']), {
    ok: false, error: 'CVR source 1 (genericCsv) is the file "cvr.csv" (x/cvr.csv), which was not uploaded (uploaded: other.csv)',
  });
  assert.deepEqual(placeFiles([{ filePath: 'cvr.csv', provider: 'genericCsv' }], ['a/cvr.csv', 'b/cvr.csv']), { ok: false, error: 'CVR source 1: 2 uploaded files are named "cvr.csv"; upload one' });
  assert.deepEqual(placeFiles([{ filePath: 'd', provider: 'dominion' }], ['../..']), { ok: false, error: 'the uploaded file name "../.." cannot be used' });
  assert.deepEqual(placeFiles([{ filePath: 'd', provider: 'hart' }], []), { ok: false, error: 'CVR source 1 (hart) reads the folder "d" (d): upload the files in it' });
});

test('a folder source named ".." and uploads that would land on one place or on a folder are refused', () => {
  // The lone folder takes the plain "1.json" as "export/1.json", where "export/1.json" also goes.
  assert.deepEqual(placeFiles([{ filePath: 'export', provider: 'dominion' }], ['export/1.json', '1.json']), { ok: false, error: 'two uploaded files would both be "export/1.json"; upload one' });
  // A CSV source named "export" would be written where the Dominion source's folder must be made.
  assert.deepEqual(placeFiles([{ filePath: 'export', provider: 'dominion' }, { filePath: 'export', provider: 'genericCsv' }], ['export/1.json', 'export']), {
    ok: false, error: 'an uploaded file has the name of the folder "export"; rename it',
  });
  assert.deepEqual(placeFiles([{ filePath: '../..', provider: 'hart' }], ['1.xml']), { ok: false, error: 'CVR source 1 (hart) reads the folder "../..", which cannot be used here: name the folder itself' });
});
