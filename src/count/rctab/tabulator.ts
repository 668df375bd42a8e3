/**
 * RCTab's tabulation, round by round, in BigDecimal-like arithmetic so that its reports come out identical.
 *
 * Source: RCTab's config file documentation and user guide ("Winning Rules": single-winner majority,
 * multi-winner allowing one or several winners per round with fractional surplus transfer, bottoms-up,
 * bottoms-up by percentage threshold, multi-pass IRV; batch elimination; continue until two candidates
 * remain; minimum vote threshold; stop tabulation early). Details the documents leave open were fixed
 * against RCTab's regression cases (shared data rctab/): undeclared write-ins are eliminated first and never
 * win; with two candidates left and neither at the threshold, the one with more votes wins; a surplus is
 * moved by the transfer value surplus ÷ votes, rounded down to the configured decimal places, each ballot's
 * new value rounded down likewise, what rounding leaves being the "residual surplus"; a winner then keeps
 * the threshold (or, when the transfer left no residual, their votes less the surplus).
 */
import { ok, type Result } from '../../result.ts';
import { chooseCandidate, isUndervote, type InactiveReason } from './choice.ts';
import { Decimal, sumDecimals } from './decimal.ts';
import type { BallotPath, BallotStep, RctabCount, RctabRound, TallyResult, TransferTarget } from './round.ts';
import type { RctabBallot, RctabCandidate, RctabRules } from './rules.ts';
import { SliceLedger, sliceId, zeroInactive, type SliceRound, type SliceTotals } from './slices.ts';
import { percentageThreshold, winningThreshold } from './threshold.ts';
import { compareStrings, RctabTieBreak } from './tiebreak.ts';

interface BallotState {
  readonly ballot: RctabBallot;
  readonly weight: Decimal;
  /** Ids of the precinct and batch slices the group belongs to. */
  readonly slices: readonly string[];
  /** Value of each ballot of the group (1 until part of it is kept by a winner). */
  value: Decimal;
  current?: number;
  inactive?: InactiveReason;
  /** Where the group stood after each round, kept only for ballots given with ids. */
  readonly path?: BallotStep[];
}

/** Counts a contest; a multi-pass IRV gives one count per seat. */
export function tabulate(candidates: readonly RctabCandidate[], ballots: readonly RctabBallot[], rules: RctabRules): Result<RctabCount[], string> {
  if (rules.winnerElectionMode !== 'multiPassIrv') {
    const single = new Tabulation(candidates, ballots, rules, new Set()).run();
    return single.ok ? ok([single.value]) : single;
  }
  const counts: RctabCount[] = [];
  const earlier = new Set<number>();
  for (let pass = 0; pass < rules.numberOfWinners; pass++) {
    const counted = new Tabulation(candidates, ballots, rules, earlier).run();
    if (!counted.ok) return counted;
    counts.push(counted.value);
    for (const w of counted.value.winners) earlier.add(w);
  }
  return ok(counts);
}

type Step = 'continue' | 'done' | 'finalRound';

const NOBODY: ReadonlySet<number> = new Set();

/** A candidate chosen to win or lose, and whether a tie-break chose them. */
interface Pick {
  readonly candidate: number;
  readonly tie: boolean;
}

class Tabulation {
  private readonly candidates: readonly RctabCandidate[];
  private readonly rules: RctabRules;
  private readonly states: BallotState[] = [];
  private readonly continuing = new Set<number>();
  private readonly winners: number[] = [];
  private readonly winnerTally = new Map<number, Decimal>();
  private readonly rounds: RctabRound[] = [];
  private readonly tieBreak: RctabTieBreak;
  private readonly maxRankings: number;
  private readonly seats: number;
  private inactive: Record<InactiveReason, Decimal> = zeroInactive();
  private readonly ledger = new SliceLedger();
  private readonly sliceTotals = new Map<string, SliceTotals>();
  private residual = Decimal.ZERO;
  private finalSurplus = Decimal.ZERO;
  private firstRoundVotes = Decimal.ZERO;
  private readonly earlierWinners: number;
  private totalBallots = 0n;
  private undervotes = 0n;
  private readonly undervotePaths: BallotPath[] = [];

