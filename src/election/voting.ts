/**
 * A voter's ballot paper: one ranking per contest, checked against the candidates on the ballot and the
 * contest's maximum number of ranks. Rankings are kept as positions on the ballot paper so that the store
 * holds nothing but the choices.
 */
import { err, ok, type Result } from '../result.ts';
import { invalid } from './types.ts';
import type { DomainError, Election } from './types.ts';

/** Ranked names per contest id, first preference first; an empty list abstains in that contest. */
export type Submission = Readonly<Record<string, readonly string[]>>;

export interface MarkedBallot {
  readonly contest: string;
  /** Positions on the contest's ballot paper, first preference first. */
  readonly ranking: readonly number[];
}

export function markBallots(e: Election, submission: Submission): Result<MarkedBallot[], DomainError> {
  for (const id of Object.keys(submission)) {
    if (!e.contests.some((c) => c.id === id)) return err(invalid(`there is no contest "${id}" on this ballot`));
  }
  const marked: MarkedBallot[] = [];
  for (const contest of e.contests) {
    const names = submission[contest.id] ?? [];
    const paper = contest.ballot ?? [];
    if (contest.maxRanks !== undefined && names.length > contest.maxRanks) {
      return err(invalid(`${contest.title}: at most ${contest.maxRanks} preferences, not ${names.length}`));
    }
    if (new Set(names).size !== names.length) return err(invalid(`${contest.title}: a candidate is ranked twice`));
    const ranking = names.map((n) => paper.indexOf(n));
    const bad = names.find((_, i) => ranking[i] === -1);
    if (bad !== undefined) return err(invalid(`${contest.title}: "${bad}" is not on the ballot`));
    if (ranking.length > 0) marked.push({ contest: contest.id, ranking });
  }
  if (marked.length === 0) return err(invalid('the ballot ranks no candidate in any contest'));
  return ok(marked);
}
