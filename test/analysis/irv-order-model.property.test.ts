/**
 * The bounds of a suffix never exceed the changes that produce it. Each case changes k ≤ 3 random ballots
 * of a random small election to random rankings and recounts (continuing until two remain, so the whole
 * elimination order is known). Every suffix of that order is then reached by k changes, so the suffix's
 * integer program (with its outsider and ladder rows), its gap bound and the outsider bound must each be at most k,
 * and the changes themselves must meet the suffix's constraints (irv-order-check.ts). Under the lot and
 * under backwards tie-breaks, each with its own tie rows: the δ of outsider and ladder rows (the fallback's,
 * and under backwards strict where a member holds transferred ballots), the look back one round at a tie,
 * and for the whole order every tie traced back.
 * This is the property the branch and bound rests on: a bound above the truth would prune the margin.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Ballot, CandidateIndex, Contest } from '../../src/count/ballots.ts';
import { count } from '../../src/count/index.ts';
import type { TieBreakOptions } from '../../src/count/types.ts';
import { marginBallots } from '../../src/analysis/changeable.ts';
import { meetsSuffix } from '../../src/analysis/irv-order-check.ts';
import { ladderOrder } from '../../src/analysis/irv-ladder.ts';
import { buildOrderModel } from '../../src/analysis/irv-order-model.ts';
import { firstPreferences, outsiderBound, outsiderGaps, tieFallback } from '../../src/analysis/irv-outsider-bound.ts';
import { loadHighsSolver } from '../../src/analysis/mip.ts';
import type { BallotChange } from '../../src/analysis/witness.ts';
import { contests } from './random-contests.ts';

const solver = await loadHighsSolver();

const changes = fc.array(fc.record({ pick: fc.nat(), ranking: fc.shuffledSubarray([0, 1, 2, 3, 4]) }), { maxLength: 3 });

/** The contest with each change taking one ballot (the pick-th with any left) and casting `ranking`. */
function changed(contest: Contest, picks: readonly { pick: number; ranking: number[] }[]): { ballots: Ballot[]; k: bigint; made: BallotChange[] } {
  const left = contest.ballots.map((b) => ({ ...b }));
  const added: Ballot[] = [];
  const made: BallotChange[] = [];
  for (const { pick, ranking } of picks) {
    const from = left.filter((b) => b.weight > 0n)[pick % left.length];
    if (from === undefined) continue;
    from.weight -= 1n;
    const to = ranking.filter((c) => c < contest.candidates.length);
    added.push({ ranking: to, weight: 1n });
    made.push({ from: from.ranking, to, count: 1n });
  }
  return { ballots: [...left.filter((b) => b.weight > 0n), ...added], k: BigInt(made.length), made };
}

/** The full elimination order of a count continued until two remain: exclusions, then loser, winner. */
function eliminationOrder(contest: Contest, tieBreak: TieBreakOptions): CandidateIndex[] {
  const result = count(contest, { method: 'irv', continueUntilTwo: true, tieBreak });
  if (!result.ok) throw new Error(result.error);
  const excluded = result.value.rounds.flatMap((r) => r.excluded);
  const winner = result.value.winners[0] as CandidateIndex;
  const last = [...(result.value.rounds.at(-1)?.tally.keys() ?? [])].filter((c) => c !== winner);
  return [...excluded, ...last, winner];
}

function checkSuffixBounds(tieBreak: TieBreakOptions, runs: number): void {
  fc.assert(
    fc.property(contests, changes, (contest, picks) => {
      const { ballots, k, made } = changed(contest, picks);
      const order = eliminationOrder({ ...contest, ballots }, tieBreak);
      const original = marginBallots(contest);
      const fp = firstPreferences(original, contest.candidates.length);
      const fallback = tieFallback(contest.candidates, tieBreak);
      // Changes of fewer than k + 1 ballots are what the rows must admit.
      const history = tieBreak.mode === 'lot' ? {} : { transfersFrom: k + 1n };
      const ties = { fallback, lookback: tieBreak.mode === 'backwards', ...history };
      for (let start = order.length - 2; start >= 0; start--) {
        const suffix = order.slice(start);
        assert.ok(meetsSuffix({ ...contest, ballots: original }, made, suffix, ties), `the changes do not meet [${suffix.join()}]`);
        const gaps = outsiderGaps(original, suffix, fp, ties);
        assert.ok(outsiderBound(gaps) <= k, `outsider bound of [${suffix.join()}] above ${k}`);
        const model = buildOrderModel(original, suffix, () => 0, gaps, ladderOrder(suffix, fp), ties);
        assert.ok(model.gapBound <= k, `gap bound of [${suffix.join()}] above ${k}`);
        const relaxed = solver(model.relaxation);
        assert.equal(relaxed.status, 'optimal');
        if (relaxed.status === 'optimal') assert.ok(relaxed.bound <= k, `relaxation of [${suffix.join()}] bounds ${relaxed.bound}, above ${k}`);
        const solved = solver(model.lp);
        assert.equal(solved.status, 'optimal');
        if (solved.status !== 'optimal') return;
        const cost = model.groups.reduce((s, _, i) => s + (solved.values.get(`m${i}`) ?? 0n), 0n);
        assert.ok(cost <= k, `integer program of [${suffix.join()}] costs ${cost}, above the ${k} changes that reach it`);
      }
      // The whole order, with every backwards tie traced to its first round, is reached by the same changes.
      if (tieBreak.mode === 'backwards') {
        const exact = buildOrderModel(original, order, () => 0, [], [], { ...ties, backwardsBelow: k + 1n });
        const solved = solver(exact.lp);
        assert.equal(solved.status, 'optimal', `the changes do not meet the traced ties of [${order.join()}]`);
        const cost = solved.status === 'optimal' ? exact.groups.reduce((s, _, i) => s + (solved.values.get(`m${i}`) ?? 0n), 0n) : -1n;
        assert.ok(cost <= k, `traced ties of [${order.join()}] cost ${cost}, above ${k}`);
      }
    }),
    { numRuns: runs, seed: 2019 },
  );
}

test('suffix bounds (integer program and its relaxation, gap bound, outsider bound) never exceed the changes made, under the lot', () => {
  checkSuffixBounds({ mode: 'lot', seed: 'rollover' }, 300);
});

test('the same under backwards tie-breaks, whose ties look back a round', () => {
  checkSuffixBounds({ mode: 'backwards', seed: 'rollover' }, 300);
});
