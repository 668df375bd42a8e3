/**
 * The machinery shared by STV rules that transfer surpluses by the weighted inclusive Gregory method
 * (WIGM): the Scottish Order 2007 (scottish.ts) and Droop's generic WIGM (wigm.ts).
 *
 * A count goes in stages ("rounds"). At each stage's tally, every continuing candidate who has the quota
 * (reaches it, or exceeds it, as the rule says) is elected. Then, unless the count is over, one transfer
 * ends the stage: the largest surplus of an elected candidate, or, when no surplus is waiting, the
 * exclusion of the candidate with the fewest votes. The count is over when every seat is filled, or when
 * the continuing candidates are no more than the vacancies, who are then elected without further transfer.
 *
 * Surplus transfer (weighted inclusive Gregory): EVERY paper the candidate holds moves on to its next
 * continuing preference with a new value, value × surplus ÷ total votes of the candidate, as the rule's
 * arithmetic rounds it; the candidate keeps exactly the quota. Papers with no continuing preference are
 * non-transferable at that new value. Whatever the rounding drops is recorded as loss. Exclusion moves
 * every paper of the excluded candidate at the value it had.
 *
 * The rounding of a transfer value depends only on a paper's own value, never on how many papers share
 * it, so a group of identical papers moves exactly as its papers would one by one: grouped = ungrouped.
 */
import { FixedPoint, Rational } from '../arithmetic.ts';
import { withoutWithdrawn, totalWeight, type Ballot, type CandidateIndex, type Contest } from '../ballots.ts';
import type { RuleOptions } from '../index.ts';
import { breakTie, type RoundTallies, type TieGoal } from '../tiebreak.ts';
import type { CountResult, Round, TieBreakRecord, Transfer } from '../types.ts';

/** The numbers a rule counts in: exact rationals, or decimals with a fixed number of places. */
export interface VoteArithmetic<V> {
  /** Places shown in reports. */
  readonly places: number;
  readonly zero: V;
  fromWhole(n: bigint): V;
  add(a: V, b: V): V;
  sub(a: V, b: V): V;
  /** The votes of `weight` identical papers of value `v`. */
  times(v: V, weight: bigint): V;
  cmp(a: V, b: V): number;
  /** A paper's value after transfer of `surplus` from a candidate holding `total`: value × surplus ÷ total. */
  transferValue(value: V, surplus: V, total: V): V;
  toRational(v: V): Rational;
}

/** Decimal fixed point (FixedPoint units); a transfer value is truncated once, after the division. */
export function fixedVotes(places: number): VoteArithmetic<bigint> {
  const fixed = new FixedPoint(places);
  return {
    places,
    zero: 0n,
    fromWhole: (n) => fixed.fromInt(n),
    add: (a, b) => a + b,
    sub: (a, b) => a - b,
    times: (v, weight) => v * weight,
    cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    // In units: (v/s)(p/s)/(t/s) = (v·p/t)/s, so the new value's units are v·p/t, truncated.
    transferValue: (value, surplus, total) => fixed.mulDiv(value, surplus, total),
    toRational: (v) => fixed.toRational(v),
  };
}

/** Exact rational arithmetic: nothing is ever lost to rounding. */
export function rationalVotes(places: number): VoteArithmetic<Rational> {
  return {
    places,
    zero: Rational.ZERO,
    fromWhole: (n) => Rational.of(n),
    add: (a, b) => a.add(b),
    sub: (a, b) => a.sub(b),
    times: (v, weight) => v.mul(Rational.of(weight)),
    cmp: (a, b) => a.cmp(b),
    transferValue: (value, surplus, total) => value.mul(surplus).div(total),
    toRational: (v) => v,
  };
}

export interface GregoryRules<V> {
  readonly name: string;
  readonly arithmetic: VoteArithmetic<V>;
  /** The quota from the number of valid papers and seats. */
  readonly quota: (valid: bigint, seats: number) => V;
  /** "reach": elected with votes ≥ quota; "exceed": only with votes > quota. */
  readonly electWhen: 'reach' | 'exceed';
  /** Exclude at once every candidate with no votes when the lowest has none (Droop's defeat_batch=zero). */
  readonly excludeZeroBatch: boolean;
}

/** A paper (or group of identical papers) sitting with a candidate, at the value it was received with. */
interface Parcel<V> {
  readonly ballot: Ballot;
  /** Index in the ranking of the candidate holding it. */
  pos: number;
  value: V;
}

type Status = 'continuing' | 'elected' | 'excluded' | 'withdrawn';

export function countGregory<V>(contest: Contest, options: RuleOptions, rules: GregoryRules<V>): CountResult {
  return new GregoryCount(contest, options, rules).run();
}

