import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, chainEntry, findChainBreak, GENESIS_HASH, publicAudit, type AuditEntry } from '../../src/election/audit.ts';

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

test('the public log keeps every entry and its hashes but shows how many voters, never which', () => {
  const log = voterLog();
  const shown = publicAudit(log);
  assert.deepEqual(shown.map((e) => [e.seq, e.action, e.hash, e.prevHash]), log.map((e) => [e.seq, e.action, e.hash, e.prevHash]));
  assert.deepEqual(shown.map((e) => [e.data, e.withheld]), [
    [{ title: 'Chair' }, undefined],
    [{ issued: 2, reissued: 1 }, ['issued', 'reissued']],
    [{}, ['voter']],
    [{ reason: 'lapsed membership' }, ['voter']],
    [{ from: 'voting', to: 'closed' }, undefined],
  ]);
  assert.doesNotMatch(JSON.stringify(shown), /"v\d"/);
  assert.equal(findChainBreak(shown), undefined, 'the withheld entries are covered by the next entry\'s hash');
  // The officers' log is unchanged, ids included.
  assert.deepEqual(log[1]?.data, { issued: ['v1', 'v2'], reissued: ['v3'] });
});

test('in the public log a withheld entry is still pinned by its successor, and only an entry naming voters may withhold', () => {
  const shown = publicAudit(voterLog());
  const rehashed = shown.map((e) => (e.seq === 3 ? { ...e, hash: 'f'.repeat(64) } : e));
  assert.deepEqual(findChainBreak(rehashed), { seq: 4, problem: 'entry 4 does not follow the hash of entry 3' });
  // The last entry is checked in full: withholding its data would hide a change of the election.
  const hidden = shown.map((e) => (e.seq === 5 ? { ...e, data: {}, withheld: ['to'] } : e));
  assert.deepEqual(findChainBreak(hidden), { seq: 5, problem: 'entry 5 (status voting → closed) withholds data, which only an entry naming voters may' });
});
