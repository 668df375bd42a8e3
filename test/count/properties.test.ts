// Properties every registered rule must have, checked with fast-check over random small contests. The
// rules come from listRules(), so a rule registered later is covered without touching this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Ballot, Contest } from '../../src/count/ballots.ts';
import { groupBallots } from '../../src/count/ballots.ts';
import { count, listRules, type CountOptions, type Rule } from '../../src/count/index.ts';
import type { CountResult, TieBreakMode } from '../../src/count/types.ts';

interface Case {
  readonly contest: Contest;
  readonly options: CountOptions;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Random contests: 2-6 candidates, some withdrawn (at least two left standing), 1-25 weighted ballots. */
function contestArb(minCandidates = 2, maxCandidates = 6): fc.Arbitrary<Contest> {
  return fc.integer({ min: minCandidates, max: maxCandidates }).chain((n) =>
    fc.record({
      withdrawn: fc.subarray(range(n), { maxLength: n - 2 }),
      ballots: fc.array(
        fc.record({
          ranking: fc.shuffledSubarray(range(n), { minLength: 1 }),
          weight: fc.bigInt({ min: 1n, max: 5n }),
        }),
        { minLength: 1, maxLength: 25 },
      ),
    }).map(({ withdrawn, ballots }) => ({
      title: 'generated',
      candidates: range(n).map((i) => `Candidate ${String.fromCharCode(65 + i)}`),
      withdrawn,
      seats: 1,
      ballots: groupBallots(ballots),
    })),
  );
}

function caseArb(rule: Rule): fc.Arbitrary<Case> {
  return contestArb().chain((contest) => {
    const standing = contest.candidates.length - contest.withdrawn.length;
    return fc
      .record({
        seats: rule.method === 'irv' ? fc.constant(1) : fc.integer({ min: 1, max: Math.max(1, standing - 1) }),
        mode: fc.constantFrom<TieBreakMode>('backwards', 'forwards', 'lot'),
        batchElimination: fc.boolean(),
        continueUntilTwo: fc.boolean(),
      })
      .map(({ seats, mode, batchElimination, continueUntilTwo }) => ({
        contest,
        options: {
          method: rule.method,
          rules: rule.name,
          seats,
          tieBreak: { mode, seed: 'properties' },
          ...(rule.method === 'irv' ? { batchElimination, continueUntilTwo } : {}),
        },
      }));
  });
}

function run(c: Case): CountResult {
  const result = count(c.contest, c.options);
  if (!result.ok) throw new Error(`count refused a valid contest: ${result.error}`);
  return result.value;
}

/** What a count decided, in comparable form: every round's figures as text, and the winners. */
function decisions(r: CountResult): object {
  return {
    winners: r.winners,
    rounds: r.rounds.map((round) => ({
      tally: [...round.tally].map(([c, v]) => [c, v.toString()]),
      exhausted: round.exhausted.toString(),
      loss: round.loss.toString(),
      elected: round.elected,
      excluded: round.excluded,
    })),
  };
}

const RUNS = { numRuns: 150 };

for (const rule of listRules()) {
  const label = `${rule.method}/${rule.name}`;

  test(`${label}: every round conserves votes (tally + exhausted + loss = valid votes, exactly)`, () => {
    fc.assert(
      fc.property(caseArb(rule), (c) => {
        const r = run(c);
        for (const round of r.rounds) {
          let total = round.exhausted.add(round.loss);
          for (const v of round.tally.values()) total = total.add(v);
          assert.equal(total.toString(), r.validVotes.toString(), `round ${round.round}`);
        }
      }),
      RUNS,
    );
  });

  test(`${label}: grouped ballots count the same as the same ballots one by one`, () => {
    fc.assert(
      fc.property(caseArb(rule), (c) => {
        const single: Ballot[] = c.contest.ballots.flatMap((b) => Array.from({ length: Number(b.weight) }, () => ({ ranking: b.ranking, weight: 1n })));
        const ungrouped = run({ ...c, contest: { ...c.contest, ballots: single } });
        assert.deepEqual(decisions(ungrouped), decisions(run(c)));
      }),
      RUNS,
    );
  });

  test(`${label}: relabelling candidates gives the same winners unless a lot was drawn`, () => {
    const arb = caseArb(rule).chain((c) =>
      fc.shuffledSubarray(range(c.contest.candidates.length), { minLength: c.contest.candidates.length }).map((perm) => ({ c, perm })),
    );
    fc.assert(
      fc.property(arb, ({ c, perm }) => {
        const to = (i: number): number => perm[i] ?? -1;
        const names = [...c.contest.candidates];
        c.contest.candidates.forEach((name, i) => (names[to(i)] = name));
        const relabelled: Contest = {
          ...c.contest,
          candidates: names,
          withdrawn: c.contest.withdrawn.map(to),
          ballots: c.contest.ballots.map((b) => ({ ranking: b.ranking.map(to), weight: b.weight })),
        };
        const before = run(c);
        const after = run({ ...c, contest: relabelled });
        const byLot = (r: CountResult): boolean => r.rounds.some((round) => (round.tieBreaks ?? []).some((t) => t.how === 'lot'));
        fc.pre(!byLot(before) && !byLot(after));
        const winners = (r: CountResult): string[] => r.winners.map((w) => r.candidates[w] ?? '?').sort();
        assert.deepEqual(winners(after), winners(before));
      }),
      RUNS,
    );
  });

  test(`${label}: the same input gives the same count`, () => {
    fc.assert(
      fc.property(caseArb(rule), (c) => {
        assert.deepEqual(run(c), run(c));
      }),
      { numRuns: 50 },
    );
  });
}

test('two-candidate IRV is plurality: the one with more first preferences wins', () => {
  const twoCandidates = contestArb(2, 2).map((c) => ({ ...c, withdrawn: [] }));
  fc.assert(
    fc.property(twoCandidates, (contest) => {
      const first = [0n, 0n];
      for (const b of contest.ballots) {
        const top = b.ranking[0] ?? 0;
        first[top] = (first[top] ?? 0n) + b.weight;
      }
      const [a = 0n, b = 0n] = first;
      fc.pre(a !== b);
      const r = run({ contest, options: { method: 'irv' } });
      assert.deepEqual(r.winners, [a > b ? 0 : 1]);
      assert.equal(r.rounds.length, 1);
    }),
    { numRuns: 300 },
  );
});
