/**
 * A whole election through the HTTP API, with every refusal on the way: wrong state, ineligible voter,
 * revoked and used credentials, a malformed roll; then the count, the published files and `verify`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBlt } from '../../src/formats/blt.ts';
import { verifyPublished } from '../../src/election/verify.ts';
import { signIn, testServer, type TestServer } from './helpers.ts';

const ROLL = `id,name,email,postal_address,class,joined,standing,region
m1,Ada,ada@example.org,,member,2020-01-01,good,North
m2,Bea,bea@example.org,,member,2020-01-01,good,North
m3,Cy,cy@example.org,,member,2020-01-01,good,South
m4,Di,di@example.org,,member,2020-01-01,good,South
m5,Ed,ed@example.org,,member,2020-01-01,good,South
m6,Flo,flo@example.org,,member,2020-01-01,good,East
m7,Gus,,"1 High St, Town",member,2020-01-01,good,East
m8,Hal,hal@example.org,,member,2020-01-01,good,East
m9,Ivy,ivy@example.org,,member,2020-01-01,good,West
m10,Jo,jo@example.org,,member,2020-01-01,arrears,West
m11,Ada again,ADA@example.org,,member,2021-05-05,good,North
`;

/**
 * Hand-worked IRV count of the nine ballots cast below:
 *   4 × Ann; 3 × Bob > Cat; 2 × Cat > Bob. Nine continuing votes, so a majority is 9/2 + 1 = 5 (whole votes).
 *   Round 1: Ann 4, Bob 3, Cat 2: nobody has 5; Cat, lowest, is excluded and both her ballots go to Bob.
 *   Round 2: Ann 4, Bob 5: Bob has a majority and wins.
 */
const BALLOTS: string[][] = [['Ann'], ['Ann'], ['Ann'], ['Ann'], ['Bob', 'Cat'], ['Bob', 'Cat'], ['Bob', 'Cat'], ['Cat', 'Bob'], ['Cat', 'Bob']];

async function setUp(s: TestServer): Promise<string> {
  const created = await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' });
  assert.equal(created.statusCode, 201);
  const id = created.json<{ id: string }>().id;
  for (const name of ['Ann', 'Bob', 'Cat']) assert.equal((await s.post(`/api/elections/${id}/contests/office/candidates`, { name })).statusCode, 201);
  return id;
}

