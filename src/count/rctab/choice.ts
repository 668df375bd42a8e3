/**
 * Where a ballot counts in a round: its highest-ranked continuing candidate, after RCTab's voter-error rules,
 * or the reason it has become inactive.
 *
 * Source: RCTab's user guide, "Voter Error Rules" (overvote rule, how many consecutive skipped ranks are
 * allowed, exhaust on multiple ranks for the same candidate), and its config documentation of
 * maxRankingsAllowed. A ballot is read rank by rank from the first: a gap of more skipped ranks than allowed
 * before a later mark makes it inactive ("skipped rankings"); an overvoted rank exhausts it, is skipped, or
 * (exhaust if multiple continuing) counts for its one continuing candidate; a candidate ranked again makes
 * it inactive when duplicates exhaust ("repeated rankings"); running out of ranks is "exhausted choices".
 */
import { OVERVOTE_LABEL, type RctabBallot, type RctabRules } from './rules.ts';

export type InactiveReason = 'overvotes' | 'skippedRankings' | 'exhaustedChoices' | 'repeatedRankings';

export type Choice = { readonly candidate: number } | { readonly inactive: InactiveReason };

export function chooseCandidate(ballot: RctabBallot, continuing: ReadonlySet<number>, rules: RctabRules, maxRankings: number): Choice {
  const seen = new Set<number>();
  let lastRank = 0;
  for (const { rank, candidates } of ballot.ranks) {
    if (rank > maxRankings) break;
    const skipped = rank - lastRank - 1;
    if (rules.maxSkippedRanksAllowed !== undefined && skipped > rules.maxSkippedRanksAllowed) return { inactive: 'skippedRankings' };
    lastRank = rank;
    if (candidates.length > 1 || candidates[0] === OVERVOTE_LABEL) {
      const outcome = overvote(candidates, continuing, rules);
      if (outcome !== undefined) return outcome;
      continue;
    }
    const c = candidates[0];
    if (c === undefined) continue;
    if (seen.has(c) && rules.exhaustOnDuplicateCandidate) return { inactive: 'repeatedRankings' };
    seen.add(c);
    if (continuing.has(c)) return { candidate: c };
  }
  return { inactive: 'exhaustedChoices' };
}

/** What an overvoted rank means; undefined: go on to the next rank. */
function overvote(candidates: readonly number[], continuing: ReadonlySet<number>, rules: RctabRules): Choice | undefined {
  switch (rules.overvoteRule) {
    case 'exhaustImmediately':
      return { inactive: 'overvotes' };
    case 'alwaysSkipToNextRank':
      return undefined;
    case 'exhaustIfMultipleContinuing': {
      const live = new Set(candidates.filter((c) => continuing.has(c)));
      if (live.size > 1) return { inactive: 'overvotes' };
      const [only] = live;
      return only === undefined ? undefined : { candidate: only };
    }
  }
}

/** A ballot with no mark at any rank read: RCTab's "undervote", counted apart from inactive ballots. */
export function isUndervote(ballot: RctabBallot, maxRankings: number): boolean {
  return !ballot.ranks.some((r) => r.rank <= maxRankings);
}
