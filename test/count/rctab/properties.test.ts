// Properties of RCTab's tabulation over random small contests (fast-check): grouping identical ballots
// never changes a count, and every round accounts for every ballot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Decimal } from '../../../src/count/rctab/decimal.ts';
import type { RctabCount } from '../../../src/count/rctab/round.ts';
import type { RctabBallot, RctabCandidate, RctabRules, WinnerElectionMode } from '../../../src/count/rctab/rules.ts';
import { tabulate } from '../../../src/count/rctab/tabulator.ts';
import { PLAIN_RULES } from './plain-rules.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

interface Case {
  readonly candidates: RctabCandidate[];
  readonly ballots: RctabBallot[];
  readonly rules: RctabRules;
}

const MODES: readonly WinnerElectionMode[] = [
  'singleWinnerMajority',
  'multiWinnerAllowOnlyOneWinnerPerRound',
  'multiWinnerAllowMultipleWinnersPerRound',
  'bottomsUp',
  'multiPassIrv',
];

/** 3-6 candidates; 1-20 ballot groups ranking up to four candidates, with skips and overvotes. */
const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 3, max: 6 }).chain((n) =>
  fc.record({
    mode: fc.constantFrom(...MODES),
    seats: fc.integer({ min: 2, max: n - 1 }),
    overvoteRule: fc.constantFrom('alwaysSkipToNextRank' as const, 'exhaustImmediately' as const, 'exhaustIfMultipleContinuing' as const),
    tiebreakMode: fc.constantFrom('useCandidateOrder' as const, 'random' as const, 'previousRoundCountsThenRandom' as const),
    batchElimination: fc.boolean(),
    ballots: fc.array(
      fc.record({
        ranks: fc.array(fc.option(fc.subarray(range(n), { minLength: 1, maxLength: 2 }), { nil: undefined }), { minLength: 1, maxLength: 4 }),
        weight: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 1, maxLength: 20 },
    ),
  }).map(({ mode, seats, overvoteRule, tiebreakMode, batchElimination, ballots }) => {
    const single = mode === 'singleWinnerMajority';
    const rules: RctabRules = {
      ...PLAIN_RULES,
      winnerElectionMode: mode,
      numberOfWinners: single ? 1 : seats,
      tiebreakMode,
      randomSeed: 7n,
      overvoteRule,
      maxSkippedRanksAllowed: 1,
      batchElimination: single && batchElimination,
    };
    return {
      candidates: range(n).map((i) => ({ name: `Candidate ${String.fromCharCode(65 + i)}`, excluded: false })),
      ballots: ballots.map((b) => ({
        weight: BigInt(b.weight),
        ranks: b.ranks.flatMap((cands, i) => (cands === undefined ? [] : [{ rank: i + 1, candidates: cands }])),
      })),
      rules,
    };
  }),
);

function counts(c: Case): RctabCount[] {
  const result = tabulate(c.candidates, c.ballots, c.rules);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** Every round's numbers as text, so that scales count too. */
function fingerprint(passes: readonly RctabCount[]): string {
  return JSON.stringify(
    passes.map((p) => ({
      winners: p.winners,
      rounds: p.rounds.map((r) => ({
        tally: [...r.tally].map(([c, v]) => [c, v.toString()]),
        threshold: r.threshold.toString(),
        inactive: Object.values(r.inactive).map((v) => v.toString()),
        results: r.results.map((t) => [t.kind, t.candidate, [...t.transfers].map(([k, v]) => [k, v.toString()]), t.residual?.toString()]),
      })),
    })),
  );
}

test('grouping identical ballots never changes the count (every round, every figure, every scale)', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const ungrouped = c.ballots.flatMap((b) => Array.from({ length: Number(b.weight) }, () => ({ ...b, weight: 1n })));
      assert.equal(fingerprint(counts(c)), fingerprint(counts({ ...c, ballots: ungrouped })));
    }),
    { numRuns: 150 },
  );
});

test('every round accounts for every ballot: tally + inactive + residual + final surplus = ballots cast', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      for (const pass of counts(c)) {
        const counted = Decimal.int(pass.totalBallots - pass.undervotes);
        for (const r of pass.rounds) {
          let total = r.residualSurplus.add(r.finalRoundSurplus ?? Decimal.ZERO);
          for (const v of r.tally.values()) total = total.add(v);
          for (const v of Object.values(r.inactive)) total = total.add(v);
          assert.equal(total.cmp(counted), 0, `round ${r.round}: ${total.toString()} of ${counted.toString()}`);
        }
      }
    }),
    { numRuns: 150 },
  );
});