  constructor(candidates: readonly RctabCandidate[], ballots: readonly RctabBallot[], rules: RctabRules, earlierWinners: ReadonlySet<number>) {
    this.candidates = candidates;
    this.rules = rules;
    this.earlierWinners = earlierWinners.size;
    this.tieBreak = new RctabTieBreak(rules, candidates);
    this.maxRankings = rules.maxRankingsAllowed ?? candidates.filter((c) => !c.undeclaredWriteIn).length;
    this.seats = rules.winnerElectionMode === 'multiPassIrv' ? 1 : rules.numberOfWinners;
    candidates.forEach((c, i) => {
      if (!c.excluded && !earlierWinners.has(i)) this.continuing.add(i);
    });
    for (const ballot of ballots) {
      const undervote = isUndervote(ballot, this.maxRankings);
      this.totalBallots += ballot.weight;
      if (undervote) this.undervotes += ballot.weight;
      const slices = (ballot.slices ?? []).map((key) => {
        const id = sliceId(key);
        const totals = this.sliceTotals.get(id) ?? { key, ballots: 0n, undervotes: 0n };
        totals.ballots += ballot.weight;
        if (undervote) totals.undervotes += ballot.weight;
        this.sliceTotals.set(id, totals);
        return id;
      });
      if (undervote && ballot.ids) this.undervotePaths.push({ ids: ballot.ids, steps: [] });
      if (!undervote) this.states.push({ ballot, weight: Decimal.int(ballot.weight), slices, value: Decimal.ONE, ...(ballot.ids ? { path: [] } : {}) });
    }
  }

  private get singleWinner(): boolean {
    return this.rules.winnerElectionMode === 'singleWinnerMajority' || this.rules.winnerElectionMode === 'multiPassIrv';
  }

  run(): Result<RctabCount, string> {
    for (let round = 1; ; round++) {
      const { tally, slices } = this.tallyRound();
      const { threshold, thresholdVotes } = this.threshold(round, tally);
      const record: RctabRound = { round, tally, threshold, thresholdVotes, inactive: { ...this.inactive }, residualSurplus: this.residual, results: [], slices };
      this.rounds.push(record);
      const step = this.decide(record);
      if (!step.ok) return step;
      if (step.value === 'finalRound') {
        const last = this.tallyRound(true);
        for (const [id, slice] of last.slices) slice.finalRoundSurplus = this.ledger.finalSurplusOf(id);
        this.rounds.push({ round: round + 1, tally: last.tally, threshold, thresholdVotes, inactive: { ...this.inactive }, residualSurplus: this.residual, finalRoundSurplus: this.finalSurplus, results: [], slices: last.slices });
        break;
      }
      if (step.value === 'done' || round === this.rules.stopTabulationEarlyAfterRound) break;
    }
    return ok({
      candidates: this.candidates,
      numCandidates: this.candidates.length - this.earlierWinners,
      rounds: this.rounds,
      winners: this.winners,
      numWinners: this.rules.winnerElectionMode === 'multiPassIrv' ? 1 : this.rules.numberOfWinners,
      totalBallots: this.totalBallots,
      undervotes: this.undervotes,
      sliceTotals: this.sliceTotals,
      paths: [...this.states.flatMap((s) => (s.path && s.ballot.ids ? [{ ids: s.ballot.ids, steps: s.path }] : [])), ...this.undervotePaths],
    });
  }

