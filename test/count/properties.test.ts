// Properties every registered rule must have, checked with fast-check over random small contests. The
// rules come from listRules(), so a rule registered later is covered without touching this file.
//
// Each rule's property runs in a child process (this file, told which by ROLLOVER_PROPERTY) with a time
// limit: a rule that never finishes on some contest fails its test, naming the contest, instead of
// hanging the whole suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

/**
 * Random contests: 2-6 candidates, some withdrawn (at least two left standing), 1-25 weighted ballots, and
 * half of them a declared tie order (BLT [tie]).
 */
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
      tieOrder: fc.option(fc.shuffledSubarray(range(n), { minLength: n }), { nil: undefined }),
    }).map(({ withdrawn, ballots, tieOrder }) => ({
      title: 'generated',
      candidates: range(n).map((i) => `Candidate ${String.fromCharCode(65 + i)}`),
      withdrawn,
      seats: 1,
      ballots: groupBallots(ballots),
      ...(tieOrder ? { tieOrder } : {}),
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

/** The contest and options as one line, for naming the case a rule got stuck on. */
function describeCase(c: Case): string {
  return JSON.stringify({ ...c, contest: { ...c.contest, ballots: c.contest.ballots.map((b) => [b.ranking, String(b.weight)]) } });
}

/** Counts, first saying on stdout which case, so that the parent can name it if the count never ends. */
function runAnnounced(c: Case): CountResult {
  process.stdout.write(`${describeCase(c)}\n`);
  return run(c);
}

const PROPERTIES: Record<string, { readonly title: string; readonly check: (rule: Rule) => void }> = {
  conservation: {
    title: 'every round conserves votes (tally + exhausted + loss = valid votes, exactly)',
    check: (rule) =>
      fc.assert(
        fc.property(caseArb(rule), (c) => {
          const r = runAnnounced(c);
          for (const round of r.rounds) {
            let total = round.exhausted.add(round.loss);
            for (const v of round.tally.values()) total = total.add(v);
            assert.equal(total.toString(), r.validVotes.toString(), `round ${round.round}`);
          }
        }),
        RUNS,
      ),
  },
  grouping: {
    title: 'grouped ballots count the same as the same ballots one by one',
    check: (rule) =>
      fc.assert(
        fc.property(caseArb(rule), (c) => {
          const single: Ballot[] = c.contest.ballots.flatMap((b) => Array.from({ length: Number(b.weight) }, () => ({ ranking: b.ranking, weight: 1n })));
          const ungrouped = runAnnounced({ ...c, contest: { ...c.contest, ballots: single } });
          assert.deepEqual(decisions(ungrouped), decisions(runAnnounced(c)));
        }),
        RUNS,
      ),
  },
  relabelling: {
    title: 'relabelling candidates gives the same winners unless a lot was drawn',
    check: (rule) => {
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
            // The tie order follows the candidates, so a tie it breaks is broken the same way.
            ...(c.contest.tieOrder ? { tieOrder: c.contest.tieOrder.map(to) } : {}),
          };
          const before = runAnnounced(c);
          const after = runAnnounced({ ...c, contest: relabelled });
          const byLot = (r: CountResult): boolean => r.rounds.some((round) => (round.tieBreaks ?? []).some((t) => t.how === 'lot'));
          fc.pre(!byLot(before) && !byLot(after));
          const winners = (r: CountResult): string[] => r.winners.map((w) => r.candidates[w] ?? '?').sort();
          assert.deepEqual(winners(after), winners(before));
        }),
        RUNS,
      );
    },
  },
  determinism: {
    title: 'the same input gives the same count',
    check: (rule) =>
      fc.assert(
        fc.property(caseArb(rule), (c) => {
          assert.deepEqual(runAnnounced(c), run(c));
        }),
        { numRuns: 50 },
      ),
  },
};

const TIME_LIMIT_MS = 60_000;
const ONE_PROPERTY = process.env.ROLLOVER_PROPERTY;

if (ONE_PROPERTY !== undefined) {
  // Child process: check one property of one rule; a failure exits non-zero with fast-check's report.
  const [method, name, property] = ONE_PROPERTY.split('/');
  const rule = listRules().find((r) => r.method === method && r.name === name);
  const check = PROPERTIES[property ?? '']?.check;
  if (!rule || !check) throw new Error(`no such rule or property: ${ONE_PROPERTY}`);
  check(rule);
} else {
  for (const rule of listRules()) {
    for (const [key, property] of Object.entries(PROPERTIES)) {
      const label = `${rule.method}/${rule.name}`;
      test(`${label}: ${property.title}`, () => {
        const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
          env: { ...process.env, ROLLOVER_PROPERTY: `${label}/${key}` },
          encoding: 'utf8',
          timeout: TIME_LIMIT_MS,
          maxBuffer: 256 * 1024 * 1024,
        });
        const lastCase = child.stdout.trimEnd().split('\n').pop() ?? '';
        if (child.error !== undefined || child.signal !== null) {
          assert.fail(`${label} did not finish within ${TIME_LIMIT_MS / 1000} s; the case it was counting: ${lastCase}`);
        }
        assert.equal(child.status, 0, child.stderr);
      });
    }
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

  test('IRV: batch elimination and continue-until-two never change the winner (when no tie was broken)', () => {
    // RCTab's guide: batch elimination "will not impact who wins the election". A batch could never
    // overtake the next candidate, so one-by-one exclusion removes the same group first; and a majority
    // holder is never the lowest, so continuing past the majority elects the same candidate.
    const noTies = (r: CountResult): boolean => r.rounds.every((round) => (round.tieBreaks ?? []).length === 0);
    fc.assert(
      fc.property(contestArb(2, 8), (contest) => {
        const plain = run({ contest, options: { method: 'irv' } });
        const batch = run({ contest, options: { method: 'irv', batchElimination: true } });
        const untilTwo = run({ contest, options: { method: 'irv', continueUntilTwo: true } });
        fc.pre(noTies(plain) && noTies(batch) && noTies(untilTwo));
        assert.deepEqual(batch.winners, plain.winners);
        assert.deepEqual(untilTwo.winners, plain.winners);
      }),
      { numRuns: 300 },
    );
  });
}
