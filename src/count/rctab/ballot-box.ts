/**
 * The ballots of an RCTab count and where each group of them stands: which candidate it counts for, at
 * what value, or why it became inactive. The tabulator decides who is elected or eliminated; the ballot
 * box moves ballots accordingly, tallies every round (for the whole contest and for each precinct or
 * batch), records where moved ballots went, and applies surplus transfer values.
 *
 * Tallies are kept running rather than summed again each round: a continuing candidate's ballots stay where
 * they are, so a round only moves the ballots of the candidates who left (and, in the first round, places
 * every ballot). This is exact, scale included: a BigDecimal sum's scale is the largest of its terms', so
 * last round's total plus the ballots that arrived equals the sum of all the candidate's ballots, digit for
 * digit and scale for scale, as RCTab's full recount gives it. A count costs the moves its ballots make,
 * not ballots × rounds.
 */
import { chooseCandidate, isUndervote, type InactiveReason } from './choice.ts';
import { Decimal } from './decimal.ts';
import type { BallotPath, BallotStep, RctabRound, TransferTarget } from './round.ts';
import type { RctabBallot, RctabRules } from './rules.ts';
import { SliceLedger, sliceId, zeroInactive, type SliceRound, type SliceTotals } from './slices.ts';

interface BallotState {
  readonly ballot: RctabBallot;
  readonly weight: Decimal;
  /** Ids of the precinct and batch slices the group belongs to. */
  readonly slices: readonly string[];
  /** Value of each ballot of the group (1 until part of it is kept by a winner). */
  value: Decimal;
  current?: number;
  inactive?: InactiveReason;
  /** Made inactive in the round after the last seats were filled: its value is final round surplus. */
  finalSurplus?: boolean;
  /** Where the group stood after each round, kept only for ballots given with ids. */
  readonly path?: BallotStep[];
}

const NOBODY: ReadonlySet<number> = new Set();

export class BallotBox {
  private readonly rules: RctabRules;
  private readonly maxRankings: number;
  private readonly states: BallotState[] = [];
  /** Groups not yet placed with a candidate: every group, until the first round is tallied. */
  private unplaced: BallotState[] = [];
  /** The active groups held by each candidate. */
  private readonly piles = new Map<number, BallotState[]>();
  /** Votes of each candidate holding ballots: the sum of its pile, in the whole contest and in each slice. */
  private readonly votes = new Map<number, Decimal>();
  private readonly sliceVotes = new Map<string, Map<number, Decimal>>();
  /** The groups whose path through the rounds is recorded (given with CVR ids). */
  private readonly tracked: readonly BallotState[];
  private readonly ledger = new SliceLedger();
  readonly sliceTotals = new Map<string, SliceTotals>();
  private readonly undervotePaths: BallotPath[] = [];
  /** Inactive ballots so far, by reason. */
  readonly inactive: Record<InactiveReason, Decimal> = zeroInactive();
  /** What winners' surpluses carried after the last seats were filled. */
  finalSurplus = Decimal.ZERO;
  totalBallots = 0n;
  undervotes = 0n;

  constructor(ballots: readonly RctabBallot[], rules: RctabRules, maxRankings: number) {
    this.rules = rules;
    this.maxRankings = maxRankings;
    for (const ballot of ballots) this.admit(ballot);
    this.unplaced = [...this.states];
    this.tracked = this.states.filter((s) => s.path);
  }