test('an election runs from draft to a published, verifiable result', async () => {
  const s = await testServer();
  const id = await setUp(s);
  const base = `/api/elections/${id}`;

  const early = await s.post(`${base}/transitions`, { to: 'voting' });
  assert.equal(early.statusCode, 409, 'draft cannot jump to voting');
  assert.match(early.json<{ error: string }>().error, /cannot move from draft to voting/);
  assert.equal((await s.post(`${base}/transitions`, { to: 'nominations' })).statusCode, 200);

  // A malformed roll is refused whole, with each bad row named, and nothing is imported.
  const bad = await s.post(`${base}/roll`, `${ROLL}m12,Kim,kim@example.org,,member,2020-02-30,good,West\nm13,,x@example.org,,guest,2020-01-01,good,West\n`);
  assert.equal(bad.statusCode, 422);
  const report = bad.json<{ errors: { line: number; message: string }[] }>();
  assert.deepEqual(report.errors.map((e) => e.line), [13, 14]);
  assert.match(report.errors[0]?.message ?? '', /join date "2020-02-30"/);
  assert.equal((await s.get(`${base}/voters`)).json<{ voters: unknown[] }>().voters.length, 0);

  const imported = await s.post(`${base}/roll`, ROLL);
  assert.equal(imported.statusCode, 201, imported.body);
  const roll = imported.json<{ imported: number; duplicates: { line: number; keptLine: number }[] }>();
  assert.equal(roll.imported, 10, '11 rows, one of them Ada again under another id with the same email');
  assert.deepEqual(roll.duplicates.map((d) => [d.line, d.keptLine]), [[12, 2]]);

  const refusedIneligible = await s.post(`${base}/credentials`, { voters: ['m10'] });
  assert.equal(refusedIneligible.statusCode, 409);
  assert.match(refusedIneligible.json<{ error: string }>().error, /m10 is not eligible: not in good standing \(arrears\)/);

  const issued = await s.post(`${base}/credentials`, {});
  assert.equal(issued.statusCode, 201);
  const creds = issued.json<{ credentials: { voterId: string; credential: string }[] }>().credentials;
  assert.deepEqual(creds.map((c) => c.voterId).sort(), ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);

  const tooSoon = await s.post(`${base}/votes`, { credential: creds[0]?.credential, rankings: { office: ['Ann'] } });
  assert.equal(tooSoon.statusCode, 409, 'no voting during nominations');

  assert.equal((await s.post(`${base}/transitions`, { to: 'voting' })).statusCode, 200);

  // Reissuing revokes the old credential.
  const old = creds[0]?.credential ?? '';
  const reissued = await s.post(`${base}/credentials`, { voters: [creds[0]?.voterId] });
  const fresh = reissued.json<{ credentials: { credential: string }[] }>().credentials[0]?.credential ?? '';
  const revoked = await s.post(`${base}/ballot-paper`, { credential: old });
  assert.equal(revoked.statusCode, 403);
  assert.match(revoked.json<{ error: string }>().error, /replaced by a newer one/);
  const paper = await s.post(`${base}/ballot-paper`, { credential: fresh.toLowerCase() });
  assert.equal(paper.statusCode, 200, 'credentials are read whatever the case');
  assert.deepEqual(paper.json<{ contests: { ballot: string[] }[] }>().contests[0]?.ballot, ['Ann', 'Bob', 'Cat']);

  const keys = [fresh, ...creds.slice(1).map((c) => c.credential)];
  const receipts: string[] = [];
  for (const [i, ranking] of BALLOTS.entries()) {
    const cast = await s.post(`${base}/votes`, { credential: keys[i], rankings: { office: ranking } });
    assert.equal(cast.statusCode, 201, cast.body);
    receipts.push(cast.json<{ receipt: string }>().receipt);
  }
  const again = await s.post(`${base}/votes`, { credential: keys[0], rankings: { office: ['Cat'] } });
  assert.equal(again.statusCode, 409);
  assert.match(again.json<{ error: string }>().error, /already voted/);
  assert.equal((await s.post(`${base}/votes`, { credential: 'AAAA-BBBB', rankings: { office: ['Cat'] } })).statusCode, 403);
  assert.deepEqual((await s.get(`${base}/receipts/${receipts[3] ?? ''}`, {})).json(), { receipt: receipts[3], inBallotBox: true });

  assert.equal((await s.post(`${base}/count`, {})).statusCode, 409, 'no count while voting');
  assert.equal((await s.post(`${base}/transitions`, { to: 'closed' })).statusCode, 200);
  const late = await s.post(`${base}/votes`, { credential: keys[1], rankings: { office: ['Cat'] } });
  assert.equal(late.statusCode, 409);
  assert.equal((await s.get(`${base}/results`, {})).statusCode, 409, 'no result before the count');

  const counted = await s.post(`${base}/count`, {});
  assert.equal(counted.statusCode, 200, counted.body);
  assert.equal((await s.get(`${base}/results`, {})).statusCode, 409, 'the public waits for publication');
  assert.equal((await s.post(`${base}/transitions`, { to: 'published' })).statusCode, 200);

  const result = (await s.get(`${base}/results`, {})).json<{
    contests: { count: { winners: string[]; rounds: { tally: Record<string, string>; excluded: string[]; elected: string[]; threshold: string }[] } }[];
    turnout: { electorClass: string; eligible: number; voted: number; percent: string }[];
    auditHead: string;
  }>();
  const rounds = result.contests[0]?.count.rounds ?? [];
  assert.deepEqual(rounds.map((r) => r.tally), [{ Ann: '4', Bob: '3', Cat: '2' }, { Ann: '4', Bob: '5' }]);
  assert.deepEqual(rounds.map((r) => r.excluded), [['Cat'], []]);
  assert.deepEqual(rounds.map((r) => r.threshold), ['5', '5']);
  assert.deepEqual(result.contests[0]?.count.winners, ['Bob']);
  // Nine eligible members (Jo is in arrears), all voted: 9 voters are under the privacy threshold of 10, so
  // the public result withholds turnout by class; the signed-in officers' view keeps the exact figures.
  assert.deepEqual(result.turnout, []);
  assert.deepEqual((await s.get(`${base}/turnout`)).json(), { turnout: [{ electorClass: 'member', eligible: 9, voted: 9 }] });

  const blt = await s.get(`${base}/results/ballots-office.blt`, {});
  const parsed = parseBlt(blt.body, 'ballots-office.blt');
  assert.ok(parsed.ok);
  assert.equal(parsed.value.ballots.reduce((n, b) => n + b.weight, 0n), 9n);
  const csv = (await s.get(`${base}/results/results.csv`, {})).body.split('\n');
  assert.equal(csv[0], 'contest,round,candidate,votes,elected,excluded');
  assert.ok(csv.includes('office,1,Cat,2,,yes'));
  assert.ok(csv.includes('office,2,Bob,5,yes,'));

  const audit = (await s.get(`${base}/audit`, {})).json<{ head: string; entries: { action: string }[] }>();
  assert.equal(audit.head, result.auditHead);
  assert.deepEqual(
    audit.entries.map((e) => e.action).filter((a) => a.startsWith('status') || a === 'counted'),
    ['status draft → nominations', 'status nominations → voting', 'status voting → closed', 'counted', 'status counted → published'],
  );
  assert.equal((await s.post(`${base}/transitions`, { to: 'cancelled' })).statusCode, 409, 'a published result is final');

  const files = new Map<string, string>();
  for (const name of ['result.json', 'audit.json', 'ballots-office.blt']) files.set(name, (await s.get(`${base}/results/${name}`, {})).body);
  const verified = verifyPublished(files);
  assert.ok(verified.ok, verified.ok ? '' : verified.error);
});

