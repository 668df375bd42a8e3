import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElection } from '../../src/election/election.ts';
import { acceptingBallots, canMove, transition } from '../../src/election/lifecycle.ts';
import { STATUSES, type Election, type Status } from '../../src/election/types.ts';
import { markBallots } from '../../src/election/voting.ts';

function election(extra: Partial<Election> = {}): Election {
  const made = createElection({
    title: 'Chair', schedule: {}, bodies: [],
    eligibility: { classes: ['member'], requireGoodStanding: true },
    contests: [{ id: 'c', title: 'Chair', method: 'irv', seats: 1, incumbentOnBallot: false, maxRanks: 2, candidates: ['A', 'B', 'C'].map((name) => ({ name, incumbent: false, withdrawn: false })) }],
  }, 'e', '2026-01-01T00:00:00Z');
  if (!made.ok) throw new Error(made.error.message);
  return { ...made.value, ...extra };
}

const ctx = { now: '2026-02-01T00:00:00Z', eligibleVoters: 10 };

test('the lifecycle allows exactly these moves', () => {
  const allowed: [Status, Status][] = [];
  for (const from of STATUSES) for (const to of STATUSES) if (canMove(from, to)) allowed.push([from, to]);
  assert.deepEqual(allowed, [
    ['draft', 'nominations'], ['draft', 'cancelled'], ['nominations', 'voting'], ['nominations', 'cancelled'],
    ['voting', 'closed'], ['voting', 'cancelled'], ['closed', 'counted'], ['closed', 'cancelled'], ['counted', 'published'],
  ]);
});

test('opening voting fixes the ballot paper and needs an eligible voter and the scheduled time', () => {
  const e = election({ status: 'nominations' });
  const opened = transition(e, 'voting', ctx);
  assert.ok(opened.ok);
  assert.deepEqual(opened.value.contests[0]?.ballot, ['A', 'B', 'C']);
  const noVoters = transition(e, 'voting', { ...ctx, eligibleVoters: 0 });
  assert.ok(!noVoters.ok && /no eligible voter/.test(noVoters.error.message));
  const early = transition({ ...e, schedule: { votingOpens: '2026-03-01T00:00:00Z' } }, 'voting', ctx);
  assert.ok(!early.ok && /scheduled to open at 2026-03-01/.test(early.error.message));
});

test('ballots are accepted only while voting is open and before the scheduled close', () => {
  const e = election({ status: 'voting', schedule: { votingCloses: '2026-02-01T12:00:00Z' } });
  assert.ok(acceptingBallots(e, '2026-02-01T11:59:59Z').ok);
  assert.ok(!acceptingBallots(e, '2026-02-01T12:00:00Z').ok);
  assert.ok(!acceptingBallots({ ...e, status: 'closed' }, '2026-02-01T11:00:00Z').ok);
  const closing = transition(e, 'closed', ctx);
  assert.ok(!closing.ok && /scheduled to close at/.test(closing.error.message));
});

test('a ballot ranks candidates on the paper, each once, within the maximum number of ranks', () => {
  const opened = transition(election({ status: 'nominations' }), 'voting', ctx);
  assert.ok(opened.ok);
  const e = opened.value;
  assert.deepEqual(markBallots(e, { c: ['C', 'A'] }), { ok: true, value: [{ contest: 'c', ranking: [2, 0] }] });
  const refusals: [Record<string, string[]>, RegExp][] = [
    [{ c: ['A', 'B', 'C'] }, /at most 2 preferences/],
    [{ c: ['A', 'A'] }, /ranked twice/],
    [{ c: ['Z'] }, /"Z" is not on the ballot/],
    [{ x: ['A'] }, /no contest "x"/],
    [{ c: [] }, /ranks no candidate/],
  ];
  for (const [submission, message] of refusals) {
    const r = markBallots(e, submission);
    assert.ok(!r.ok && message.test(r.error.message), JSON.stringify(submission));
  }
});

test('an election specification is checked: IRV fills one seat, thresholds name known bodies', () => {
  const base = election();
  const irv3 = createElection({ ...base, contests: [{ ...base.contests[0]!, seats: 3 }] }, 'x', '');
  assert.ok(!irv3.ok && /IRV fills one seat, not 3/.test(irv3.error.message));
  const typo = createElection({ ...base, contests: [{ ...base.contests[0]!, threshold: { body: 'pl', count: 3 } }] }, 'x', '');
  assert.ok(!typo.ok && /unknown nominating body "pl"/.test(typo.error.message));
});