  /**
   * Moves ballots whose candidate left the count and tallies every candidate still in it. In the round
   * after the last seats are filled nobody can receive votes any more: what the winners' surpluses carry
   * is the final round surplus, not inactive ballots.
   */
  private tallyRound(final = false): { tally: Map<number, Decimal>; slices: Map<string, SliceRound> } {
    const pile: Pile = { tally: new Map(), slices: new Map() };
    for (const c of this.continuing) pile.tally.set(c, Decimal.ZERO);
    for (const s of this.states) {
      const active = s.inactive === undefined;
      if (active) {
        const total = s.value.mul(s.weight);
        if (s.current !== undefined && this.continuing.has(s.current)) credit(pile, s, s.current, total);
        else this.move(s, total, pile, final);
      }
      s.path?.push(step(s, final && active));
    }
    for (const [w, votes] of this.winnerTally) pile.tally.set(w, votes);
    const slices = new Map<string, SliceRound>();
    for (const id of this.sliceTotals.keys()) {
      const round = this.ledger.startRound(id);
      for (const [c, v] of pile.slices.get(id) ?? []) round.tally.set(c, v);
      slices.set(id, round);
    }
    return { tally: new Map([...pile.tally].sort(([a], [b]) => a - b)), slices };
  }

  /** Moves a ballot group from a candidate who left to its next choice, or makes it inactive. */
  private move(s: BallotState, total: Decimal, pile: Pile, final: boolean): void {
    const from = s.current;
    const choice = chooseCandidate(s.ballot, final ? NOBODY : this.continuing, this.rules, this.maxRankings);
    let to: TransferTarget;
    if ('inactive' in choice) {
      s.inactive = choice.inactive;
      this.retire(s, choice.inactive, total, final);
      to = 'exhausted';
    } else {
      s.current = choice.candidate;
      credit(pile, s, choice.candidate, total);
      to = choice.candidate;
    }
    // Ballots worth nothing (a winner's without surplus) move, but are not reported as transfers.
    if (from !== undefined && !total.isZero()) this.recordTransfer(s, from, to, total);
  }

  private retire(s: BallotState, reason: InactiveReason, total: Decimal, final: boolean): void {
    if (final) this.finalSurplus = this.finalSurplus.add(total);
    else this.inactive[reason] = this.inactive[reason].add(total);
    for (const id of s.slices) {
      if (final) this.ledger.addFinalSurplus(id, total);
      else this.ledger.addInactive(id, reason, total);
    }
  }

  /** Adds a move to the previous round's result for `from`, in the whole contest and in its slices. */
  private recordTransfer(s: BallotState, from: number, to: TransferTarget, total: Decimal): void {
    const previous = this.rounds[this.rounds.length - 1];
    const index = previous?.results.findIndex((t) => t.candidate === from) ?? -1;
    const result = previous?.results[index];
    if (!previous || !result) return;
    addTo(result.transfers, to, total);
    for (const id of s.slices) {
      const sliceTransfers = previous.slices.get(id)?.transfers;
      if (!sliceTransfers) continue;
      const map = sliceTransfers.get(index) ?? new Map<TransferTarget, Decimal>();
      addTo(map, to, total);
      sliceTransfers.set(index, map);
    }
  }

  private threshold(round: number, tally: ReadonlyMap<number, Decimal>): { threshold: Decimal; thresholdVotes: Decimal } {
    const votes = sumDecimals([...tally].filter(([c]) => this.continuing.has(c)).map(([, v]) => v));
    if (round === 1) this.firstRoundVotes = votes;
    // Once a single winner is elected (continuing until two remain), the threshold stays where it was.
    const previous = this.rounds[this.rounds.length - 1];
    if (this.singleWinner && this.winners.length > 0 && previous) return { threshold: previous.threshold, thresholdVotes: votes };
    const base = this.rules.doesFirstRoundDetermineThreshold || !this.singleWinnerThreshold() ? this.firstRoundVotes : votes;
    const pct = this.rules.multiSeatBottomsUpPercentageThreshold;
    const threshold =
      this.rules.winnerElectionMode === 'bottomsUpUsingPercentageThreshold' && pct !== undefined
        ? percentageThreshold(base, pct)
        : winningThreshold(base, this.seats, this.rules);
    return { threshold, thresholdVotes: base };
  }

