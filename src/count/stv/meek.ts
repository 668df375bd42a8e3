/**
 * Meek's method of STV: every ballot is passed down its ranking, each elected candidate keeping the
 * fraction of it given by their keep factor; keep factors are lowered by iteration until each elected
 * candidate holds (almost exactly) a quota, and the quota itself falls as votes become non-transferable.
 *
 * Sources:
 * - I.D. Hill, B.A. Wichmann, D.R. Woodall, "Algorithm 123 — Single Transferable Vote by Meek's method",
 *   Computer Journal 30(3), 1987: keep factors, kf ← kf × quota / votes, quota = votes/(seats+1).
 * - PR Foundation, "Reference Meek Rule" (prfound.org), steps A–C, quoted where they apply: the default
 *   rule `meek`.
 * - Droop (J. Lundell), the generic `meek` rule with its "safe" batch defeat of sure losers, in the two
 *   variants of Droop's reports: meek-o9-guarded-p18-g9-d18 (the rule `meek-guarded`: omega 10^-9, 18+9
 *   guarded places) and meek-o10-rational-d12 (MEEK_RATIONAL: omega 10^-10, exact; see MEEK_RULES).
 *
 * A round here is one of those rules' rounds: iterate until a candidate reaches the quota (elect) or the
 * surplus is too small to matter (defeat the lowest, or a batch of sure losers). `tally` is the vote of
 * each candidate when that decision was taken. Equal rankings (BLT `=`) are allowed by the generic rule
 * (the weight is shared equally among the equal continuing candidates, as Droop does) but not by the PRF
 * reference rule, whose step B.2.a passes a ballot to one candidate at a time.
 */
import { Rational } from '../arithmetic.ts';
import { groupBallots, rankGroups, totalWeight, withoutWithdrawn, type Ballot, type CandidateIndex, type Contest } from '../ballots.ts';
import { breakTie, type RoundTallies } from '../tiebreak.ts';
import type { CountResult, Round, TieBreakRecord } from '../types.ts';
import type { Rule, RuleOptions } from '../index.ts';
import { exactRational, guardedFixed, prfFixed, type MeekArithmetic } from './meek-arithmetic.ts';

export interface MeekVariant<T> {
  readonly name: string;
  readonly arithmetic: MeekArithmetic<T>;
  /** Droop's generic rule defeats at once every sure loser when the iteration finds some. */
  readonly batchDefeats: boolean;
  /** PRF B.2.d: the total surplus is "not less than 0". */
  readonly clampSurplus: boolean;
}

export const MEEK_PRF: MeekVariant<bigint> = { name: 'meek', arithmetic: prfFixed(), batchDefeats: false, clampSurplus: true };
export const MEEK_RATIONAL: MeekVariant<Rational> = { name: 'meek-rational', arithmetic: exactRational(), batchDefeats: true, clampSurplus: false };
export const MEEK_GUARDED: MeekVariant<bigint> = { name: 'meek-guarded', arithmetic: guardedFixed(), batchDefeats: true, clampSurplus: false };

type Status = 'hopeful' | 'elected' | 'defeated';
type Stop = 'elected' | 'omega' | 'stable' | 'batch';

interface Iteration<T> {
  readonly stop: Stop;
  readonly elected: CandidateIndex[];
  readonly batch: CandidateIndex[];
  readonly quota: T;
  readonly surplus: T;
}

/** Everything that changes during a Meek count. */
class MeekCount<T> {
  readonly a: MeekArithmetic<T>;
  readonly status: Status[];
  readonly kf: T[];
  votes: T[];
  /** Votes held by candidates in the count, after the latest distribution. */
  held: T;
  exhausted: T;
  loss: T;
  private readonly ballots: readonly Ballot[];
  private readonly total: T;

  constructor(
    readonly variant: MeekVariant<T>,
    contest: Contest,
    readonly seats: number,
  ) {
    this.a = variant.arithmetic;
    const gone = new Set(contest.withdrawn);
    this.status = contest.candidates.map((_, c) => (gone.has(c) ? 'defeated' : 'hopeful'));
    this.kf = contest.candidates.map((_, c) => (gone.has(c) ? this.a.zero : this.a.one));
    this.ballots = groupBallots(withoutWithdrawn(contest).ballots.filter((b) => b.ranking.length > 0));
    this.total = this.a.fromInt(totalWeight(this.ballots));
    this.votes = this.kf.map(() => this.a.zero);
    this.held = this.a.zero;
    this.exhausted = this.a.zero;
    this.loss = this.a.zero;
  }

