import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from '../../src/count/arithmetic.ts';
import { parseDroopReport } from './droop-report.ts';

// A cut-down report in Droop's layout (the shape of droop/ref/report/42-wigm-rational-d12.txt), written here
// so the parser's reading of each kind of line is checked without the shared data.
const REPORT = [
  '',
  'Election: Pollux and Helen should tie',
  '',
  '\tDroop package: droop v0.11',
  '\tRule: Generic Weighted Inclusive Gregory Method (WIGM)',
  '\tArithmetic: rational arithmetic',
  '\tSeats: 2',
  '\tBallots: 6',
  '\tQuota: 2.000000000000',
  '',
  '\tAdd eligible: Castor',
  '\tAdd eligible: Pollux, Jr',
  '\tAdd eligible: Helen',
  'Action: Begin Count',
  '\tHopeful:  Castor (4.000000000000)',
  '\tHopeful:  Pollux, Jr (0.000000000000)',
  '\tHopeful:  Helen (2.000000000000)',
  '\tNontransferable votes: 0.000000000000',
  'Round 1:',
  'Action: Elect, transfer pending: Castor',
  '\tPending:  Castor (4.000000000000)',
  '\tHopeful:  Pollux, Jr, Helen (2.000000000000)',
  'Round 2:',
  'Action: Break tie (defeat): [Pollux, Jr, Helen] -> Pollux, Jr',
  '\tResidual: 0.000000000000',
  'Action: Defeat: Pollux, Jr',
  '\tElected:  Castor (2.000000000000)',
  '\tHopeful:  Helen (2.000000000000)',
  '\tDefeated: Pollux, Jr (2.000000000000)',
  'Action: Elect remaining: Helen',
  '\tElected:  Castor (2.000000000000)',
  '\tElected:  Helen (2.000000000000)',
  '\tDefeated: Pollux, Jr (0.000000000000)',
  '\tNontransferable votes: 2.000000000000',
].join('\n');

test('reads the header, the candidates, each action and the order of election', () => {
  const r = parseDroopReport(REPORT);
  assert.equal(r.title, 'Pollux and Helen should tie');
  assert.equal(r.rule, 'Generic Weighted Inclusive Gregory Method (WIGM)');
  assert.equal(r.arithmetic, 'rational arithmetic');
  assert.equal(r.seats, 2);
  assert.equal(r.displayPlaces, 12);
  assert.ok(r.quota.eq(Rational.of(2)));
  assert.ok(r.ballots.eq(Rational.of(6)));
  assert.deepEqual(r.eligible, ['Castor', 'Pollux, Jr', 'Helen']);
  assert.deepEqual(r.elected, ['Castor', 'Helen']);
  assert.deepEqual(r.actions.map((a) => [a.kind, a.round]), [
    ['Begin Count', 0],
    ['Elect, transfer pending', 1],
    ['Break tie (defeat)', 2],
    ['Defeat', 2],
    ['Elect remaining', 2],
  ]);
});

test('splits candidates sharing a value even when a name holds a comma', () => {
  const r = parseDroopReport(REPORT);
  const shared = r.actions[1]?.candidates;
  assert.equal(shared?.get('Pollux, Jr')?.state, 'hopeful');
  assert.ok(shared?.get('Helen')?.value.eq(Rational.of(2)));
  assert.equal(r.actions[4]?.candidates.get('Pollux, Jr')?.state, 'defeated');
  assert.ok(r.actions[4]?.totals.get('Nontransferable votes')?.eq(Rational.of(2)));
});

test('records ties and how Droop broke them', () => {
  const r = parseDroopReport(REPORT);
  assert.deepEqual(r.ties, [{ purpose: 'defeat', tied: ['Pollux, Jr', 'Helen'], chosen: 'Pollux, Jr', how: 'unspecified' }]);
});

test('a report without a quota is refused', () => {
  assert.throws(() => parseDroopReport('Election: x\n\tRule: r\n\tArithmetic: a\n\tSeats: 1\n\tBallots: 1\n'), /Quota/);
});