  /** Whether the threshold follows each round's votes (single winner, percentage) or the first round's. */
  private singleWinnerThreshold(): boolean {
    return this.singleWinner || this.rules.winnerElectionMode === 'bottomsUpUsingPercentageThreshold';
  }

  private decide(r: RctabRound): Result<Step, string> {
    switch (this.rules.winnerElectionMode) {
      case 'singleWinnerMajority':
      case 'multiPassIrv':
        return this.decideSingle(r);
      case 'bottomsUp':
        return this.decideBottomsUp(r, this.hopefuls().length <= this.seats);
      case 'bottomsUpUsingPercentageThreshold':
        return this.decideBottomsUp(r, !this.uwiContinuing() && this.hopefuls().every((c) => !votes(r, c).lt(r.threshold)));
      case 'multiWinnerAllowOnlyOneWinnerPerRound':
      case 'multiWinnerAllowMultipleWinnersPerRound':
        return this.decideMulti(r);
    }
  }

  /** Continuing candidates who can win (not the undeclared write-ins). */
  private hopefuls(): number[] {
    return [...this.continuing].filter((c) => this.candidates[c]?.undeclaredWriteIn !== true);
  }

  private uwiContinuing(): boolean {
    return [...this.continuing].some((c) => this.candidates[c]?.undeclaredWriteIn === true);
  }

  private decideSingle(r: RctabRound): Result<Step, string> {
    const untilTwo = this.rules.continueUntilTwoCandidatesRemain;
    if (this.winners.length > 0) return this.continuing.size <= 2 ? ok('done') : this.eliminate(r);
    const winner = this.singleWinnerOf(r);
    if (!winner.ok) return winner;
    if (winner.value === undefined) return this.eliminate(r);
    this.elect(r, winner.value.candidate, winner.value.tie);
    return !untilTwo || this.continuing.size <= 2 ? ok('done') : ok('continue');
  }

  private singleWinnerOf(r: RctabRound): Result<Pick | undefined, string> {
    const hopefuls = this.hopefuls();
    const over = hopefuls.filter((c) => !votes(r, c).lt(r.threshold));
    if (over.length > 0) return this.highest(r, over, 'winner');
    const [a, b] = hopefuls;
    if (a !== undefined && hopefuls.length === 1 && this.continuing.size === 1) return ok({ candidate: a, tie: false });
    if (a === undefined || b === undefined || hopefuls.length !== 2 || this.continuing.size !== 2) return ok(undefined);
    // Two left, neither at the threshold: the one with more votes wins, a tie going to the tie-break.
    return this.highest(r, [a, b], 'winner');
  }

  private decideBottomsUp(r: RctabRound, finished: boolean): Result<Step, string> {
    if (!finished) return this.eliminate(r);
    for (const c of this.byName(this.hopefuls())) this.elect(r, c, false);
    return ok('done');
  }

  private decideMulti(r: RctabRound): Result<Step, string> {
    const hopefuls = this.hopefuls();
    const seatsLeft = this.seats - this.winners.length;
    if (r.round === 1 && this.candidates.filter((c) => !c.excluded && c.undeclaredWriteIn !== true).length <= this.seats) {
      for (const c of this.byName(hopefuls)) this.elect(r, c, false);
      r.finalRoundSurplus = Decimal.ZERO;
      return ok('done');
    }
    if (this.uwiContinuing()) return this.eliminate(r);
    let chosen: Pick[];
    if (hopefuls.length <= seatsLeft) chosen = this.byName(hopefuls).map((c) => ({ candidate: c, tie: false }));
    else {
      const over = hopefuls.filter((c) => !votes(r, c).lt(r.threshold));
      const ordered = this.byVotesDescending(r, over);
      if (!ordered.ok) return ordered;
      chosen = this.rules.winnerElectionMode === 'multiWinnerAllowOnlyOneWinnerPerRound' ? ordered.value.slice(0, 1) : ordered.value;
    }
    if (chosen.length === 0) return this.eliminate(r);
    for (const c of chosen) {
      this.elect(r, c.candidate, c.tie);
      this.transferSurplus(r, c.candidate);
    }
    return ok(this.winners.length >= this.seats ? 'finalRound' : 'continue');
  }