  get validVotes(): T {
    return this.total;
  }

  inCount(): CandidateIndex[] {
    return this.status.flatMap((s, c) => (s === 'defeated' ? [] : [c]));
  }

  withStatus(s: Status): CandidateIndex[] {
    return this.status.flatMap((t, c) => (t === s ? [c] : []));
  }

  seatsLeft(): number {
    return this.seats - this.withStatus('elected').length;
  }

  /** PRF B.2.a / Algorithm 123: pass every ballot down its ranking at the current keep factors. */
  distribute(): void {
    const a = this.a;
    this.votes = this.kf.map(() => a.zero);
    let exhausted = a.zero;
    for (const b of this.ballots) {
      const left = b.tiedWithPrevious ? this.passEqual(b, rankGroups(b), 0, a.one) : this.passDown(b);
      exhausted = a.add(exhausted, a.times(left, b.weight));
    }
    this.held = this.inCount().reduce((sum, c) => a.add(sum, this.vote(c)), a.zero);
    this.exhausted = exhausted;
    this.loss = a.sub(a.sub(this.total, this.held), exhausted);
  }

  vote(c: CandidateIndex): T {
    const v = this.votes[c];
    if (v === undefined) throw new Error(`no candidate ${c}`);
    return v;
  }

  private keepFactor(c: CandidateIndex): T {
    const k = this.kf[c];
    if (k === undefined) throw new Error(`no candidate ${c}`);
    return k;
  }

  private credit(c: CandidateIndex, keep: T, weight: bigint): void {
    this.votes[c] = this.a.add(this.vote(c), this.a.times(keep, weight));
  }

  /** One candidate per rank; returns the weight left when the ranking runs out (exhausted). */
  private passDown(b: Ballot): T {
    const a = this.a;
    let w = a.one;
    for (const c of b.ranking) {
      const kf = this.keepFactor(c);
      if (a.isZero(kf)) continue;
      const { keep, rest } = a.split(w, kf);
      this.credit(c, keep, b.weight);
      w = rest;
      // A weight within the guard of zero is spent: what is left is rounding, not an exhausted vote.
      if (a.cmp(w, a.zero) <= 0) return a.zero;
    }
    return w;
  }

  /** Equal rankings: the weight at a rank is shared equally among its continuing candidates. */
  private passEqual(b: Ballot, ranks: readonly (readonly CandidateIndex[])[], i: number, w: T): T {
    const a = this.a;
    if (a.isZero(w)) return a.zero;
    const rank = ranks[i];
    if (rank === undefined) return w;
    const here = rank.filter((c) => this.status[c] !== 'defeated');
    if (here.length === 0) return this.passEqual(b, ranks, i + 1, w);
    const part = a.share(w, BigInt(here.length));
    let left = a.zero;
    for (const c of here) {
      const { keep, rest } = a.split(part, this.keepFactor(c));
      this.credit(c, keep, b.weight);
      left = a.add(left, this.passEqual(b, ranks, i + 1, rest));
    }
    return left;
  }

  /** PRF B.2 / Droop iterate(): repeat until someone is elected or the surplus no longer matters. */
  iterate(): Iteration<T> {
    const a = this.a;
    let last = this.total;
    for (;;) {
      this.distribute();
      const quota = a.quota(this.held, this.seats);
      const elected = this.withStatus('hopeful').filter((c) => a.hasQuota(this.vote(c), quota));
      for (const c of elected) this.status[c] = 'elected';
      let surplus = this.withStatus('elected').reduce((s, c) => a.add(s, a.sub(this.vote(c), quota)), a.zero);
      if (this.variant.clampSurplus && a.cmp(surplus, a.zero) < 0) surplus = a.zero;
      const done = (stop: Stop, batch: CandidateIndex[] = []): Iteration<T> => ({ stop, elected, batch, quota, surplus });
      if (elected.length > 0) return done('elected');
      const belowOmega = a.cmp(surplus, a.omega);
      if (belowOmega < 0 || (a.omegaInclusive && belowOmega === 0)) return done('omega');
      if (a.cmp(surplus, last) >= 0) return done('stable');
      const batch = this.variant.batchDefeats ? this.sureLosers(surplus) : [];
      if (batch.length > 0) return done('batch', batch);
      last = surplus;
      for (const c of this.withStatus('elected')) this.kf[c] = a.nextKeepFactor(this.keepFactor(c), quota, this.vote(c));
    }
  }