  private admit(ballot: RctabBallot): void {
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

  /**
   * Moves ballots whose candidate left the count (recording the moves in `previous`'s results) and
   * tallies the continuing candidates. In the round after the last seats are filled (`final`) nobody can
   * receive votes any more: what the winners' surpluses carry is the final round surplus, not inactive.
   */
  tally(continuing: ReadonlySet<number>, previous: RctabRound | undefined, final: boolean): { tally: Map<number, Decimal>; slices: Map<string, SliceRound> } {
    const receiving = final ? NOBODY : continuing;
    for (const c of continuing) if (!this.votes.has(c)) this.votes.set(c, Decimal.ZERO);
    for (const s of this.unplaced) this.move(s, receiving, previous);
    this.unplaced = [];
    for (const c of [...this.votes.keys()].filter((c) => !continuing.has(c))) this.release(c, receiving, previous);
    for (const s of this.tracked) s.path?.push(step(s));
    const slices = new Map<string, SliceRound>();
    for (const id of this.sliceTotals.keys()) {
      const round = this.ledger.startRound(id);
      for (const [c, v] of this.sliceVotes.get(id) ?? []) round.tally.set(c, v);
      if (final) round.finalRoundSurplus = this.ledger.finalSurplusOf(id);
      slices.set(id, round);
    }
    return { tally: new Map(this.votes), slices };
  }

  /** A candidate has left the count: their votes go, and their ballots move on. */
  private release(candidate: number, receiving: ReadonlySet<number>, previous: RctabRound | undefined): void {
    this.votes.delete(candidate);
    for (const votes of this.sliceVotes.values()) votes.delete(candidate);
    const pile = this.piles.get(candidate) ?? [];
    this.piles.delete(candidate);
    for (const s of pile) this.move(s, receiving, previous);
  }

  /** Moves a ballot group from a candidate who left to its next choice, or makes it inactive. */
  private move(s: BallotState, receiving: ReadonlySet<number>, previous: RctabRound | undefined): void {
    const from = s.current;
    const total = s.value.mul(s.weight);
    const choice = chooseCandidate(s.ballot, receiving, this.rules, this.maxRankings);
    let to: TransferTarget;
    if ('inactive' in choice) {
      s.inactive = choice.inactive;
      this.retire(s, choice.inactive, total, receiving === NOBODY);
      to = 'exhausted';
    } else {
      s.current = choice.candidate;
      this.credit(s, choice.candidate, total);
      to = choice.candidate;
    }
    // Ballots worth nothing (a winner's without surplus) move, but are not reported as transfers.
    if (from !== undefined && previous && !total.isZero()) recordTransfer(previous, s, from, to, total);
  }

  private retire(s: BallotState, reason: InactiveReason, total: Decimal, final: boolean): void {
    if (final) {
      s.finalSurplus = true;
      this.finalSurplus = this.finalSurplus.add(total);
    } else this.inactive[reason] = this.inactive[reason].add(total);
    for (const id of s.slices) {
      if (final) this.ledger.addFinalSurplus(id, total);
      else this.ledger.addInactive(id, reason, total);
    }
  }

  /**
   * Gives the winner's ballots their new value (value × transfer value, rounded down to `places`) and
   * returns the votes so moved on; in each precinct or batch the winner keeps what its ballots there did
   * not pass on.
   */
  applyTransferValue(r: RctabRound, winner: number, fraction: Decimal, places: number): Decimal {
    let moved = Decimal.ZERO;
    const slicesMoved = new Map<string, Decimal>();
    for (const s of this.piles.get(winner) ?? []) {
      s.value = s.value.mul(fraction).setScale(places, 'down');
      const total = s.value.mul(s.weight);
      moved = moved.add(total);
      for (const id of s.slices) slicesMoved.set(id, (slicesMoved.get(id) ?? Decimal.ZERO).add(total));
    }
    for (const [id, sliceMoved] of slicesMoved) {
      const held = r.slices.get(id)?.tally.get(winner) ?? Decimal.ZERO;
      this.ledger.setWinnerVotes(id, winner, held.sub(sliceMoved));
    }
    return moved;
  }

  /** Puts a group on a candidate's pile and adds its votes to the candidate's, in the contest and its slices. */
  private credit(s: BallotState, candidate: number, total: Decimal): void {
    const pile = this.piles.get(candidate);
    if (pile) pile.push(s);
    else this.piles.set(candidate, [s]);
    addTo(this.votes, candidate, total);
    for (const id of s.slices) {
      let votes = this.sliceVotes.get(id);
      if (!votes) {
        votes = new Map();
        this.sliceVotes.set(id, votes);
      }
      addTo(votes, candidate, total);
    }
  }

  /** Each identified ballot's path through the rounds. */
  paths(): BallotPath[] {
    return [...this.states.flatMap((s) => (s.path && s.ballot.ids ? [{ ids: s.ballot.ids, steps: s.path }] : [])), ...this.undervotePaths];
  }
}

/** Adds a move to the previous round's result for `from`, in the whole contest and in its slices. */
function recordTransfer(previous: RctabRound, s: BallotState, from: number, to: TransferTarget, total: Decimal): void {
  const index = previous.results.findIndex((t) => t.candidate === from);
  const result = previous.results[index];
  if (!result) return;
  addTo(result.transfers, to, total);
  for (const id of s.slices) {
    const sliceTransfers = previous.slices.get(id)?.transfers;
    if (!sliceTransfers) continue;
    const map = sliceTransfers.get(index) ?? new Map<TransferTarget, Decimal>();
    addTo(map, to, total);
    sliceTransfers.set(index, map);
  }
}

/** Where a group stands after a round's tally. */
function step(s: BallotState): BallotStep {
  if (s.inactive !== undefined) return s.finalSurplus === true ? { finalSurplus: s.value } : { inactive: s.inactive };
  return s.current === undefined ? { inactive: 'exhaustedChoices' } : { candidate: s.current, value: s.value };
}

function addTo<K>(map: Map<K, Decimal>, key: K, amount: Decimal): void {
  map.set(key, (map.get(key) ?? Decimal.ZERO).add(amount));
}
