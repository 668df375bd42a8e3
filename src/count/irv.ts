/**
 * Instant-runoff voting: one seat, won by a majority of the continuing votes.
 *
 * Each round every continuing candidate's votes are tallied. A candidate with more than half of the
 * round's continuing (non-exhausted) votes wins; otherwise the lowest candidate is excluded (ties broken
 * by tiebreak.ts) and each of their ballots moves to its next continuing preference, or is exhausted.
 *
 * Options, as RCTab names and documents them (RCTab v1.3.2 Section 18, User Guide, "Winning Rules"):
 * - batch elimination: "simultaneous elimination of all candidates for whom it is mathematically
 *   impossible to be elected". Precisely: order the continuing candidates by votes, lowest first,
 *   v1 ≤ v2 ≤ … ≤ vn; exclude at once the lowest k for the largest k ≤ n − 2 with v1 + … + vk < v(k+1).
 *   Such a group could not overtake the next candidate even with every vote among them, so excluding it
 *   one by one would reach the same place. Since v1 + … + vk ≥ vk, the group never splits a tie.
 * - continue until two remain: keep excluding the lowest after someone has a majority, until two
 *   candidates remain; the higher of them wins. A majority holder is never the lowest, so the winner is
 *   the same; only the final round differs (jurisdictions that report a final two-candidate round).
 *
 * The count keeps, for each ballot, a pointer to its current preference and, for each candidate, the
 * ballots sitting with them; an exclusion moves only the excluded candidates' ballots. The work is the
 * sum of the transfers, not a recount per round. Tallies are bigints (ballot weights are whole numbers).
 */
import { Rational } from './arithmetic.ts';
import type { Ballot, CandidateIndex, Contest } from './ballots.ts';
import type { Rule, RuleOptions } from './index.ts';
import { breakTie, type RoundTallies } from './tiebreak.ts';
import type { CountResult, Round, TieBreakOptions, TieBreakRecord, Transfer } from './types.ts';

/** The ballots that moved when candidates were excluded: votes received by each, and votes exhausted. */
export interface PileTransfer {
  readonly to: ReadonlyMap<CandidateIndex, bigint>;
  readonly exhausted: bigint;
}

/**
 * Ballots sorted into piles, one per continuing candidate, each ballot at its highest continuing
 * preference. Shared by IRV and the electoral college (one set of piles per section).
 */
export class BallotPiles {
  private readonly rankings: readonly (readonly CandidateIndex[])[];
  private readonly weights: readonly bigint[];
  /** For each ballot, the index in its ranking of the preference it now counts for. */
  private readonly position: Int32Array;
  /** For each candidate, the indices of the ballots sitting with them. */
  private readonly piles: number[][];
  /** 1 while the candidate is in the count, 0 once excluded or withdrawn. */
  private readonly continuing: Uint8Array;
  private readonly votes: bigint[];
  private exhaustedVotes = 0n;

  /** `out` are candidates not in the count from the start (withdrawn): ballots skip them. */
  constructor(ballots: readonly Ballot[], candidateCount: number, out: Iterable<CandidateIndex>) {
    this.rankings = ballots.map((b) => b.ranking);
    this.weights = ballots.map((b) => b.weight);
    this.position = new Int32Array(ballots.length);
    this.piles = Array.from({ length: candidateCount }, () => []);
    this.continuing = new Uint8Array(candidateCount).fill(1);
    this.votes = new Array<bigint>(candidateCount).fill(0n);
    for (const c of out) this.continuing[c] = 0;
    for (let i = 0; i < ballots.length; i++) {
      const c = this.settle(i, 0);
      if (c === undefined) this.exhaustedVotes += this.weight(i);
      else {
        (this.piles[c] as number[]).push(i);
        this.votes[c] = (this.votes[c] ?? 0n) + this.weight(i);
      }
    }
  }

  /** Continuing candidates, in candidate order. */
  standing(): CandidateIndex[] {
    const out: CandidateIndex[] = [];
    this.continuing.forEach((on, c) => {
      if (on === 1) out.push(c);
    });
    return out;
  }

