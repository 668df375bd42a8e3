// Several contests counted together read each CVR source they share once, and each gets the reports it
// gets when counted alone. Reads are counted by wrapping the readers the run is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CvrProvider, CvrReader } from '../../../src/formats/rctab/cvr.ts';
import { READERS, type CvrReaders } from '../../../src/formats/rctab/readers/index.ts';
import type { ContestsReader } from '../../../src/formats/rctab/readers/targets.ts';
import { runRctabContests, type ContestInput, type ReportFile } from '../../../src/formats/rctab/run.ts';
import { RCTAB, skipUnlessData } from './readers/support.ts';

/** The readers, each counting the reads it makes of a file (one read for several contests counts once). */
function countingReaders(): { readers: CvrReaders; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const count = (path: string): void => {
    reads.set(path, (reads.get(path) ?? 0) + 1);
  };
  const single = Object.fromEntries(
    Object.entries(READERS.single).map(([provider, reader]) => [
      provider,
      ((spec, candidates, onRecord) => {
        count(spec.resolvedPath);
        return reader(spec, candidates, onRecord);
      }) satisfies CvrReader,
    ]),
  ) as Record<CvrProvider, CvrReader>;
  const contests = Object.fromEntries(
    Object.entries(READERS.contests).map(([provider, reader]) => [
      provider,
      ((targets) => {
        count(targets[0]?.spec.resolvedPath ?? '');
        return reader(targets);
      }) satisfies ContestsReader,
    ]),
  );
  return { readers: { single, contests }, reads };
}

async function run(inputs: ContestInput[], readers: CvrReaders): Promise<ReportFile[][]> {
  const result = await runRctabContests(inputs, {}, readers);
  if (!result.ok) assert.fail(result.error.message);
  return result.value.map((contest) => contest.reports);
}

/** A generic CSV contest over A, B, C; `aliases` gives A another spelling. */
function config(name: string, rules: Record<string, unknown> = {}, aliases: string[] = []): string {
  return JSON.stringify({
    tabulatorVersion: 'TEST',
    outputSettings: { contestName: name, contestDate: '2024-05-01', contestJurisdiction: 'Town', contestOffice: name },
    cvrFileSources: [{ filePath: 'cvr.csv', provider: 'genericCsv', firstVoteColumnIndex: '2', firstVoteRowIndex: '2', idColumnIndex: '1' }],
    candidates: [{ name: 'A', aliases }, { name: 'B' }, { name: 'C' }],
    rules: { tiebreakMode: 'useCandidateOrder', overvoteRule: 'exhaustImmediately', winnerElectionMode: 'singleWinnerMajority', numberOfWinners: '1', decimalPlacesForVoteArithmetic: '4', maxSkippedRanksAllowed: '1', maxRankingsAllowed: 'max', ...rules },
  });
}

// Five ballots: A>B, A, B>C, C>B, B. Round 1: A 2, B 2, C 1 of 5, threshold floor(5/2)+1 = 3; C is
// last and goes to B. Round 2: A 2, B 3: B wins.
const CVR = 'id,A,B,C\nv1,1,2,\nv2,1,,\nv3,,1,2\nv4,,2,1\nv5,,1,\n';

const elected = (files: ReportFile[]): string[] => {
  const report = JSON.parse(files.find((f) => f.name === 'detailed_report.json')?.content ?? '{}') as { results: { tallyResults: { elected?: string }[] }[] };
  return report.results.flatMap((r) => r.tallyResults.flatMap((t) => (t.elected === undefined ? [] : [t.elected])));
};

/**
 * Runs the contests together and each alone: together they read their one file once (alone, once each),
 * elect `winners`, and give each contest the reports it gets alone.
 */
async function assertOneReadAsAlone(inputs: ContestInput[], winners: string[][]): Promise<ReportFile[][]> {
  const together = countingReaders();
  const joint = await run(inputs, together.readers);
  assert.deepEqual([...together.reads.values()], [1]);
  assert.deepEqual(joint.map(elected), winners);
  const alone = countingReaders();
  const separate: ReportFile[][] = [];
  for (const input of inputs) separate.push(...(await run([input], alone.readers)));
  assert.deepEqual([...alone.reads.values()], [inputs.length]);
  assert.deepEqual(joint, separate);
  return joint;
}

