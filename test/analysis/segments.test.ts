/**
 * What-if recounts, the non-monotonicity probe and the segment breakdown, on the hand-worked election of
 * labour.ts:
 *
 * Ballots (34), with region, class and ward:
 *   12 × [Khan, Jowell]     London, member,     W2
 *    3 × [Abbott, Khan]     London, registered, W1
 *   10 × [Jowell, Khan]     North,  member,     W3
 *    9 × [Abbott, Jowell]   North,  registered, W3
 * IRV: Abbott 12, Jowell 10, Khan 12; Jowell is excluded, his 10 go to Khan: Khan 22, Abbott 12. Khan wins.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { count } from '../../src/count/index.ts';
import { segmentBreakdown } from '../../src/analysis/breakdown.ts';
import { parseSegmentedCsv, type SegmentedContest } from '../../src/analysis/segments.ts';
import { parseWhatIf, probeNonMonotonicity, whatIf } from '../../src/analysis/what-if.ts';
import { LABOUR_CSV } from './labour.ts';
import { segmentSwings } from '../../src/analysis/segment-swings.ts';
import { Rational } from '../../src/count/arithmetic.ts';

function election(): SegmentedContest {
  const parsed = parseSegmentedCsv(LABOUR_CSV, 'labour.csv');
  assert.ok(parsed.ok);
  return parsed.value;
}
const irv = { method: 'irv' } as const;

function outcome(spec: string): { winner: string | undefined; changes: boolean } {
  const e = election();
  const parsed = parseWhatIf(spec, e.columns);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  const result = whatIf(e, parsed.value, irv);
  assert.ok(result.ok);
  return { winner: e.contest.candidates[result.value.winners[0] ?? -1], changes: result.value.changesWinner };
}

test('what-if: registered supporters ×2 elect Abbott (24 > 23 after Jowell goes), members only keep Khan', () => {
  // ×2: Abbott 24, Khan 12, Jowell 10; Jowell out: Khan 22, Abbott 24 of 46, a majority.
  assert.deepEqual(outcome('class=registered*2'), { winner: 'Abbott', changes: true });
  // Members only: Khan 12, Jowell 10 of 22; 12 > 11.
  assert.deepEqual(outcome('class=member'), { winner: 'Khan', changes: false });
  assert.deepEqual(outcome('-class=registered'), { winner: 'Khan', changes: false });
});

test('what-if: without London, Jowell wins the North 10 to 9', () => {
  assert.deepEqual(outcome('region!=London'), { winner: 'Jowell', changes: true });
});

test('what-if specs that name no column or mix - with * are refused', () => {
  const e = election();
  assert.equal(parseWhatIf('nation=Wales', e.columns).ok, false);
  assert.equal(parseWhatIf('-class=member*2', e.columns).ok, false);
  assert.equal(parseWhatIf('class', e.columns).ok, false);
});

test('non-monotonicity probe: with two candidates, more first preferences never hurt', () => {
  const contest = { title: 'two', candidates: ['A', 'B'], withdrawn: [], seats: 1, ballots: [{ ranking: [0], weight: 6n }, { ranking: [1, 0], weight: 5n }] };
  const probe = probeNonMonotonicity(contest, irv);
  assert.ok(probe.ok);
  assert.equal(probe.value, undefined);
});

test('non-monotonicity probe finds the classic case: more first preferences make the winner lose', () => {
  // 30 × [A, B], 30 × [B, C], 25 × [C, A] (85). C is excluded, its ballots go to A: A 55, B 30. A wins.
  // Raise A on 8 [B, C] ballots (the probe tries 1, 2, 4, 8): A 38, B 22, C 25, so B is excluded and its
  // 22 go to C: C 47, A 38. C wins. (At 4: A 34, B 26, C 25; C goes, A 59 wins.)
  const contest = {
    title: 'monotonicity',
    candidates: ['A', 'B', 'C'],
    withdrawn: [],
    seats: 1,
    ballots: [
      { ranking: [0, 1], weight: 30n },
      { ranking: [1, 2], weight: 30n },
      { ranking: [2, 0], weight: 25n },
    ],
  };
  const probe = probeNonMonotonicity(contest, irv);
  assert.ok(probe.ok);
  assert.deepEqual(probe.value, { winner: 0, raised: 8n, winners: [2] });
});

test('breakdown by region: first preferences and final-round shares per region', () => {
  const e = election();
  const result = count(e.contest, irv);
  assert.ok(result.ok);
  const [abbott, khan, jowell] = ['Abbott', 'Khan', 'Jowell'].map((n) => e.contest.candidates.indexOf(n)) as [number, number, number];
  const byRegion = new Map(segmentBreakdown(e, 'region', result.value).map((r) => [r.segment, r]));
  const london = byRegion.get('London');
  const north = byRegion.get('North');
  assert.ok(london && north);
  assert.equal(london.ballots, 15n);
  assert.deepEqual([london.firstPreferences.get(khan), london.firstPreferences.get(abbott)], [12n, 3n]);
  // Final round (Khan v Abbott): North's [Jowell, Khan] ballots count for Khan.
  assert.deepEqual([north.finalRound?.get(khan), north.finalRound?.get(abbott), north.firstPreferences.get(jowell)], [10n, 9n, 10n]);
});

test('breakdown by ward hides W1 (3 ballots) so that no subtraction recovers it', () => {
  const e = election();
  const result = count(e.contest, irv);
  assert.ok(result.ok);
  const published = segmentBreakdown(e, 'ward', result.value);
  // W1 is under 10; the pool then takes W2 (12) so it holds 15 ballots of two wards; W3 (19) is shown.
  assert.deepEqual(published.map((r) => [r.segment, r.ballots]), [['W3', 19n], [undefined, 15n]]);
  // The attacker knows the total (34) and every published row: every group they can form by subtracting
  // published rows from the total is either empty or at least 10 ballots.
  for (let mask = 0; mask < 1 << published.length; mask++) {
    const left = published.reduce((s, r, i) => (mask & (1 << i) ? s - r.ballots : s), 34n);
    assert.ok(left === 0n || left >= 10n, `a group of ${left} ballots can be isolated`);
  }
});

test('a column whose every segment is small shows nothing', () => {
  const e = election();
  const tiny = { ...e, ballots: e.ballots.slice(12, 15) };
  const result = count(e.contest, irv);
  assert.ok(result.ok);
  assert.deepEqual(segmentBreakdown(tiny, 'ward', result.value), []);
});

test('swings by ward: W3 alone, and the pooled W1 + W2 (that is, London) as one group, never W1 alone', () => {
  const e = election();
  const swings = segmentSwings(e, 'ward', irv);
  assert.ok(swings.ok);
  assert.deepEqual(swings.value.map((s) => [s.segment, s.segments, s.swing.ballots]), [['W3', 1, 19n], [undefined, 2, 15n]]);
  // The pool is London: Khan 12f, Abbott 3f + 9, Jowell 10. At f = 5/6 Khan ties Jowell at 10 and lot
  // (sha256 "rollover:Khan" a847… before "rollover:Jowell" bf3c…) excludes Khan: Jowell 20, Abbott 11.5.
  const jowell = e.contest.candidates.indexOf('Jowell');
  const pool = swings.value[1]?.swing;
  assert.ok(pool);
  assert.deepEqual(pool.lower, { factor: Rational.of(5, 6), attained: true, winner: jowell });
  assert.equal(pool.raise, undefined, 'more London ballots only add to Khan (12) and Abbott (3) together');
});
