import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandidateDirectory, type CvrSourceSpec } from '../../../../src/formats/rctab/cvr.ts';
import { firstChoices, loadCase, rankNames, readAll, readCase, skipUnlessData } from './support.ts';

test('Clear Ballot, Kansas 2020 primary: 50 ballots; first choices equal RCTab\'s round 1', { skip: skipUnlessData }, async () => {
  const records = await readCase('clear_ballot_kansas_primary');
  assert.equal(records.length, 50);
  // Round 1 of the published report, candidates at 0 left out.
  assert.deepEqual(firstChoices(records), {
    'Amy Klobuchar': 20, 'Cory Booker': 1, 'Joe Biden': 3, 'John Delaney': 5, 'Julian Castro': 4,
    'Kamala Harris': 5, 'Michael Bennet': 5, 'Pete Buttigieg': 2, 'Tulsi Gabbard': 5,
  });
  // Row 1: BallotID ED-004+10003, PrecinctID 1; its 1s fall in Choice_10 (rank 1 Klobuchar), Choice_16
  // (rank 2 Castro), Choice_28 (rank 3 Tulsi Gabbard), Choice_32 (rank 4 Joe Biden), Choice_44 (rank 5 Steven Bullock).
  assert.equal(records[0]?.suppliedId, 'ED-004+10003');
  assert.equal(records[0]?.precinct, '1');
  assert.deepEqual(rankNames(records[0]), [
    [1, ['Amy Klobuchar']], [2, ['Julian Castro']], [3, ['Tulsi Gabbard']], [4, ['Joe Biden']], [5, ['Steven Bullock']],
  ]);
});

test('generic CSV: 26 ballots, first choices equal RCTab\'s round 1 with the Write-In column as undeclared write-ins', { skip: skipUnlessData }, async () => {
  for (const name of ['generic_csv_test', 'csv_missing_header_test']) {
    const records = await readCase(name);
    assert.equal(records.length, 26, name);
    assert.deepEqual(firstChoices(records), { Broccoli: 3, Cauliflower: 4, Cucumber: 8, Lettuce: 5, 'Undeclared Write-ins': 6 }, name);
  }
  // generic_csv_test row 2: R_3QEQ85E7gV2DuyG,p1,b1,,2,1,, -> Cucumber rank 1, Broccoli rank 2.
  const [first] = await readCase('generic_csv_test');
  assert.equal(first?.suppliedId, 'R_3QEQ85E7gV2DuyG');
  assert.equal(first?.precinct, 'p1');
  assert.equal(first?.batchId, 'b1');
  assert.deepEqual(rankNames(first), [[1, ['Cucumber']], [2, ['Broccoli']]]);
});

test('generic CSV: a rank above maxRankingsAllowed is refused, naming file and line (RCTab\'s max_ranking_enforcement case)', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('max_ranking_enforcement');
  const { result } = await readAll(specs[0]!, candidates);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.error.file, 'max_ranking_enforcement_cvr.csv');
    assert.equal(result.error.line, 2); // "1,1,2,3,4": Candidate D at rank 4, the maximum is 3
    assert.match(result.error.message, /rank 4 is above the maximum of 3/);
  }
});

test('malformed CSV: a bad rank, a broken quote, a header without the contest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-csv-'));
  const candidates = new CandidateDirectory([{ name: 'A', aliases: [] }, { name: 'B', aliases: [] }]);
  const generic = (name: string, text: string): CvrSourceSpec => {
    writeFileSync(join(dir, name), text);
    return { provider: 'genericCsv', filePath: name, resolvedPath: join(dir, name), firstVoteColumnIndex: 2, firstVoteRowIndex: 2, treatBlankAsUndeclaredWriteIn: false };
  };
  const cases: [CvrSourceSpec, number | undefined, RegExp][] = [
    [generic('rank.csv', 'id,A,B\n1,1,2\n2,x,1\n'), 3, /rank 'x' is not a positive whole number/],
    [generic('quote.csv', 'id,A,B\n1,"1,2\n'), 2, /quoted cell is never closed/],
    [{ ...generic('cb.csv', 'RowNumber,BoxID,BoxPosition,BallotID,PrecinctID,BallotStyleID,PrecinctStyleName,ScanComputerName,Status,Remade,Choice_1_1:Other:1:Vote For 1:A:X\n'), provider: 'clearBallot', contestId: 'Mayor' }, 1, /no column of contest 'Mayor'/],
  ];
  for (const [spec, line, message] of cases) {
    const { result } = await readAll(spec, candidates);
    assert.equal(result.ok, false, spec.filePath);
    if (result.ok) continue;
    assert.equal(result.error.file, spec.filePath);
    assert.equal(result.error.line, line);
    assert.match(result.error.message, message);
  }
});
