/**
 * Nomination thresholds, checked against the Labour Party's published nominations
 * (../shared/data/labour/results.json): who reached the ballot in 2016 and 2020.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createElection } from '../../src/election/election.ts';
import { addNomination, ballotNames, contestProgress, meetsThreshold, required } from '../../src/election/nominations.ts';
import { findPreset } from '../../src/election/presets.ts';
import type { Election, Nomination } from '../../src/election/types.ts';

const data = new URL('../../../shared/data/labour/results.json', import.meta.url);
const skip = existsSync(data) ? false : 'shared data absent: ../shared/data/labour/results.json not found';

interface LabourContest { id: string; candidates: string[]; nomination: Record<string, Record<string, number | object | string>> }

function contest(id: string): LabourContest {
  const all = JSON.parse(readFileSync(data, 'utf8')) as { contests: LabourContest[] };
  const found = all.contests.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} in results.json`);
  return found;
}

function election(preset: string, candidates: { name: string; incumbent?: boolean }[]): Election {
  const spec = findPreset(preset)?.spec('test');
  if (!spec) throw new Error(preset);
  const made = createElection({ ...spec, contests: spec.contests.map((c) => ({ ...c, candidates: candidates.map((x) => ({ name: x.name, incumbent: x.incumbent ?? false, withdrawn: false })) })) }, 'e', '2026-01-01T00:00:00Z');
  if (!made.ok) throw new Error(made.error.message);
  return { ...made.value, status: 'nominations' };
}

function nominate(e: Election, body: string, candidate: string, n: number, kind?: string): Election {
  let next = e;
  for (let i = 0; i < n; i++) {
    const r = addNomination(next, { contest: 'leader', body, nominator: `${body}-${kind ?? ''}-${candidate}-${i}`, candidate, ...(kind === undefined ? {} : { kind }) });
    if (!r.ok) throw new Error(r.error.message);
    next = r.value;
  }
  return next;
}

test('percentage thresholds round up: 20% of 251 is 50.2, so 51; 10% of 212 is 21.2, so 22; 5% of 650 is 32.5, so 33', () => {
  assert.equal(required({ percent: 20 }, { id: 'plp', name: 'PLP', size: 251, onePerContest: true }), 51n);
  assert.equal(required({ percent: 10 }, { id: 'plp', name: 'PLP', size: 212, onePerContest: true }), 22n);
  assert.equal(required({ percent: 5 }, { id: 'clp', name: 'CLPs', size: 650, onePerContest: true }), 33n);
  assert.equal(required({ percent: 12.5 }, { id: 'plp', name: 'PLP', size: 8, onePerContest: true }), 1n);
});

test('2016: the incumbent is on the ballot without nominations; the challenger with 172 of 251 MPs/MEPs', { skip }, () => {
  const c = contest('labour-leader-2016');
  const smith = c.nomination.plp_eplp?.['Owen Smith'] as { 'final_2016-07-20': number };
  let e = election('labour-2016', [{ name: 'Jeremy Corbyn', incumbent: true }, { name: 'Owen Smith' }]);
  e = nominate(e, 'plp', 'Owen Smith', smith['final_2016-07-20']);
  const leader = e.contests[0];
  assert.ok(leader);
  assert.deepEqual(ballotNames(e, leader), c.candidates);
  assert.deepEqual(contestProgress(e, leader).map((p) => p.reason), ['incumbent: on the ballot without nominations', 'threshold met']);
});

test('2020: Starmer, Long-Bailey and Nandy reach the ballot; Thornberry, with 31 CLPs of the 33 needed, does not', { skip }, () => {
  const c = contest('labour-leader-2020');
  const plp = c.nomination.plp_eplp as Record<string, number>;
  const clp = c.nomination.clp as Record<string, number>;
  const names = ['Keir Starmer', 'Rebecca Long-Bailey', 'Lisa Nandy', 'Emily Thornberry'];
  let e = election('labour-2020', names.map((name) => ({ name })));
  for (const name of names) {
    e = nominate(e, 'plp', name, plp[name] ?? 0);
    e = nominate(e, 'clp', name, clp[name] ?? 0);
  }
  const leader = e.contests[0];
  assert.ok(leader);
  assert.deepEqual(ballotNames(e, leader), c.candidates);
  const thornberry = contestProgress(e, leader).find((p) => p.name === 'Emily Thornberry');
  assert.deepEqual(thornberry?.counts.slice(0, 2), [{ body: 'plp', received: 23, required: 22 }, { body: 'clp', received: 31, required: 33 }]);
});

test('3 affiliates meet the 2020 second stage only when 2 of them are unions', () => {
  const threshold = { all: [{ body: 'affiliates', count: 3 }, { body: 'affiliates', kind: 'union', count: 2 }] };
  const bodies = [{ id: 'affiliates', name: 'Affiliates', size: 32, onePerContest: true }];
  const n = (kind: string, i: number): Nomination => ({ contest: 'leader', body: 'affiliates', nominator: `a${i}`, kind, candidate: 'X' });
  assert.equal(meetsThreshold(threshold, [n('union', 1), n('society', 2), n('society', 3)], bodies), false);
  assert.equal(meetsThreshold(threshold, [n('union', 1), n('union', 2), n('society', 3)], bodies), true);
  assert.equal(meetsThreshold(threshold, [n('union', 1), n('union', 2)], bodies), false);
});

test('a member of the PLP nominates one candidate per contest', () => {
  let e = election('labour-2016', [{ name: 'A' }, { name: 'B' }]);
  e = nominate(e, 'plp', 'A', 1);
  const second = addNomination(e, { contest: 'leader', body: 'plp', nominator: 'plp--A-0', candidate: 'B' });
  assert.ok(!second.ok);
  assert.match(second.error.message, /has already nominated A in Leader; each may nominate one candidate/);
  const closed = addNomination({ ...e, status: 'voting' }, { contest: 'leader', body: 'plp', nominator: 'someone', candidate: 'B' });
  assert.ok(!closed.ok);
  assert.equal(closed.error.code, 'conflict');
});