/** Runs `body` in a new temporary folder, removed afterwards whatever happens. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-shared-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('two contests over one CSV export read it once and report as they do alone; other candidates mean another read', () =>
  inTempDir(async (dir) => {
    writeFileSync(join(dir, 'cvr.csv'), CVR);
    const inputs = [
      { text: config('Mayor'), path: join(dir, 'mayor.json') },
      { text: config('Mayor, to two', { continueUntilTwoCandidatesRemain: true }), path: join(dir, 'mayor-two.json') },
    ];
    await assertOneReadAsAlone(inputs, [['B'], ['B']]);
    // A contest that spells A otherwise resolves the file's columns differently: it reads on its own.
    const third = countingReaders();
    await run([...inputs, { text: config('Mayor, aliased', {}, ['Ay']), path: join(dir, 'aliased.json') }], third.readers);
    assert.deepEqual([...third.reads.values()], [2]);
  }));

const PARK = ['2013_minneapolis_park', '2013_minneapolis_park_bottoms_up', '2013_minneapolis_park_sequential'];

test("Minneapolis park board 2013: three rule sets over one ES&S export read it once and give RCTab's reports", { skip: skipUnlessData }, async () => {
  const inputs = PARK.map((name) => ({ text: readFileSync(join(RCTAB, name, `${name}_config.json`), 'utf8'), path: join(RCTAB, name, `${name}_config.json`) }));
  const { readers, reads } = countingReaders();
  const joint = await run(inputs, readers);
  assert.deepEqual([...reads.entries()], [[join(RCTAB, '_shared', '2013_minneapolis_park_cvr.xlsx'), 1]]);
  // Each contest's JSON reports equal RCTab's expected ones (apart from who generated them and when).
  const comparable = (text: string): unknown => {
    const doc = JSON.parse(text) as { config: Record<string, unknown> };
    delete doc.config['generatedBy'];
    delete doc.config['GeneratedDate'];
    return doc;
  };
  PARK.forEach((name, i) => {
    const reports = (joint[i] ?? []).filter((f) => /^detailed_report(_\d+)?\.json$/.test(f.name));
    assert.ok(reports.length > 0, `${name}: reports`);
    for (const file of reports) {
      // detailed_report_2.json is RCTab's <case>_2_expected_detailed_report.json.
      const pass = /_(\d+)\.json$/.exec(file.name)?.[1];
      const expected = readFileSync(join(RCTAB, name, `${name}${pass === undefined ? '' : `_${pass}`}_expected_detailed_report.json`), 'utf8');
      assert.deepEqual(comparable(file.content), comparable(expected), `${name}: ${file.name}`);
    }
  });
});

/**
 * The ballots of the multi-contest exports below. Mayor: A>B, B, C>B, A, B>A. Round 1: A 2, B 2, C 1 of 5,
 * threshold 3; C goes to B; round 2: B 3 wins. Council: D, E, E, (none on the fourth ballot), E: E has 3 of
 * 4 in round 1, threshold 3, and wins.
 */
const TWO_CONTESTS: { mayor: string[]; council?: string[] }[] = [
  { mayor: ['A', 'B'], council: ['D'] },
  { mayor: ['B'], council: ['E'] },
  { mayor: ['C', 'B'], council: ['E'] },
  { mayor: ['A'] },
  { mayor: ['B', 'A'], council: ['E'] },
];

/** A contest over `candidates` read from `filePath` of `provider`, the contest being `contestId` there. */
function exportConfig(provider: string, filePath: string, contest: string, contestId: string, candidates: string[]): string {
  return JSON.stringify({
    tabulatorVersion: 'TEST',
    outputSettings: { contestName: contest, contestDate: '2024-05-01', contestJurisdiction: 'Town', contestOffice: contest },
    cvrFileSources: [{ filePath, provider, contestId }],
    candidates: candidates.map((name) => ({ name })),
    rules: { tiebreakMode: 'useCandidateOrder', overvoteRule: 'exhaustImmediately', winnerElectionMode: 'singleWinnerMajority', numberOfWinners: '1', decimalPlacesForVoteArithmetic: '4', maxSkippedRanksAllowed: '1', maxRankingsAllowed: 'max' },
  });
}

const totalBallots = (files: ReportFile[]): string =>
  (JSON.parse(files.find((f) => f.name === 'detailed_report.json')?.content ?? '{}') as { summary: { totalNumBallots: string } }).summary.totalNumBallots;

