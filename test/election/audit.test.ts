import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { canonicalJson, chainEntry, findChainBreak, GENESIS_HASH, publicAudit, type AuditEntry, type PublicAuditEntry } from '../../src/election/audit.ts';

test('canonical JSON sorts keys at every level and has no spaces', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: true } }), '{"a":{"c":true,"d":[2,{"e":"x","f":null}]},"b":1}');
});

test('the first entry hashes the genesis hash and its canonical JSON', () => {
  const e = chainEntry(undefined, { actor: 'ro', action: 'election created', data: { title: 'Chair' } }, '2026-01-01T00:00:00.000Z');
  assert.equal(e.seq, 1);
  assert.equal(e.prevHash, GENESIS_HASH);
  // Computed independently (Python hashlib) over "0"×64 followed by
  // {"action":"election created","actor":"ro","at":"2026-01-01T00:00:00.000Z","data":{"title":"Chair"},"seq":1}
  assert.equal(e.hash, '68474efa660e19d50a0bb011b186dd6f1202a356993672df7b19710db53d19c0');
});

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) out.push(chainEntry(out[out.length - 1], { actor: 'ro', action: `step ${i + 1}`, data: { i } }, `2026-01-0${i + 1}T00:00:00Z`));
  return out;
}

test('an intact chain has no break', () => {
  const entries = chain(4);
  assert.equal(findChainBreak(entries), undefined);
  assert.equal(entries[2]?.prevHash, entries[1]?.hash);
});

test('a changed, removed or reordered entry is found', () => {
  const entries = chain(4);
  const changed = entries.map((e) => (e.seq === 2 ? { ...e, data: { i: 99 } } : e));
  assert.equal(findChainBreak(changed)?.seq, 2);
  assert.match(findChainBreak(changed)?.problem ?? '', /entry 2 \(step 2\) was changed/);
  const removed = entries.filter((e) => e.seq !== 3);
  assert.deepEqual(findChainBreak(removed), { seq: 4, problem: 'entry 4 where entry 3 was expected' });
  // Rehashing a changed entry does not help: the next entry still names the old hash.
  const forged = [...entries];
  const second = forged[1];
  if (second) forged[1] = chainEntry(forged[0], { actor: 'mallory', action: 'step 2', data: { i: 1 } }, second.at);
  assert.deepEqual(findChainBreak(forged), { seq: 3, problem: 'entry 3 does not follow the hash of entry 2' });
});

