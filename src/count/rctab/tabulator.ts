/**
 * RCTab's tabulation, round by round, in BigDecimal-like arithmetic so that its reports come out identical.
 *
 * Source: RCTab's config file documentation and user guide ("Winning Rules": single-winner majority,
 * multi-winner allowing one or several winners per round with fractional surplus transfer, bottoms-up,
 * bottoms-up by percentage threshold, multi-pass IRV; batch elimination; continue until two candidates
 * remain; minimum vote threshold; stop tabulation early). Details the documents leave open were fixed
 * against RCTab's regression cases (shared data rctab/):
 * - undeclared write-ins never win; with votes they are eliminated before anyone else, without they may
 *   go in a batch (2015_portland_mayor);
 * - a single winner needs floor(V/2)+1 of the round's continuing votes; with two candidates left and
 *   neither there, the one with more votes wins; continuing until two remain keeps the winning threshold;
 * - a batch leaves the candidate just above it only if someone else has at least as many votes;
 * - a surplus moves at the transfer value surplus ÷ votes rounded down to the configured places, each
 *   ballot's new value rounded down likewise; what rounding leaves is the "residual surplus"; the winner
 *   keeps the threshold (or, when nothing was left over, their votes less the surplus);
 * - once the seats are filled one more round is tallied in which no one can receive votes: the winners'
 *   surpluses then are the "final round surplus", not inactive ballots.
 */
import { ok, type Result } from '../../result.ts';
import { BallotBox } from './ballot-box.ts';
import { Decimal, sumDecimals } from './decimal.ts';
import type { RctabCount, RctabRound, TallyResult } from './round.ts';
import type { RctabBallot, RctabCandidate, RctabRules } from './rules.ts';
import type { SliceRound } from './slices.ts';
import { percentageThreshold, winningThreshold } from './threshold.ts';
import { compareStrings, RctabTieBreak } from './tiebreak.ts';

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

/** A candidate chosen to win or lose, and whether a tie-break chose them. */
interface Pick {
  readonly candidate: number;
  readonly tie: boolean;
}

class Tabulation {
  private readonly candidates: readonly RctabCandidate[];
  private readonly rules: RctabRules;
  private readonly box: BallotBox;
  private readonly continuing = new Set<number>();
  private readonly winners: number[] = [];
  private readonly winnerTally = new Map<number, Decimal>();
  private readonly rounds: RctabRound[] = [];
  private readonly tieBreak: RctabTieBreak;
  private readonly maxRankings: number;
  private readonly seats: number;
  private residual = Decimal.ZERO;
  private firstRoundVotes = Decimal.ZERO;
  private readonly earlierWinners: number;

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
    this.box = new BallotBox(ballots, rules, this.maxRankings);
  }

  private get singleWinner(): boolean {
    return this.rules.winnerElectionMode === 'singleWinnerMajority' || this.rules.winnerElectionMode === 'multiPassIrv';
  }

  run(): Result<RctabCount, string> {
    for (let round = 1; ; round++) {
      const { tally, slices } = this.tallyRound();
      const { threshold, thresholdVotes } = this.threshold(round, tally);
      const record: RctabRound = { round, tally, threshold, thresholdVotes, inactive: { ...this.box.inactive }, residualSurplus: this.residual, results: [], slices };
      this.rounds.push(record);
      const step = this.decide(record);
      if (!step.ok) return step;
      if (step.value === 'finalRound') {
        const last = this.tallyRound(true);
        const final = { finalRoundSurplus: this.box.finalSurplus, results: [], slices: last.slices };
        this.rounds.push({ round: round + 1, tally: last.tally, threshold, thresholdVotes, inactive: { ...this.box.inactive }, residualSurplus: this.residual, ...final });
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
      totalBallots: this.box.totalBallots,
      undervotes: this.box.undervotes,
      sliceTotals: this.box.sliceTotals,
      paths: this.box.paths(),
    });
  }

  /** The round's tally: ballots moved on from those who left, and the winners at what they keep. */
  private tallyRound(final = false): { tally: Map<number, Decimal>; slices: Map<string, SliceRound> } {
    const { tally, slices } = this.box.tally(this.continuing, this.rounds[this.rounds.length - 1], final);
    for (const [w, votes] of this.winnerTally) tally.set(w, votes);
    return { tally: new Map([...tally].sort(([a], [b]) => a - b)), slices };
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
    const moved = this.box.applyTransferValue(r, winner, fraction, places);
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