  private elect(r: RctabRound, c: number, tie: boolean): void {
    this.winners.push(c);
    r.results.push({ kind: 'elected', candidate: c, tie, transfers: new Map() });
    if (!this.singleWinner) this.continuing.delete(c);
  }

  /** Moves a winner's surplus on at the transfer value surplus ÷ votes (rounded down), ballot by ballot. */
  private transferSurplus(r: RctabRound, winner: number): void {
    const places = this.rules.decimalPlacesForVoteArithmetic;
    const held = votes(r, winner);
    const over = held.sub(r.threshold);
    const surplus = (over.signum() < 0 ? Decimal.ZERO : over).setScale(places, 'down');
    const fraction = held.isZero() ? Decimal.ZERO.setScale(places, 'down') : surplus.div(held, places, 'down');
    let moved = Decimal.ZERO;
    const slicesMoved = new Map<string, Decimal>();
    for (const s of this.states) {
      if (s.inactive !== undefined || s.current !== winner) continue;
      s.value = s.value.mul(fraction).setScale(places, 'down');
      const total = s.value.mul(s.weight);
      moved = moved.add(total);
      for (const id of s.slices) slicesMoved.set(id, (slicesMoved.get(id) ?? Decimal.ZERO).add(total));
    }
    // In each precinct or batch the winner keeps what its ballots there did not pass on.
    for (const [id, sliceMoved] of slicesMoved) {
      const held = r.slices.get(id)?.tally.get(winner) ?? Decimal.ZERO;
      this.ledger.setWinnerVotes(id, winner, held.sub(sliceMoved));
    }
    const residual = surplus.sub(moved);
    const result = r.results[r.results.length - 1] as TallyResult;
    if (!residual.isZero()) {
      result.residual = residual;
      this.residual = this.residual.add(residual);
    }
    this.winnerTally.set(winner, residual.isZero() ? held.sub(surplus) : r.threshold);
  }

  /** Eliminates for this round: by minimum vote threshold, the undeclared write-ins, a batch, or the last. */
  private eliminate(r: RctabRound): Result<Step, string> {
    const losers = this.losers(r);
    if (!losers.ok) return losers;
    for (const c of losers.value) {
      this.continuing.delete(c.candidate);
      r.results.push({ kind: 'eliminated', candidate: c.candidate, tie: c.tie, transfers: new Map() });
    }
    return ok('continue');
  }

  private losers(r: RctabRound): Result<Pick[], string> {
    const all = [...this.continuing];
    const plain = (cands: number[]): Pick[] => this.byName(cands).map((c) => ({ candidate: c, tie: false }));
    const min = Decimal.int(this.rules.minimumVoteThreshold);
    if (r.round === 1 && this.rules.minimumVoteThreshold > 0n) {
      const under = all.filter((c) => votes(r, c).lt(min));
      if (under.length > 0) return ok(plain(under));
    }
    // Undeclared write-ins go first; with no votes they may go in a batch (2015_portland_mayor).
    const uwi = all.filter((c) => this.candidates[c]?.undeclaredWriteIn === true);
    if (uwi.some((c) => !votes(r, c).isZero())) return ok(plain(uwi));
    if (this.rules.batchElimination && this.singleWinner) {
      const batch = batchLosers(r, all);
      if (batch.length > 1) return ok(plain(batch));
    }
    if (uwi.length > 0) return ok(plain(uwi));
    if (this.rules.winnerElectionMode === 'bottomsUpUsingPercentageThreshold' && this.rules.cutoffElimination) {
      const under = all.filter((c) => votes(r, c).lt(r.threshold));
      if (under.length > 0) return ok(plain(under));
    }
    const lowest = this.highest(r, all, 'loser');
    return lowest.ok ? ok(lowest.value === undefined ? [] : [lowest.value]) : lowest;
  }