  /**
   * Droop's "safe" batch defeat: the largest set of lowest candidates whose votes together, plus the total
   * surplus, stay below the next candidate up, so no transfer could save any of them. Candidates within
   * the surplus of each other are kept together, and enough candidates are left to fill the seats.
   */
  private sureLosers(surplus: T): CandidateIndex[] {
    const a = this.a;
    const sorted = this.withStatus('hopeful').sort((x, y) => a.cmp(this.vote(x), this.vote(y)) || x - y);
    const groups: CandidateIndex[][] = [];
    let base = a.zero;
    for (const c of sorted) {
      const last = groups[groups.length - 1];
      if (last && a.cmp(a.add(base, surplus), this.vote(c)) >= 0) last.push(c);
      else if (!last && a.cmp(surplus, this.vote(c)) >= 0) groups.push([c]);
      else {
        groups.push([c]);
        base = this.vote(c);
      }
    }
    const maxDefeat = sorted.length - this.seatsLeft();
    let total = a.zero;
    let count = 0;
    let take = 0;
    for (let g = 0; g + 1 < groups.length; g++) {
      const group = groups[g] ?? [];
      count += group.length;
      if (count > maxDefeat) break;
      total = group.reduce((s, c) => a.add(s, this.vote(c)), total);
      const next = groups[g + 1]?.[0];
      if (next !== undefined && a.cmp(a.add(total, surplus), this.vote(next)) < 0) take = g + 1;
    }
    return groups.slice(0, take).flat().sort((x, y) => x - y);
  }

  defeat(c: CandidateIndex): void {
    this.status[c] = 'defeated';
    this.kf[c] = this.a.zero;
  }

  tally(): Map<CandidateIndex, Rational> {
    return new Map(this.inCount().map((c) => [c, this.a.toRational(this.vote(c))]));
  }
}

/** Counts a contest by Meek's method in the given variant. */
export function countMeek<T>(contest: Contest, options: RuleOptions, variant: MeekVariant<T>): CountResult {
  const m = new MeekCount(variant, contest, options.seats);
  const a = m.a;
  const rounds: Round[] = [];
  const winners: CandidateIndex[] = [];
  const byVote = (cs: CandidateIndex[]): CandidateIndex[] => cs.sort((x, y) => a.cmp(m.vote(y), m.vote(x)) || x - y);
  while (m.withStatus('hopeful').length > m.seatsLeft() && m.seatsLeft() > 0) {
    const it = m.iterate();
    const tally = m.tally();
    const excluded: CandidateIndex[] = [];
    const tieBreaks: TieBreakRecord[] = [];
    if (it.stop === 'batch') excluded.push(...it.batch);
    else if (it.stop !== 'elected') {
      const low = lowest(m, it.surplus, rounds.map((r) => r.tally), contest.candidates, options);
      if (low.tieBreak) tieBreaks.push(low.tieBreak);
      excluded.push(low.candidate);
    }
    for (const c of excluded) m.defeat(c);
    const elected = byVote(it.elected);
    winners.push(...elected);
    rounds.push(meekRound(m, rounds.length + 1, tally, it, { elected, excluded, tieBreaks }, contest.candidates));
  }
  finish(m, rounds, winners, byVote);
  return {
    method: 'stv',
    rules: variant.name,
    seats: options.seats,
    candidates: contest.candidates,
    places: a.places,
    validVotes: a.toRational(m.validVotes),
    quota: rounds[0]?.threshold ?? Rational.ZERO,
    winners,
    rounds,
    notes: [`Meek's method (${variant.name}), omega ${a.toRational(a.omega).toDecimal(12)}`],
  };
}

/** PRF B.3: the lowest hopeful, tied with every hopeful within the total surplus of it. */
function lowest<T>(
  m: MeekCount<T>,
  surplus: T,
  history: readonly RoundTallies[],
  names: readonly string[],
  options: RuleOptions,
): { candidate: CandidateIndex; tieBreak?: TieBreakRecord } {
  const a = m.a;
  const hopeful = m.withStatus('hopeful');
  // The lowest vote is found exactly, even in guarded arithmetic; "tied" then uses the rule's comparison.
  const exact = (c: CandidateIndex): Rational => a.toRational(m.vote(c));
  const low = hopeful.reduce((min, c) => (exact(c).lt(exact(min)) ? c : min));
  const tied = hopeful.filter((c) => a.cmp(a.add(m.vote(low), surplus), m.vote(c)) >= 0);
  if (tied.length === 1 && tied[0] !== undefined) return { candidate: tied[0] };
  const tieBreak = breakTie(tied, 'lowest', history, names, options.tieBreak);
  return { candidate: tieBreak.chosen, tieBreak };
}

