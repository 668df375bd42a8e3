// Set-ups shared by the hand-worked count tests: contests written as papers, counts that must succeed,
// rules called directly with plain options, and the names and rounds the assertions read.
import assert from 'node:assert/strict';
import type { Ballot, CandidateIndex, Contest } from '../../src/count/ballots.ts';
import { count, type CountOptions, type RuleOptions } from '../../src/count/index.ts';
import { DEFAULT_TIEBREAK, type CountResult, type Round, type TieBreakOptions } from '../../src/count/types.ts';

/** A contest from lines like [7, 'A', 'B']: 7 papers ranking A then B. A name not among `names` is a mistake in the test. */
export function paperContest(names: string[], seats: number, papers: readonly [number, ...string[]][]): Contest {
  const index = (name: string): CandidateIndex => {
    const c = names.indexOf(name);
    if (c < 0) throw new Error(`a paper ranks "${name}", who is not among the candidates`);
    return c;
  };
  return handContest(names, seats, papers.map(([n, ...ranking]) => ({ ranking: ranking.map(index), weight: BigInt(n) })));
}

/** A contest of ballots written as candidate numbers, nobody withdrawn. */
export function handContest(candidates: string[], seats: number, ballots: Ballot[]): Contest {
  return { title: 'hand-worked', candidates, withdrawn: [], seats, ballots };
}

/** Counts through the engine's front door; a refusal fails the test. */
export function counted(contest: Contest, options: CountOptions): CountResult {
  const result = count(contest, options);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** What a rule called directly gets: the contest's seats, ties backwards then lot, no IRV options. */
export function ruleOptions(contest: Contest, tieBreak: TieBreakOptions = DEFAULT_TIEBREAK): RuleOptions {
  return { seats: contest.seats, tieBreak, batchElimination: false, continueUntilTwo: false };
}

/** Round n (from 1), which the count must have. */
export function roundOf(r: CountResult, n: number): Round {
  const found = r.rounds[n - 1];
  assert.ok(found, `round ${n}`);
  return found;
}

/** Candidate numbers as the count's names. */
export const names = (r: CountResult, cs: readonly CandidateIndex[] | undefined): string[] => (cs ?? []).map((c) => r.candidates[c] ?? '?');