test('a candidate below the threshold is not on the ballot, and nobody can vote for them', async () => {
  const s = await testServer();
  const id = (await s.post('/api/elections', { preset: 'labour-2016', title: 'Leader' })).json<{ id: string }>().id;
  const base = `/api/elections/${id}`;
  await s.post(`${base}/transitions`, { to: 'nominations' });
  await s.post(`${base}/contests/leader/candidates`, { name: 'Incumbent', incumbent: true });
  await s.post(`${base}/contests/leader/candidates`, { name: 'Challenger' });
  // 20% of 251 MPs and MEPs is 50.2, so a challenger needs 51; give 50.
  for (let i = 1; i <= 50; i++) await s.post(`${base}/nominations`, { contest: 'leader', body: 'plp', nominator: `MP ${i}`, candidate: 'Challenger' });
  const twice = await s.post(`${base}/nominations`, { contest: 'leader', body: 'plp', nominator: 'MP 1', candidate: 'Incumbent' });
  assert.equal(twice.statusCode, 409);
  const progress = (await s.get(`${base}/contests/leader/nominations`, {})).json<{ candidates: { name: string; onBallot: boolean; counts: { received: number; required: number }[] }[] }>();
  assert.deepEqual(progress.candidates.map((c) => [c.name, c.onBallot]), [['Incumbent', true], ['Challenger', false]]);
  assert.deepEqual(progress.candidates[1]?.counts, [{ body: 'plp', received: 50, required: 51 }]);

  await s.post(`${base}/roll`, 'id,name,email,postal_address,class,joined,standing\nv1,Val,val@example.org,,member,2015-06-01,good\nv2,Wyn,wyn@example.org,,member,2016-03-01,good\n');
  const creds = (await s.post(`${base}/credentials`, {})).json<{ credentials: { voterId: string; credential: string }[] }>().credentials;
  assert.deepEqual(creds.map((c) => c.voterId), ['v1'], 'Wyn joined after the 12 January 2016 freeze');
  await s.post(`${base}/transitions`, { to: 'voting' });
  const vote = await s.post(`${base}/votes`, { credential: creds[0]?.credential, rankings: { leader: ['Challenger'] } });
  assert.equal(vote.statusCode, 422);
  assert.match(vote.json<{ error: string }>().error, /"Challenger" is not on the ballot/);
});

test('voting cannot open when no candidate meets the threshold', async () => {
  const s = await testServer();
  const id = (await s.post('/api/elections', { preset: 'labour-2020', title: 'Leader and deputy' })).json<{ id: string }>().id;
  const base = `/api/elections/${id}`;
  await s.post(`${base}/transitions`, { to: 'nominations' });
  await s.post(`${base}/contests/leader/candidates`, { name: 'Hopeful' });
  await s.post(`${base}/roll`, 'id,name,email,postal_address,class,joined,standing\nv1,Val,val@example.org,,member,2015-06-01,good\n');
  const refused = await s.post(`${base}/transitions`, { to: 'voting' });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.json<{ error: string }>().error, /Leader: 0 candidate\(s\) met the threshold for 1 seat/);
});