/** A log naming voters: v1 and v2 issued credentials, v3's reissued; v2 votes by post; v1's envelope cancelled. */
function voterLog(): AuditEntry[] {
  const inputs = [
    { actor: 'ro', action: 'election created', data: { title: 'Chair' } },
    { actor: 'ro', action: 'credentials issued', data: { issued: ['v1', 'v2'], reissued: ['v3'] } },
    { actor: 'clerk', action: 'postal ballot entered', data: { voter: 'v2' } },
    { actor: 'ro', action: 'envelope cancelled', data: { voter: 'v1', reason: 'lapsed membership' } },
    { actor: 'ro', action: 'status voting → closed', data: { from: 'voting', to: 'closed' } },
  ];
  const out: AuditEntry[] = [];
  for (const [i, input] of inputs.entries()) out.push(chainEntry(out[out.length - 1], input, `2026-02-0${i + 1}T00:00:00Z`));
  return out;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

test('the public log keeps every entry and its hashes but shows how many voters, never which', () => {
  const log = voterLog();
  const shown = publicAudit(log);
  assert.deepEqual(shown.map((e) => [e.seq, e.action, e.hash, e.prevHash]), log.map((e) => [e.seq, e.action, e.hash, e.prevHash]));
  // Each entry naming voters was recorded with a salt of 128 random bits; the public sees the counts and a
  // digest of the whole data with that salt, never the salt itself.
  const salts = log.slice(1, 4).map((e) => (typeof e.data.salt === 'string' ? e.data.salt : ''));
  assert.ok(salts.every((salt) => /^[0-9a-f]{32}$/.test(salt)), salts.join());
  assert.deepEqual(shown.map((e) => [e.data, e.withheld]), [
    [{ title: 'Chair' }, undefined],
    [{ issued: 2, reissued: 1, sealed: sha256(`{"issued":["v1","v2"],"reissued":["v3"],"salt":"${salts[0]}"}`) }, ['issued', 'reissued']],
    [{ sealed: sha256(`{"salt":"${salts[1]}","voter":"v2"}`) }, ['voter']],
    // The reason is withheld too: free text an officer wrote may name the voter.
    [{ sealed: sha256(`{"reason":"lapsed membership","salt":"${salts[2]}","voter":"v1"}`) }, ['voter', 'reason']],
    [{ from: 'voting', to: 'closed' }, undefined],
  ]);
  assert.doesNotMatch(JSON.stringify(shown), /"v\d"|salt/);
  // The hash covers the public form as shown: the postal entry's, written out.
  const postal = shown[2];
  const body = `{"action":"postal ballot entered","actor":"clerk","at":"2026-02-03T00:00:00Z","data":{"sealed":"${typeof postal?.data.sealed === 'string' ? postal.data.sealed : ''}"},"seq":3}`;
  assert.equal(postal?.hash, sha256(`${log[1]?.hash}${body}`));
  assert.equal(findChainBreak(shown), undefined);
  // The officers' log keeps the ids, and checks too.
  assert.deepEqual(log[1]?.data, { issued: ['v1', 'v2'], reissued: ['v3'], salt: salts[0] });
  assert.equal(findChainBreak(log), undefined);
});

test('in the public log a withheld entry\'s counts, actor and time are checked, and only an entry naming voters may withhold', () => {
  const shown = publicAudit(voterLog());
  const changed = (seq: number, change: Partial<PublicAuditEntry>) => shown.map((e) => (e.seq === seq ? { ...e, ...change } : e));
  const issued = shown[1];
  const changes = [{ data: { ...issued?.data, issued: 5 } }, { actor: 'mallory' }, { at: '2026-02-09T00:00:00Z' }];
  for (const change of changes) assert.match(findChainBreak(changed(2, change))?.problem ?? '', /^entry 2 \(credentials issued\) was changed/, JSON.stringify(change));
  assert.deepEqual(findChainBreak(changed(3, { hash: 'f'.repeat(64) }))?.seq, 3);
  // The last entry is checked in full: withholding its data would hide a change of the election.
  const hidden = changed(5, { data: {}, withheld: ['to'] });
  assert.deepEqual(findChainBreak(hidden), { seq: 5, problem: 'entry 5 (status voting → closed) withholds data, which only an entry naming voters may' });
});

test('an entry naming voters recorded before salts: officers check it whole, the public check refuses it', () => {
  const first = chainEntry(undefined, { actor: 'ro', action: 'election created', data: { title: 'Chair' } }, '2026-02-01T00:00:00Z');
  // Hashed as every entry was before salts: over its whole data.
  const body = '{"action":"postal ballot entered","actor":"clerk","at":"2026-02-02T00:00:00Z","data":{"voter":"v2"},"seq":2}';
  const legacy: AuditEntry = { seq: 2, at: '2026-02-02T00:00:00Z', actor: 'clerk', action: 'postal ballot entered', data: { voter: 'v2' }, prevHash: first.hash, hash: sha256(first.hash + body) };
  const log = [first, legacy, chainEntry(legacy, { actor: 'ro', action: 'status voting → closed', data: { from: 'voting', to: 'closed' } }, '2026-02-03T00:00:00Z')];
  assert.equal(findChainBreak(log), undefined);
  const shown = publicAudit(log);
  assert.deepEqual([shown[1]?.data, shown[1]?.withheld], [{}, ['voter']]);
  // Nothing pins what it shows, so a changed actor would pass unseen: the check stops there instead.
  assert.deepEqual(findChainBreak(shown), { seq: 2, problem: 'entry 2 (postal ballot entered) withholds voter ids without the digest its hash covers, so what it shows cannot be checked' });
});

test('removing a sealed entry\'s digest does not make it pass unchecked', () => {
  const first = chainEntry(undefined, { actor: 'ro', action: 'election created', data: { title: 'Chair' } }, '2026-02-01T00:00:00Z');
  const postal = chainEntry(first, { actor: 'clerk', action: 'postal ballot entered', data: { voter: 'v2' } }, '2026-02-02T00:00:00Z');
  const shown = publicAudit([first, postal]);
  assert.equal(findChainBreak(shown), undefined);
  const stripped = shown.map((e) => (e.seq === 2 ? { ...e, actor: 'someone else', data: {} } : e));
  assert.equal(findChainBreak(stripped)?.seq, 2);
});