class GregoryCount<V> {
  private readonly a: VoteArithmetic<V>;
  private readonly names: readonly string[];
  private readonly quota: V;
  private readonly valid: bigint;
  private readonly status: Status[];
  private readonly votes: V[];
  private readonly parcels: Parcel<V>[][];
  /** Elected candidates whose surplus is still to be transferred. */
  private readonly pending = new Set<CandidateIndex>();
  private readonly winners: CandidateIndex[] = [];
  private readonly rounds: Round[] = [];
  private readonly history: RoundTallies[] = [];
  private exhausted: V;
  private loss: V;

  constructor(
    contest: Contest,
    private readonly options: RuleOptions,
    private readonly rules: GregoryRules<V>,
  ) {
    this.a = rules.arithmetic;
    this.names = contest.candidates;
    const ballots = withoutWithdrawn(contest).ballots;
    this.valid = totalWeight(ballots.filter((b) => b.ranking.length > 0));
    this.quota = rules.quota(this.valid, options.seats);
    this.exhausted = this.a.zero;
    this.loss = this.a.zero;
    const withdrawn = new Set(contest.withdrawn);
    this.status = contest.candidates.map((_, c) => (withdrawn.has(c) ? 'withdrawn' : 'continuing'));
    this.parcels = contest.candidates.map(() => []);
    // First preferences are whole votes: each candidate's are summed as weights and converted once, rather
    // than a multiplication and an addition per ballot (a ward's count runs in V8's interpreter).
    const one = this.a.fromWhole(1n);
    const firsts = contest.candidates.map(() => 0n);
    for (const ballot of ballots) {
      const c = this.seat({ ballot, pos: 0, value: one });
      if (c !== undefined) firsts[c] = (firsts[c] ?? 0n) + ballot.weight;
    }
    this.votes = firsts.map((w) => this.a.fromWhole(w));
  }

  run(): CountResult {
    for (let round = 1; ; round++) {
      const tally = this.snapshot();
      this.history.push(tally);
      const start = { round, tally, exhausted: this.a.toRational(this.exhausted), loss: this.a.toRational(this.loss) };
      const ties: TieBreakRecord[] = [];
      const elected = this.electByQuota(ties);
      const vacancies = this.options.seats - this.winners.length;
      const continuing = this.continuing();
      const last = vacancies <= 0 || continuing.length <= vacancies;
      const fill = last && vacancies > 0 && continuing.length > 0;
      if (fill) elected.push(...this.electRemaining(continuing, ties));
      const step = last ? { excluded: [] } : this.transferOrExclude(ties);
      this.rounds.push({
        ...start,
        threshold: this.a.toRational(this.quota),
        elected,
        ...step,
        ...(ties.length > 0 ? { tieBreaks: ties } : {}),
        ...(fill ? { notes: ['last vacancies: as many continuing candidates as vacancies, elected without further transfer'] } : {}),
      });
      if (last) return this.result();
    }
  }

  private result(): CountResult {
    return {
      method: 'stv',
      rules: this.rules.name,
      seats: this.options.seats,
      candidates: this.names,
      places: this.a.places,
      validVotes: Rational.of(this.valid),
      quota: this.a.toRational(this.quota),
      winners: this.winners,
      rounds: this.rounds,
    };
  }

  /** Votes of every candidate not excluded (elected ones at what they hold) at the start of a stage. */
  private snapshot(): RoundTallies {
    const tally = new Map<CandidateIndex, Rational>();
    this.status.forEach((s, c) => {
      if (s === 'continuing' || s === 'elected') tally.set(c, this.a.toRational(this.votes[c] ?? this.a.zero));
    });
    return tally;
  }

  private continuing(): CandidateIndex[] {
    return this.status.flatMap((s, c) => (s === 'continuing' ? [c] : []));
  }

  private vote(c: CandidateIndex): V {
    return this.votes[c] ?? this.a.zero;
  }

  private hasQuota(c: CandidateIndex): boolean {
    const d = this.a.cmp(this.vote(c), this.quota);
    return this.rules.electWhen === 'reach' ? d >= 0 : d > 0;
  }

  /** Elects, largest first, every continuing candidate with the quota. */
  private electByQuota(ties: TieBreakRecord[]): CandidateIndex[] {
    const reached = this.continuing().filter((c) => this.hasQuota(c));
    const order = this.byVotes(reached, ties);
    for (const c of order) {
      if (this.winners.length >= this.options.seats) break;
      this.elect(c);
      if (this.a.cmp(this.vote(c), this.quota) > 0) this.pending.add(c);
    }
    return order.filter((c) => this.status[c] === 'elected');
  }

  /** The last vacancies: the remaining continuing candidates, most votes first, without further transfer. */
  private electRemaining(continuing: readonly CandidateIndex[], ties: TieBreakRecord[]): CandidateIndex[] {
    const order = this.byVotes(continuing, ties);
    for (const c of order) this.elect(c);
    return order;
  }

  private elect(c: CandidateIndex): void {
    this.status[c] = 'elected';
    this.winners.push(c);
  }