  /** The candidate with most votes ('winner') or fewest ('loser'), ties broken by the tie-break. */
  private highest(r: RctabRound, cands: readonly number[], goal: 'winner' | 'loser'): Result<Pick | undefined, string> {
    if (cands.length === 0) return ok(undefined);
    const sign = goal === 'winner' ? 1 : -1;
    const best = cands.reduce((b, c) => (sign * votes(r, c).cmp(votes(r, b)) > 0 ? c : b));
    const tied = cands.filter((c) => votes(r, c).cmp(votes(r, best)) === 0);
    if (tied.length === 1) return ok({ candidate: best, tie: false });
    const chosen = this.tieBreak.choose(tied, goal, this.history());
    return chosen.ok ? ok({ candidate: chosen.value, tie: true }) : chosen;
  }

  private byVotesDescending(r: RctabRound, cands: readonly number[]): Result<Pick[], string> {
    const out: Pick[] = [];
    let left = [...cands];
    while (left.length > 0) {
      const next = this.highest(r, left, 'winner');
      if (!next.ok) return next;
      if (next.value === undefined) break;
      const chosen = next.value;
      out.push(chosen);
      left = left.filter((c) => c !== chosen.candidate);
    }
    return ok(out);
  }

  private byName(cands: readonly number[]): number[] {
    return [...cands].sort((a, b) => compareStrings(this.candidates[a]?.name ?? '', this.candidates[b]?.name ?? ''));
  }

  /** Tallies of the rounds before the current one, oldest first. */
  private history(): ReadonlyMap<number, Decimal>[] {
    return this.rounds.slice(0, -1).map((r) => r.tally);
  }
}

/**
 * Batch elimination (RCTab glossary): the largest group of lowest candidates whose votes together are fewer
 * than those of the next candidate up, when that candidate is not alone at the top.
 */
function batchLosers(r: RctabRound, cands: readonly number[]): number[] {
  const sorted = [...cands].sort((a, b) => votes(r, a).cmp(votes(r, b)));
  let total = Decimal.ZERO;
  let size = 0;
  // The candidate just above the batch must not be alone at the top: someone else has at least as many.
  for (let i = 0; i < sorted.length - 2; i++) {
    total = total.add(votes(r, sorted[i] as number));
    if (total.lt(votes(r, sorted[i + 1] as number))) size = i + 1;
  }
  return sorted.slice(0, size);
}

function votes(r: RctabRound, c: number): Decimal {
  return r.tally.get(c) ?? Decimal.ZERO;
}

function add(a: Decimal | undefined, b: Decimal): Decimal {
  return (a ?? Decimal.ZERO).add(b);
}

function addTo<K>(map: Map<K, Decimal>, key: K, amount: Decimal): void {
  map.set(key, add(map.get(key), amount));
}

/** Where a group stands after a round's tally; `lastMove` marks the round after the last seats were filled. */
function step(s: BallotState, lastMove: boolean): BallotStep {
  if (s.inactive !== undefined) return lastMove ? { finalSurplus: s.value } : { inactive: s.inactive };
  return s.current === undefined ? { inactive: 'exhaustedChoices' } : { candidate: s.current, value: s.value };
}

/** Votes gathered in a round: by candidate, and by candidate within each slice. */
interface Pile {
  readonly tally: Map<number, Decimal>;
  readonly slices: Map<string, Map<number, Decimal>>;
}

function credit(pile: Pile, s: BallotState, candidate: number, total: Decimal): void {
  addTo(pile.tally, candidate, total);
  for (const id of s.slices) {
    let map = pile.slices.get(id);
    if (!map) {
      map = new Map();
      pile.slices.set(id, map);
    }
    addTo(map, candidate, total);
  }
}