  votesOf(c: CandidateIndex): bigint {
    return this.votes[c] ?? 0n;
  }

  /** Votes with no continuing preference, since the start. */
  exhausted(): bigint {
    return this.exhaustedVotes;
  }

  /**
   * Excludes candidates together and moves each of their ballots to its next continuing preference.
   * All are marked excluded first, so no ballot moves from one excluded candidate to another.
   */
  exclude(candidates: readonly CandidateIndex[]): PileTransfer {
    for (const c of candidates) this.continuing[c] = 0;
    // Per-candidate sums in an array, not a Map: this loop runs once per moved ballot.
    const received = new Array<bigint>(this.votes.length).fill(0n);
    let exhausted = 0n;
    for (const from of candidates) {
      for (const i of this.piles[from] ?? []) {
        const next = this.settle(i, (this.position[i] ?? 0) + 1);
        if (next === undefined) exhausted += this.weight(i);
        else {
          (this.piles[next] as number[]).push(i);
          received[next] = (received[next] ?? 0n) + this.weight(i);
        }
      }
      this.piles[from] = [];
      this.votes[from] = 0n;
    }
    this.exhaustedVotes += exhausted;
    const to = new Map<CandidateIndex, bigint>();
    received.forEach((v, c) => {
      if (v === 0n) return;
      to.set(c, v);
      this.votes[c] = (this.votes[c] ?? 0n) + v;
    });
    return { to, exhausted };
  }

  private weight(i: number): bigint {
    return this.weights[i] ?? 0n;
  }

  /** Moves ballot i's pointer from `start` to its first continuing preference; undefined if none. */
  private settle(i: number, start: number): CandidateIndex | undefined {
    const ranking = this.rankings[i] ?? [];
    for (let p = start; p < ranking.length; p++) {
      const c = ranking[p] as CandidateIndex;
      const on = this.continuing[c];
      if (on === undefined) throw new RangeError(`ballot ${i} ranks candidate ${c}, who does not exist`);
      if (on === 1) {
        this.position[i] = p;
        return c;
      }
    }
    return undefined;
  }
}

/** Who is excluded at the end of a round, and the ties broken to decide it. */
export interface Exclusion {
  readonly excluded: readonly CandidateIndex[];
  readonly tieBreaks: readonly TieBreakRecord[];
  readonly note?: string;
}

/** How candidate scores compare: bigints for IRV, rationals for the college. */
export interface Scores<V> {
  readonly of: (c: CandidateIndex) => V;
  readonly cmp: (a: V, b: V) => number;
}

/**
 * The lowest candidate, ties broken "lowest" over the earlier rounds' tallies. `standing` holds at
 * least two candidates.
 */
export function lowestCandidate<V>(
  standing: readonly CandidateIndex[],
  scores: Scores<V>,
  history: readonly RoundTallies[],
  names: readonly string[],
  tieBreak: TieBreakOptions,
): Exclusion {
  let lowest: CandidateIndex[] = [];
  for (const c of standing) {
    const first = lowest[0];
    const d = first === undefined ? -1 : scores.cmp(scores.of(c), scores.of(first));
    if (d < 0) lowest = [c];
    else if (d === 0) lowest.push(c);
  }
  if (lowest.length === 1) return { excluded: lowest, tieBreaks: [] };
  const record = breakTie(lowest, 'lowest', history, names, tieBreak);
  return { excluded: [record.chosen], tieBreaks: [record] };
}

/**
 * RCTab's batch elimination (see the header): the largest group of lowest candidates whose combined
 * votes are less than the next candidate's, leaving at least two. Undefined when the group would hold
 * fewer than two candidates, and a single exclusion (with its tie-break) applies instead.
 */