/** A CDF export holding two contests: Mayor (A, B, C) and Council (D, E). */
function cdfExport(ballots: { mayor?: string[]; council?: string[] }[]): string {
  const selection = (names: string[]) => names.map((n) => ({ '@id': `cs-${n}`, CandidateIds: [`c-${n}`] }));
  const contest = (id: string, names: string[] | undefined) =>
    names === undefined ? [] : [{ ContestId: id, CVRContestSelection: names.map((n, i) => ({ ContestSelectionId: `cs-${n}`, SelectionPosition: [{ Rank: i + 1, HasIndication: 'yes' }] })) }];
  return JSON.stringify({
    CVR: ballots.map((b, i) => ({ CurrentSnapshotId: `s${i}`, CVRSnapshot: [{ '@id': `s${i}`, CVRContest: [...contest('mayor', b.mayor), ...contest('council', b.council)] }] })),
    Election: [
      {
        Candidate: ['A', 'B', 'C', 'D', 'E'].map((n) => ({ '@id': `c-${n}`, Name: n })),
        Contest: [
          { '@id': 'mayor', Name: 'Mayor', ContestSelection: selection(['A', 'B', 'C']) },
          { '@id': 'council', Name: 'Council', ContestSelection: selection(['D', 'E']) },
        ],
      },
    ],
    GpUnit: [],
  });
}

test('two contests of one multi-contest CDF export are read in one pass, each as it is alone', () =>
  inTempDir(async (dir) => {
    writeFileSync(join(dir, 'export.json'), cdfExport(TWO_CONTESTS));
    const inputs = [
      { text: exportConfig('cdf', 'export.json', 'Mayor', 'Mayor', ['A', 'B', 'C']), path: join(dir, 'mayor.json') },
      { text: exportConfig('cdf', 'export.json', 'Council', 'Council', ['D', 'E']), path: join(dir, 'council.json') },
    ];
    const joint = await assertOneReadAsAlone(inputs, [['B'], ['E']]);
    assert.deepEqual(joint.map(totalBallots), ['5', '4']);
  }));

/** A Dominion export folder holding two contests: 1 (A, B, C as ids 11, 12, 13) and 2 (D, E as 21, 22). */
function dominionExport(dir: string, ballots: { mayor?: string[]; council?: string[] }[]): void {
  const ids: Record<string, string> = { A: '11', B: '12', C: '13', D: '21', E: '22' };
  const list = (entries: [string, string][]) => JSON.stringify({ Version: '5.10', List: entries.map(([Id, Description]) => ({ Id: Number(Id), Description })) });
  mkdirSync(dir);
  writeFileSync(join(dir, 'ContestManifest.json'), list([['1', 'Mayor'], ['2', 'Council']]));
  writeFileSync(join(dir, 'CandidateManifest.json'), list(Object.entries(ids).map(([name, id]) => [id, name])));
  writeFileSync(join(dir, 'PrecinctPortionManifest.json'), list([]));
  const contest = (id: number, names: string[] | undefined) => (names === undefined ? [] : [{ Id: id, Marks: names.map((n, i) => ({ CandidateId: Number(ids[n]), Rank: i + 1 })) }]);
  const sessions = ballots.map((b, i) => ({ TabulatorId: 1, BatchId: 1, RecordId: i + 1, Original: { IsCurrent: true, Cards: [{ Contests: [...contest(1, b.mayor), ...contest(2, b.council)] }] } }));
  writeFileSync(join(dir, 'CvrExport.json'), JSON.stringify({ Version: '5.10', Sessions: sessions }));
}

function dominionConfig(contest: string, contestId: string, candidates: [string, string][]): string {
  return JSON.stringify({
    tabulatorVersion: 'TEST',
    outputSettings: { contestName: contest, contestDate: '2024-05-01', contestJurisdiction: 'Town', contestOffice: contest },
    cvrFileSources: [{ filePath: 'export', provider: 'dominion', contestId }],
    candidates: candidates.map(([name, id]) => ({ name, aliases: [id] })),
    rules: { tiebreakMode: 'useCandidateOrder', overvoteRule: 'exhaustImmediately', winnerElectionMode: 'singleWinnerMajority', numberOfWinners: '1', decimalPlacesForVoteArithmetic: '4', maxSkippedRanksAllowed: '1', maxRankingsAllowed: 'max' },
  });
}