function meekRound<T>(
  m: MeekCount<T>,
  round: number,
  tally: Map<CandidateIndex, Rational>,
  it: Iteration<T>,
  decided: { elected: CandidateIndex[]; excluded: CandidateIndex[]; tieBreaks: TieBreakRecord[] },
  names: readonly string[],
): Round {
  const a = m.a;
  const places = a.places;
  const { elected, excluded, tieBreaks } = decided;
  const notes = [`iteration stopped: ${stopReason(it.stop)}; total surplus ${a.toRational(it.surplus).toFixed(places)}`];
  for (const c of m.withStatus('elected')) notes.push(`keep factor of ${names[c] ?? c}: ${a.toRational(m.kf[c] ?? a.zero).toFixed(places)}`);
  return {
    round,
    tally,
    exhausted: a.toRational(m.exhausted),
    loss: a.toRational(m.loss),
    threshold: a.toRational(it.quota),
    elected,
    excluded,
    ...(tieBreaks.length > 0 ? { tieBreaks } : {}),
    notes,
  };
}

function stopReason(stop: Stop): string {
  switch (stop) {
    case 'elected':
      return 'a candidate reached the quota';
    case 'omega':
      return 'surplus below omega';
    case 'stable':
      return 'surplus no longer falling';
    case 'batch':
      return 'sure losers found';
  }
}

/** PRF C: elect the remaining hopefuls if seats are left, otherwise defeat them. */
function finish<T>(m: MeekCount<T>, rounds: Round[], winners: CandidateIndex[], byVote: (cs: CandidateIndex[]) => CandidateIndex[]): void {
  const remaining = m.withStatus('hopeful');
  if (remaining.length === 0) return;
  if (rounds.length === 0) {
    m.distribute();
    const quota = m.a.quota(m.held, m.seats);
    rounds.push({ round: 1, tally: m.tally(), exhausted: m.a.toRational(m.exhausted), loss: m.a.toRational(m.loss), threshold: m.a.toRational(quota), elected: [], excluded: [] });
  }
  const last = rounds.pop();
  if (!last) throw new Error('no round to finish');
  const fill = m.seatsLeft() > 0;
  const chosen = byVote(remaining);
  for (const c of chosen) {
    if (fill) m.status[c] = 'elected';
    else m.defeat(c);
  }
  if (fill) winners.push(...chosen);
  rounds.push({
    ...last,
    elected: fill ? [...last.elected, ...chosen] : last.elected,
    excluded: fill ? last.excluded : [...last.excluded, ...chosen],
    notes: [...(last.notes ?? []), fill ? 'remaining candidates fill the remaining seats' : 'all seats filled: remaining candidates defeated'],
  });
}

/**
 * `meek` is the PR Foundation reference rule (9 places, omega 10^-6); `meek-guarded` is Droop's generic
 * Meek rule in guarded arithmetic. The exact variant (MEEK_RATIONAL) is not offered as a rule: exact keep
 * factors roughly double their digits at every pass, so a count needing thirty passes (a contest whose votes
 * drain away, for one) would not finish; Droop's own notes say the same of its rational arithmetic. It
 * stays available to callers of countMeek, and the Droop corpus tests use it.
 */
export const MEEK_RULES: readonly Rule[] = [
  {
    name: 'meek',
    method: 'stv',
    summary: 'Meek STV, PR Foundation reference rule: 9 decimal places rounded up, omega 0.000001',
    allowsEqualRanks: false,
    count: (contest, options) => countMeek(contest, options, MEEK_PRF),
  },
  {
    name: 'meek-guarded',
    method: 'stv',
    summary: "Meek STV in Droop's guarded arithmetic (18+9 places), omega 10^-9, batch defeat of sure losers",
    allowsEqualRanks: true,
    count: (contest, options) => countMeek(contest, options, MEEK_GUARDED),
  },
];
