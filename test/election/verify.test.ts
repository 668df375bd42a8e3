/**
 * `verify` on published files: an honest result verifies; any change to the audit log, the ballots or the
 * rounds is reported as the first difference.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstDifference, verifyPublished } from '../../src/election/verify.ts';
import { writeResultDir } from '../../src/cli/verify.ts';
import { runCli, scratchDir, STACK_LINE } from '../cli/run-cli.ts';
import { openElection, testServer } from '../server/helpers.ts';

/** A published election: Ann 2, Bob 1 (hand count: 2 of 3 is a majority, Ann wins in round 1). */
async function published(): Promise<Map<string, string>> {
  const s = await testServer();
  const { id, credentials } = await openElection(s, 3);
  const base = `/api/elections/${id}`;
  for (const [i, c] of credentials.entries()) await s.post(`${base}/votes`, { credential: c.credential, rankings: { office: [i < 2 ? 'Ann' : 'Bob'] } }, {});
  await s.post(`${base}/transitions`, { to: 'closed' });
  await s.post(`${base}/count`, {});
  await s.post(`${base}/transitions`, { to: 'published' });
  const files = new Map<string, string>();
  for (const name of ['result.json', 'audit.json', 'ballots-office.blt']) files.set(name, (await s.get(`${base}/results/${name}`, {})).body);
  return files;
}

function edit(files: Map<string, string>, name: string, change: (text: string) => string): Map<string, string> {
  return new Map([...files, [name, change(files.get(name) ?? '')]]);
}

test('an honest published result verifies', async () => {
  const files = await published();
  const r = verifyPublished(files);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.match(r.value.join('\n'), /contest office: ballots-office\.blt recounted, 1 round\(s\) as published, winners Ann/);
});

test('the published audit log withholds the voters issued credentials, keeps how many, and still verifies', async () => {
  const files = await published();
  const audit = JSON.parse(files.get('audit.json') ?? '[]') as { action: string; data: unknown; withheld?: string[] }[];
  // openElection issues credentials to its 3 voters v1, v2, v3 in one batch.
  const issued = audit.filter((e) => e.action === 'credentials issued').map((e) => [e.data, e.withheld]);
  assert.deepEqual(issued, [[{ issued: 3, reissued: 0, sealed: (issued[0]?.[0] as { sealed?: unknown } | undefined)?.sealed }, ['issued', 'reissued']]]);
  assert.doesNotMatch(files.get('audit.json') ?? '', /"v[123]"|"salt"/);
  const r = verifyPublished(files);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.doesNotMatch(r.value.join('\n'), /only their place in the chain is checked/, 'every withheld entry is sealed, so checked');
});

test('a withheld entry\'s count or actor changed in the published log is detected', async () => {
  const files = await published();
  const seq = (JSON.parse(files.get('audit.json') ?? '[]') as { seq: number; action: string }[]).find((e) => e.action === 'credentials issued')?.seq;
  for (const [from, to] of [['"issued": 3', '"issued": 4'], [/("actor": ")owner(",\s+"action": "credentials issued")/, '$1mallory$2']] as const) {
    const tampered = edit(files, 'audit.json', (t) => t.replace(from, to));
    assert.notEqual(tampered.get('audit.json'), files.get('audit.json'));
    const r = verifyPublished(tampered);
    assert.ok(!r.ok);
    assert.match(r.error, new RegExp(`^audit\\.json: entry ${seq} \\(credentials issued\\) was changed`));
  }
});

test('a tampered audit entry is detected', async () => {
  const files = await published();
  const tampered = edit(files, 'audit.json', (t) => t.replace('"actor": "owner"', '"actor": "mallory"'));
  const r = verifyPublished(tampered);
  assert.ok(!r.ok);
  assert.match(r.error, /audit\.json: entry 1 \(election created\) was changed/);
});

test('a changed ballot is detected through the hash recorded at the count', async () => {
  const files = await published();
  // Turn one "Ann" ballot (candidate 1) into a "Bob" one (candidate 2).
  const tampered = edit(files, 'ballots-office.blt', (t) => t.replace(/^1 1 0$/m, '1 2 0'));
  assert.notEqual(tampered.get('ballots-office.blt'), files.get('ballots-office.blt'));
  const r = verifyPublished(tampered);
  assert.ok(!r.ok);
  assert.match(r.error, /ballots-office\.blt: sha256 [0-9a-f]{64} differs from the audited/);
});

test('changed rounds are detected', async () => {
  const files = await published();
  const r = verifyPublished(edit(files, 'result.json', (t) => t.replace('"Ann": "2"', '"Ann": "3"')));
  assert.ok(!r.ok);
  assert.match(r.error, /the published rounds differ from those audited at the count/);
});

test('the first difference names its path and both values', () => {
  assert.equal(firstDifference({ rounds: [{ tally: { A: '2' } }] }, { rounds: [{ tally: { A: '3' } }] }), 'rounds[0].tally.A: published "2", recount "3"');
  assert.equal(firstDifference({ a: [1, 2] }, { a: [1, 2] }), undefined);
});

test('rollover verify exits 0 on the published folder and 1 with the first difference once tampered', async () => {
  const files = await published();
  const good = scratchDir();
  await writeResultDir(good, files);
  const ok = await runCli(['verify', good]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /verified\n$/);
  const bad = scratchDir();
  await writeResultDir(bad, edit(files, 'result.json', (t) => t.replace(/"auditHead": "[0-9a-f]+"/, `"auditHead": "${'0'.repeat(64)}"`)));
  const refused = await runCli(['verify', bad]);
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /result\.json: audit head 0{64} is not the last entry's hash/);
  assert.doesNotMatch(refused.stderr, STACK_LINE);
});