test('two contests of one Dominion export are read in one pass over CvrExport.json, each as it is alone', () =>
  inTempDir(async (dir) => {
    dominionExport(join(dir, 'export'), TWO_CONTESTS);
    const inputs = [
      { text: dominionConfig('Mayor', '1', [['A', '11'], ['B', '12'], ['C', '13']]), path: join(dir, 'mayor.json') },
      { text: dominionConfig('Council', '2', [['D', '21'], ['E', '22']]), path: join(dir, 'council.json') },
    ];
    await assertOneReadAsAlone(inputs, [['B'], ['E']]);
  }));

/** A Hart folder, one sheet per ballot; an option's Value has a 1 at each rank it was marked ("01": rank 2). */
function hartExport(dir: string): void {
  mkdirSync(dir);
  const contest = (id: string, names: string[] | undefined): string =>
    names === undefined ? '' : `<Contest><Id>${id}</Id><Options>${names.map((n, i) => `<Option><Name>${n}</Name><Id>id-${n}</Id><Value>${'0'.repeat(i)}1</Value></Option>`).join('')}</Options></Contest>`;
  TWO_CONTESTS.forEach((b, i) => {
    const sheet = `<?xml version="1.0"?><Cvr><CvrGuid>guid-${i + 1}</CvrGuid><BatchNumber>1</BatchNumber><Contests>${contest('mayor-guid', b.mayor)}${contest('council-guid', b.council)}</Contests></Cvr>`;
    writeFileSync(join(dir, `sheet-${i + 1}.xml`), sheet);
  });
}

test('two contests of one Hart folder are read in one pass over its sheets, each as it is alone', () =>
  inTempDir(async (dir) => {
    hartExport(join(dir, 'hart'));
    const inputs = [
      { text: exportConfig('hart', 'hart', 'Mayor', 'mayor-guid', ['A', 'B', 'C']), path: join(dir, 'mayor.json') },
      { text: exportConfig('hart', 'hart', 'Council', 'council-guid', ['D', 'E']), path: join(dir, 'council.json') },
    ];
    const joint = await assertOneReadAsAlone(inputs, [['B'], ['E']]);
    // The fourth sheet does not hold the council's contest, so it is no record of it.
    assert.deepEqual(joint.map(totalBallots), ['5', '4']);
  }));

/** A Clear Ballot CSV: ten ballot columns, then a column per (contest, rank, candidate) holding 1 when marked. */
function clearBallotExport(): string {
  const columns = [
    ...['A', 'B', 'C'].flatMap((n) => [1, 2, 3].map((rank) => ({ contest: 'Mayor', rank, n }))),
    ...['D', 'E'].flatMap((n) => [1, 2].map((rank) => ({ contest: 'Council', rank, n }))),
  ];
  const header = ['RowNumber', 'BoxID', 'BoxPosition', 'BallotID', 'PrecinctID', 'BallotStyleID', 'PrecinctStyleName', 'ScanComputerName', 'Status', 'Remade'];
  header.push(...columns.map((c, i) => `Choice_${i + 1}_1:${c.contest}:${c.rank}:Vote For 1:${c.n}:NP`));
  const rows = TWO_CONTESTS.map((b, i) => {
    const marked = (c: (typeof columns)[number]): boolean => (c.contest === 'Mayor' ? b.mayor : (b.council ?? []))[c.rank - 1] === c.n;
    return [String(i + 1), '1', String(i + 1), `B-${i + 1}`, '1', '1', 'P1', 'scanner', '0', '0', ...columns.map((c) => (marked(c) ? '1' : '0'))].join(',');
  });
  return [header.join(','), ...rows].join('\n') + '\n';
}

test('two contests of one Clear Ballot export are read in one pass over its rows, each as it is alone', () =>
  inTempDir(async (dir) => {
    writeFileSync(join(dir, 'cb.csv'), clearBallotExport());
    const inputs = [
      { text: exportConfig('clearBallot', 'cb.csv', 'Mayor', 'Mayor', ['A', 'B', 'C']), path: join(dir, 'mayor.json') },
      { text: exportConfig('clearBallot', 'cb.csv', 'Council', 'Council', ['D', 'E']), path: join(dir, 'council.json') },
    ];
    const joint = await assertOneReadAsAlone(inputs, [['B'], ['E']]);
    // Every row is a ballot of every contest: the fourth, with no council mark, is its undervote.
    assert.deepEqual(joint.map(totalBallots), ['5', '5']);
  }));