  /** Candidates in order of votes, most first; equal votes ordered by the tie-break. */
  private byVotes(cands: readonly CandidateIndex[], ties: TieBreakRecord[]): CandidateIndex[] {
    const rest = [...cands];
    const order: CandidateIndex[] = [];
    while (rest.length > 0) {
      const next = this.extreme(rest, 'highest', ties);
      order.push(next);
      rest.splice(rest.indexOf(next), 1);
    }
    return order;
  }

  /** The candidate with the most (or fewest) votes; a tie is broken on earlier stages, then by lot. */
  private extreme(cands: readonly CandidateIndex[], goal: TieGoal, ties: TieBreakRecord[]): CandidateIndex {
    const sign = goal === 'highest' ? 1 : -1;
    let best: CandidateIndex[] = [];
    for (const c of cands) {
      const first = best[0];
      const d = first === undefined ? 1 : sign * this.a.cmp(this.vote(c), this.vote(first));
      if (d > 0) best = [c];
      else if (d === 0) best.push(c);
    }
    const only = best[0];
    if (only === undefined) throw new Error('no candidate to choose from');
    if (best.length === 1) return only;
    const record = breakTie(best, goal, this.history, this.names, this.options.tieBreak);
    ties.push(record);
    return record.chosen;
  }

  private transferOrExclude(ties: TieBreakRecord[]): { excluded: CandidateIndex[]; transfer: Transfer } {
    if (this.pending.size > 0) {
      const from = this.extreme([...this.pending], 'highest', ties);
      this.pending.delete(from);
      return { excluded: [], transfer: this.transferSurplus(from) };
    }
    const continuing = this.continuing();
    const lowest = this.extreme(continuing, 'lowest', ties);
    const excluded =
      this.rules.excludeZeroBatch && this.a.cmp(this.vote(lowest), this.a.zero) === 0
        ? continuing.filter((c) => this.a.cmp(this.vote(c), this.a.zero) === 0)
        : [lowest];
    return { excluded, transfer: this.exclude(excluded) };
  }

  private transferSurplus(from: CandidateIndex): Transfer {
    const total = this.vote(from);
    const surplus = this.a.sub(total, this.quota);
    const moving = this.take([from]);
    const values = new Map<string, V>();
    const newValue = (v: V): V => {
      const key = String(v);
      let tv = values.get(key);
      if (tv === undefined) values.set(key, (tv = this.a.transferValue(v, surplus, total)));
      return tv;
    };
    for (const p of moving) p.value = newValue(p.value);
    const moved = this.move(moving);
    this.votes[from] = this.quota;
    const distributed = [...moved.to.values()].reduce((s, v) => this.a.add(s, v), moved.exhausted);
    this.loss = this.a.add(this.loss, this.a.sub(surplus, distributed));
    const single = values.size === 1 ? [...values.values()][0] : undefined;
    return { kind: 'surplus', from: [from], ...this.described(moved), ...(single === undefined ? {} : { value: this.a.toRational(single) }) };
  }

  private exclude(excluded: readonly CandidateIndex[]): Transfer {
    for (const c of excluded) this.status[c] = 'excluded';
    const moving = this.take(excluded);
    for (const c of excluded) this.votes[c] = this.a.zero;
    return { kind: 'exclusion', from: excluded, ...this.described(this.move(moving)) };
  }

  private described(moved: { to: Map<CandidateIndex, V>; exhausted: V }): Pick<Transfer, 'to' | 'exhausted'> {
    const to = new Map<CandidateIndex, Rational>();
    for (const [c, v] of moved.to) to.set(c, this.a.toRational(v));
    return { to, exhausted: this.a.toRational(moved.exhausted) };
  }

  private take(from: readonly CandidateIndex[]): Parcel<V>[] {
    return from.flatMap((c) => {
      const held = this.parcels[c] ?? [];
      this.parcels[c] = [];
      return held;
    });
  }

  /** Moves parcels to their next continuing preference, or out of the count as non-transferable. */
  private move(moving: readonly Parcel<V>[]): { to: Map<CandidateIndex, V>; exhausted: V } {
    const to = new Map<CandidateIndex, V>();
    let exhausted = this.a.zero;
    for (const p of moving) {
      const votes = this.a.times(p.value, p.ballot.weight);
      const c = this.seat(p);
      if (c === undefined) exhausted = this.a.add(exhausted, votes);
      else {
        this.votes[c] = this.a.add(this.vote(c), votes);
        to.set(c, this.a.add(to.get(c) ?? this.a.zero, votes));
      }
    }
    this.exhausted = this.a.add(this.exhausted, exhausted);
    return { to, exhausted };
  }

  /**
   * Gives a parcel to its current or next continuing preference, whose pile it joins (the caller adds its
   * votes to the tally); undefined when it has none.
   */
  private seat(p: Parcel<V>): CandidateIndex | undefined {
    const ranking = p.ballot.ranking;
    while (p.pos < ranking.length && this.status[ranking[p.pos] ?? -1] !== 'continuing') p.pos++;
    const c = ranking[p.pos];
    if (c === undefined) return undefined;
    this.parcels[c]?.push(p);
    return c;
  }
}
