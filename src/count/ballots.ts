/**
 * The in-memory ballot model shared by every parser and every rule.
 *
 * Candidates are numbered 0..n-1 in the order the source file lists them. A ballot is a ranking of
 * candidate numbers with a weight: identical rankings are grouped into one entry whose weight is how many
 * ballots it stands for (real elections compress 10-1000x). Every rule gives the same result grouped or
 * not, which the property tests check.
 */
export type CandidateIndex = number;

export interface Ballot {
  /** Candidates in order of preference, first preference first. */
  readonly ranking: readonly CandidateIndex[];
  /** How many identical ballots this entry stands for (a positive whole number). */
  readonly weight: bigint;
  /**
   * Positions i (≥ 1) where ranking[i] is ranked equal to ranking[i-1] (BLT `=`). Absent on the usual
   * ballot with one candidate per rank; rules that do not allow equal rankings refuse such ballots.
   */
  readonly tiedWithPrevious?: readonly number[];
}

export interface Contest {
  readonly title: string;
  readonly candidates: readonly string[];
  /** Candidates withdrawn before the count (BLT negative ids): skipped on every ballot, never elected. */
  readonly withdrawn: readonly CandidateIndex[];
  readonly seats: number;
  readonly ballots: readonly Ballot[];
  /**
   * Every candidate once, in an order declared with the ballots for breaking ties (BLT `[tie …]`, Droop's
   * dialect): a lot drawn before the count. A tie that earlier rounds cannot break goes to the earliest
   * tied candidate in this order, as Droop's rules do, instead of the seeded lot (see tiebreak.ts).
   */
  readonly tieOrder?: readonly CandidateIndex[];
}

/** Merges ballots with identical rankings into one weighted entry, keeping the order of first appearance. */
export function groupBallots(ballots: Iterable<Ballot>): Ballot[] {
  const byKey = new Map<string, { ranking: readonly number[]; weight: bigint; tied?: readonly number[] }>();
  for (const b of ballots) {
    const key = ballotKey(b);
    const seen = byKey.get(key);
    if (seen) seen.weight += b.weight;
    else byKey.set(key, { ranking: b.ranking, weight: b.weight, ...(b.tiedWithPrevious ? { tied: b.tiedWithPrevious } : {}) });
  }
  return [...byKey.values()].map((g) => ({
    ranking: g.ranking,
    weight: g.weight,
    ...(g.tied && g.tied.length > 0 ? { tiedWithPrevious: g.tied } : {}),
  }));
}

function ballotKey(b: Ballot): string {
  const tied = b.tiedWithPrevious;
  return tied && tied.length > 0 ? `${b.ranking.join(',')}=${tied.join(',')}` : b.ranking.join(',');
}

/** Total number of ballots (sum of weights). */
export function totalWeight(ballots: readonly Ballot[]): bigint {
  let total = 0n;
  for (const b of ballots) total += b.weight;
  return total;
}

/** The ranking with withdrawn candidates removed, as rules see it. */
export function withoutWithdrawn(contest: Contest): Contest {
  if (contest.withdrawn.length === 0) return contest;
  const gone = new Set(contest.withdrawn);
  const ballots = contest.ballots.map((b) => dropCandidates(b, gone));
  return { ...contest, ballots };
}

function dropCandidates(b: Ballot, gone: ReadonlySet<number>): Ballot {
  if (!b.ranking.some((c) => gone.has(c))) return b;
  const ranks = rankGroups(b)
    .map((group) => group.filter((c) => !gone.has(c)))
    .filter((group) => group.length > 0);
  return fromRankGroups(ranks, b.weight);
}

/** The ranking as a list of ranks, each rank the candidates ranked equal there (usually one). */
export function rankGroups(b: Ballot): CandidateIndex[][] {
  const tied = new Set(b.tiedWithPrevious ?? []);
  const ranks: CandidateIndex[][] = [];
  b.ranking.forEach((c, i) => {
    const last = ranks[ranks.length - 1];
    if (tied.has(i) && last) last.push(c);
    else ranks.push([c]);
  });
  return ranks;
}

/** Builds a ballot from ranks of equal candidates (the inverse of rankGroups). */
export function fromRankGroups(ranks: readonly (readonly CandidateIndex[])[], weight: bigint): Ballot {
  const ranking: CandidateIndex[] = [];
  const tied: number[] = [];
  for (const group of ranks) {
    group.forEach((c, j) => {
      if (j > 0) tied.push(ranking.length);
      ranking.push(c);
    });
  }
  return { ranking, weight, ...(tied.length > 0 ? { tiedWithPrevious: tied } : {}) };
}