export function batchExclusion(standing: readonly CandidateIndex[], votesOf: (c: CandidateIndex) => bigint): Exclusion | undefined {
  const order = [...standing].sort((a, b) => {
    const va = votesOf(a);
    const vb = votesOf(b);
    return va < vb ? -1 : va > vb ? 1 : a - b;
  });
  let running = 0n;
  let size = 0;
  let sizeTotal = 0n;
  let nextVotes = 0n;
  for (let k = 1; k <= order.length - 2; k++) {
    running += votesOf(order[k - 1] as CandidateIndex);
    const next = votesOf(order[k] as CandidateIndex);
    if (running < next) [size, sizeTotal, nextVotes] = [k, running, next];
  }
  if (size < 2) return undefined;
  const excluded = order.slice(0, size).sort((a, b) => a - b);
  return { excluded, tieBreaks: [], note: `batch elimination: combined votes ${sizeTotal} < next-highest ${nextVotes}` };
}

/** Counts a single-seat contest by IRV. Equal rankings are refused by the registry before this runs. */
export function countIrv(contest: Contest, options: RuleOptions): CountResult {
  const piles = new BallotPiles(contest.ballots, contest.candidates.length, contest.withdrawn);
  // Every ballot is a valid vote; one ranking no standing candidate is exhausted from round 1.
  const validVotes = piles.exhausted() + piles.standing().reduce((s, c) => s + piles.votesOf(c), 0n);
  const rounds: Round[] = [];
  for (;;) {
    const round = countRound(piles, rounds, contest.candidates, options);
    rounds.push(round);
    const winner = round.elected[0];
    if (winner !== undefined) {
      return {
        method: 'irv',
        rules: 'irv',
        seats: 1,
        candidates: contest.candidates,
        places: 0,
        validVotes: Rational.of(validVotes),
        winners: [winner],
        rounds,
      };
    }
  }
}

function countRound(piles: BallotPiles, earlier: readonly Round[], names: readonly string[], options: RuleOptions): Round {
  const standing = piles.standing();
  if (standing.length === 0) throw new Error('IRV count with no candidate standing');
  const tally = new Map(standing.map((c) => [c, Rational.of(piles.votesOf(c))]));
  const continuingVotes = standing.reduce((s, c) => s + piles.votesOf(c), 0n);
  // More than half: the smallest whole number of votes above continuing/2.
  const threshold = continuingVotes / 2n + 1n;
  const base = { round: earlier.length + 1, tally, exhausted: Rational.of(piles.exhausted()), loss: Rational.ZERO, threshold: Rational.of(threshold) };
  const leader = standing.reduce((best, c) => (piles.votesOf(c) > piles.votesOf(best) ? c : best));
  const majority = piles.votesOf(leader) >= threshold;
  if (standing.length === 1 || (majority && (!options.continueUntilTwo || standing.length === 2))) {
    return { ...base, elected: [leader], excluded: [] };
  }
  const choice = chooseExclusion(piles, standing, earlier, names, options);
  const moved = piles.exclude(choice.excluded);
  const transfer: Transfer = {
    kind: 'exclusion',
    from: choice.excluded,
    to: new Map([...moved.to].map(([c, v]) => [c, Rational.of(v)])),
    exhausted: Rational.of(moved.exhausted),
  };
  return {
    ...base,
    elected: [],
    excluded: choice.excluded,
    transfer,
    ...(choice.tieBreaks.length > 0 ? { tieBreaks: choice.tieBreaks } : {}),
    ...(choice.note === undefined ? {} : { notes: [choice.note] }),
  };
}

function chooseExclusion(
  piles: BallotPiles,
  standing: readonly CandidateIndex[],
  earlier: readonly Round[],
  names: readonly string[],
  options: RuleOptions,
): Exclusion {
  const votesOf = (c: CandidateIndex): bigint => piles.votesOf(c);
  const batch = options.batchElimination ? batchExclusion(standing, votesOf) : undefined;
  if (batch) return batch;
  const scores: Scores<bigint> = { of: votesOf, cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0) };
  return lowestCandidate(standing, scores, earlier.map((r) => r.tally), names, options.tieBreak);
}

export const IRV_RULE: Rule = {
  name: 'irv',
  method: 'irv',
  summary: 'instant runoff: majority of continuing votes; options batch elimination, continue until two remain',
  allowsEqualRanks: false,
  count: countIrv,
};