test('scheduled opening and closing happen when due, audited as the scheduler', async () => {
  const s = await testServer();
  const spec = {
    title: 'Timed', schedule: { votingOpens: '2026-03-02T09:00:00Z', votingCloses: '2026-03-09T17:00:00Z' },
    eligibility: { classes: ['member'] },
    contests: [{ id: 'c', title: 'Chair', method: 'irv', seats: 1, candidates: [{ name: 'Ann' }, { name: 'Bob' }] }],
  };
  const id = (await s.post('/api/elections', { spec })).json<{ id: string }>().id;
  const base = `/api/elections/${id}`;
  await s.post(`${base}/transitions`, { to: 'nominations' });
  await s.post(`${base}/roll`, 'id,name,email,postal_address,class,joined,standing\nv1,Val,val@example.org,,member,2015-06-01,good\n');
  const { ElectionService } = await import('../../src/election/service.ts');
  const { seededRandom } = await import('../../src/election/seeded.ts');
  const scheduler = new ElectionService({ store: s.store, clock: () => s.clock.now, random: seededRandom('x'), pepper: 'pepper' });
  assert.deepEqual(await scheduler.applySchedule(), [], 'the test clock starts on 1 March: nothing is due');
  const early = await s.post(`${base}/transitions`, { to: 'voting' });
  assert.match(early.json<{ error: string }>().error, /scheduled to open at 2026-03-02T09:00:00Z/);
  s.clock.now = new Date('2026-03-02T09:00:00Z');
  assert.deepEqual(await scheduler.applySchedule(), ['Timed: nominations → voting']);
  s.clock.now = new Date('2026-03-09T17:00:00Z');
  assert.deepEqual(await scheduler.applySchedule(), ['Timed: voting → closed']);
  // A week on, the morning's session has expired (sessions last 12 hours): sign in again.
  assert.equal((await s.get(`${base}/voters`)).statusCode, 401);
  const admin = await signIn(s.app, 'owner', 'correct horse battery');
  const audit = (await s.get(`${base}/audit`, admin)).json<{ entries: { actor: string; action: string }[] }>().entries;
  assert.deepEqual(audit.filter((e) => e.actor === 'scheduler').map((e) => e.action), ['status nominations → voting', 'status voting → closed']);
});

test('a preset election gets its schedule and eligibility by API; once open, voting can be extended but not cut short', async () => {
  const s = await testServer();
  const id = (await s.post('/api/elections', { preset: 'generic-irv', title: 'Chair' })).json<{ id: string }>().id;
  const base = `/api/elections/${id}`;
  const rules = await s.post(`${base}/eligibility`, { classes: ['member', 'associate'], freezeDate: '2026-01-31' });
  assert.equal(rules.statusCode, 200, rules.body);
  const window = { votingOpens: '2026-03-01T09:00:00Z', votingCloses: '2026-03-08T17:00:00Z' };
  assert.deepEqual((await s.post(`${base}/schedule`, window)).json<{ schedule: unknown }>().schedule, window);
  const backwards = await s.post(`${base}/schedule`, { votingOpens: '2026-03-08T17:00:00Z', votingCloses: '2026-03-01T09:00:00Z' });
  assert.match(backwards.json<{ error: string }>().error, /voting must close after it opens/);
  for (const name of ['Ann', 'Bob']) await s.post(`${base}/contests/office/candidates`, { name });
  await s.post(`${base}/transitions`, { to: 'nominations' });
  await s.post(`${base}/roll`, 'id,name,email,postal_address,class,joined,standing\nv1,Val,val@example.org,,associate,2026-01-31,good\nv2,Wyn,wyn@example.org,,member,2026-02-01,good\n');
  const late = await s.post(`${base}/eligibility`, { classes: ['member'] });
  assert.match(late.json<{ error: string }>().error, /a roll has been imported/);
  const creds = (await s.post(`${base}/credentials`, {})).json<{ credentials: { voterId: string }[] }>().credentials;
  assert.deepEqual(creds.map((c) => c.voterId), ['v1'], 'Wyn joined after the 31 January freeze');
  assert.equal((await s.post(`${base}/transitions`, { to: 'voting' })).statusCode, 200, 'the test clock is at the opening time');
  const shorter = await s.post(`${base}/schedule`, { ...window, votingCloses: '2026-03-05T17:00:00Z' });
  assert.match(shorter.json<{ error: string }>().error, /can only be extended beyond 2026-03-08T17:00:00Z/);
  assert.equal((await s.post(`${base}/schedule`, { ...window, votingCloses: '2026-03-10T17:00:00Z' })).statusCode, 200);
});
