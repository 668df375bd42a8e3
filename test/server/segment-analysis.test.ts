/**
 * POST /api/analysis/segments: which group decided it, on the Labour election of test/analysis/swing.test.ts
 * (Khan 12, Jowell 10, Abbott 12; Jowell goes, Khan wins 22 to 12), with a ward of 3 ballots that must
 * never be shown on its own.
 *
 *   12 × [Khan, Jowell]    member      W2        10 × [Jowell, Khan]    member      W3
 *    3 × [Abbott, Khan]    registered  W1         9 × [Abbott, Jowell]  registered  W3
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LABOUR_CSV } from '../analysis/labour.ts';
import { testServer } from './helpers.ts';


interface Swing {
  segment: string | null;
  segments: number;
  ballots: number;
  raise: { factor: string; attained: boolean; winner: string } | null;
  lower: { factor: string; attained: boolean; winner: string } | null;
  move: { ballots: number; of: number; winner: string } | null;
  margin: { ballots: number | null; exact: boolean } | null;
  marginSearch?: string;
}

test('swings by class through the API: the factors worked in swing.test.ts and each class\'s exact margin of 1', async () => {
  const s = await testServer();
  const res = await s.post('/api/analysis/segments?column=class&wait=60', LABOUR_CSV, {});
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json<{ winner: string; computing?: boolean; segments: { swings: Swing[] } }>();
  assert.equal(body.winner, 'Khan');
  assert.equal(body.computing, undefined);
  const byClass = new Map(body.segments.swings.map((w) => [w.segment, w]));
  // Registered ×11/6: Khan and Abbott tie 22–22, backwards excludes Khan. ×5/6: Abbott ties Jowell at 10,
  // lot excludes Abbott, Jowell wins 17.5 to 14.5. One [Abbott, …] → [Jowell] makes Abbott and Jowell tie
  // at 11 below Khan; lot excludes Abbott and his ballots carry Jowell past Khan.
  const registered = byClass.get('registered');
  assert.deepEqual([registered?.raise?.factor, registered?.raise?.winner, registered?.lower?.factor, registered?.lower?.winner], ['11/6', 'Abbott', '5/6', 'Jowell']);
  assert.deepEqual([registered?.margin?.ballots, registered?.margin?.exact], [1, true]);
  // Members ×6/5: Jowell 12 ties Abbott 12, lot excludes Abbott, Jowell wins 21 to 17.4. Moving 2
  // [Khan, Jowell] to [Abbott, Khan] ties Khan with Jowell at 10 and lot excludes Khan.
  const member = byClass.get('member');
  assert.deepEqual([member?.raise?.factor, member?.raise?.winner, member?.move?.ballots, member?.margin?.ballots], ['6/5', 'Jowell', 2, 1]);
});

test('by ward: the ward of 3 is pooled with the next smallest, in the rows and in the swings; bad files are refused', async () => {
  const s = await testServer();
  const res = await s.post('/api/analysis/segments?column=ward&wait=60', LABOUR_CSV, {});
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json<{ segments: { rows: { segment: string | null; ballots: number }[]; swings: Swing[] } }>();
  // W1 (3) is under 10; a pool of it alone would show it, so W2 (12) joins: 15 pooled; W3 (19) shown.
  assert.deepEqual(body.segments.rows.map((r) => [r.segment, r.ballots]), [['W3', 19], [null, 15]]);
  assert.deepEqual(body.segments.swings.map((w) => [w.segment, w.segments, w.ballots]), [['W3', 1, 19], [null, 2, 15]]);
  assert.doesNotMatch(res.body, /W1/, 'the small ward is never named');

  const bad = await s.post('/api/analysis/segments?column=ward', 'segment:ward,rank1\nW1,Khan,Abbott\n', {});
  assert.equal(bad.statusCode, 422);
  assert.match(bad.json<{ error: string }>().error, /ballots\.csv line 2/);
  const none = await s.post('/api/analysis/segments', LABOUR_CSV, {});
  assert.equal(none.statusCode, 400, 'a column or a what-if spec is needed');
});

test('what-if through the API, answered at once with the margin search still running', async () => {
  const s = await testServer();
  // (A budget of its own: the first test's search of the registered class, the same ballots, is cached.)
  const url = `/api/analysis/segments?whatIf=${encodeURIComponent('class=registered*2')}&maxNodes=1999`;
  const res = await s.post(`${url}&wait=0`, LABOUR_CSV, {});
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json<{ computing?: boolean; whatIf: { winners: string[]; changesWinner: boolean; smallestSwing: Swing } }>();
  // ×2: Abbott 24 against Khan 22 once Jowell goes.
  assert.deepEqual([body.whatIf.winners, body.whatIf.changesWinner], [['Abbott'], true]);
  assert.equal(body.whatIf.smallestSwing.raise?.factor, '11/6');
  assert.equal(body.computing, true);
  assert.match(body.whatIf.smallestSwing.marginSearch ?? '', /still running/);
  // The same file again, waiting: the margin from the search already under way.
  const again = (await s.post(`${url}&wait=60`, LABOUR_CSV, {})).json<{ whatIf: { smallestSwing: Swing } }>();
  assert.deepEqual([again.whatIf.smallestSwing.margin?.ballots, again.whatIf.smallestSwing.margin?.exact], [1, true]);
});
