/**
 * The exact IRV margin of victory: the fewest ballots whose rankings, changed, make someone else win under
 * the same rules and tie-breaks, with a witness the recount confirms.
 *
 * Method: Blom, Stuckey, Teague & Tidhar (2016), "Efficient computation of exact IRV margins", building on
 * Magrino, Rivest, Shen & Wagner (2011). Branch and bound over elimination orders built from the end: a
 * node is a suffix [.., x, c] in which c (not the winner) wins; its child puts one more candidate in front.
 * Each node's integer program (irv-order-model.ts) with ties allowed gives a lower bound for every order
 * ending that way: the suffix's rounds exactly, the earlier rounds through necessary conditions on the
 * candidates outside it (irv-outsider-bound.ts, irv-ladder.ts). A child whose parent's solution already
 * meets its constraints inherits it without a solver call (irv-order-check.ts). Nodes are taken smallest
 * bound first; the search ends when the smallest bound reaches the best confirmed change, which is then
 * the margin.
 *
 * Every solution is tried: applied to the ballots and recounted. If the recount elects someone else, that
 * solution is a witness at the node's bound and the node needs no children. For a full order the program
 * is solved again with ties that must go the right way: by lot order under lot, every tie traced back
 * through the earlier rounds under backwards; both are exact. Under forwards tie-breaks the program
 * demands strictly fewer votes, so a full order whose tied solution fails and whose strict one costs more
 * leaves a gap, and the margin is exact only if that gap lies at or above the margin found.
 *
 * Ties shape the bounds of partial orders too: outsider and ladder rows are strict where the tie-break's
 * fallback would keep the outsider (tieFallback), and under backwards a suffix round's tie looks back to
 * the round before. A queued suffix carries its linear relaxation's bound (a tenth of the cost on small
 * elections, and often already at the ceiling); its integer program is solved when it leaves the queue,
 * with the ceiling as the solver's cutoff, and its children may inherit that solution.
 *
 * The cheap bounds (irv-bounds.ts) come first: the last-round margin seeds the best change, and before
 * the first program moves of first preferences (irv-moves.ts) may lower it.
 */
import type { CandidateIndex, Contest } from '../count/ballots.ts';
import { count } from '../count/index.ts';
import { lotOrder } from '../count/tiebreak.ts';
import { DEFAULT_TIEBREAK, type CountResult, type TieBreakOptions } from '../count/types.ts';
import { err, ok, type Result } from '../result.ts';
import { changeableTotal, marginBallots, type Changeable, type MarginBallot } from './changeable.ts';
import { irvLastRoundBound, irvLowerBound } from './irv-bounds.ts';
import { firstPreferences, outsiderBound, outsiderGaps, tieFallback, type OutsiderGap } from './irv-outsider-bound.ts';
import { buildOrderModel, newBallotsOf, type OrderModel, type TieRows, type TieMargin } from './irv-order-model.ts';
import type { MipSolver } from './mip.ts';
import { ladderOrder } from './irv-ladder.ts';
import { meetsSuffix } from './irv-order-check.ts';
import { firstPreferenceMove } from './irv-moves.ts';
import { OrderQueue, type OrderNode } from './order-queue.ts';
import { applyChanges, changedBallots, changesWinner, irvWinner, type BallotChange } from './witness.ts';

export interface MarginOptions {
  readonly tieBreak?: TieBreakOptions;
  /** Programs (integer programs and their linear relaxations) to solve before stopping with a bound (default 20 000). */
  readonly maxNodes?: number;
}

export interface CheapBounds {
  readonly winner: CandidateIndex;
  readonly lower: bigint;
  /** The last-round margin, when its recount confirms it. */
  readonly upper?: readonly BallotChange[];
}

export interface IrvMargin {
  readonly winner: CandidateIndex;
  /** The margin when exact; else the best upper bound found. */
  readonly ballots: bigint;
  readonly exact: boolean;
  /** Proven lower bound (equal to `ballots` when exact). */
  readonly lowerBound: bigint;
  readonly witness: readonly BallotChange[];
  /** Who wins once the witness is applied. */
  readonly newWinner: CandidateIndex;
  /** Programs solved: integer programs and their linear relaxations. */
  readonly nodes: number;
  readonly cheap: CheapBounds;
}

/**
 * A segment's margin: the fewest of its ballots whose change alters the winner, or word that no change of
 * them was found (a segment too small, or none at all).
 */
export type SegmentMargin = { readonly kind: 'margin'; readonly margin: IrvMargin } | Unalterable;

export interface Unalterable {
  readonly kind: 'unalterable';
  readonly winner: CandidateIndex;
  /**
   * True: no change of the segment's ballots alters the winner, proven. False: the search stopped (node
   * budget, or backwards/forwards tie-breaks it could not settle) without finding one.
   */
  readonly exact: boolean;
  /** Fewest ballots any change of winner needs (more than the segment holds when exact). */
  readonly lowerBound: bigint;
  readonly nodes: number;
}

interface Prepared {
  /** The contest recounts run on: its ballots are `ballots`. */
  readonly contest: Contest;
  readonly ballots: readonly MarginBallot[];
  readonly result: CountResult;
}

function prepared(contest: Contest, tieBreak: TieBreakOptions, changeable?: Changeable): Result<Prepared, string> {
  // Witness rankings are of these ballots: withdrawn candidates dropped, identical rankings grouped.
  const ballots = marginBallots(contest, changeable);
  const plain = { ...contest, ballots };
  if (plain.candidates.length - plain.withdrawn.length < 2) return err('only one candidate stands, so no change of ballots can alter the winner');
  const result = count(plain, { method: 'irv', seats: 1, tieBreak });
  return result.ok ? ok({ contest: plain, ballots, result: result.value }) : err(result.error);
}

/** The bounds shown at once: the lower bound from the rounds' gaps and the last-round margin. */
export function cheapIrvBounds(contest: Contest, options: MarginOptions = {}): Result<CheapBounds, string> {
  const tieBreak = options.tieBreak ?? DEFAULT_TIEBREAK;
  const ready = prepared(contest, tieBreak);
  if (!ready.ok) return ready;
  return ok(cheapFrom(ready.value, tieBreak));
}

function cheapFrom({ contest, ballots, result }: Prepared, tieBreak: TieBreakOptions): CheapBounds {
  const winner = result.winners[0] as CandidateIndex;
  const upper = irvLastRoundBound(contest, ballots, result, tieBreak);
  return { winner, lower: irvLowerBound(result), ...(upper ? { upper } : {}) };
}

export function irvMargin(contest: Contest, solver: MipSolver, options: MarginOptions = {}): Result<IrvMargin, string> {
  const found = search(contest, solver, options);
  if (!found.ok) return found;
  if (found.value.kind === 'margin') return ok(found.value.margin);
  if (!found.value.exact) return err(`no change of winner found within ${found.value.nodes} programs`);
  throw new Error('every ballot may change, yet no change alters the winner');
}

/**
 * The margin when only the ballots `changeable` selects (indices into `contest.ballots`) may change. The
 * other ballots still count; the witness changes only selected ones. With none selected, or too few to
 * matter, no change alters the winner: the search proves it by exhausting every elimination order.
 */
export function irvSegmentMargin(contest: Contest, solver: MipSolver, changeable: Changeable, options: MarginOptions = {}): Result<SegmentMargin, string> {
  return search(contest, solver, options, changeable);
}

function search(contest: Contest, solver: MipSolver, options: MarginOptions, changeable?: Changeable): Result<SegmentMargin, string> {
  const tieBreak = options.tieBreak ?? DEFAULT_TIEBREAK;
  const ready = prepared(contest, tieBreak, changeable);
  if (!ready.ok) return ready;
  return new MarginSearch(ready.value, solver, tieBreak, cheapFrom(ready.value, tieBreak)).run(options.maxNodes ?? 20_000);
}

type Solved =
  | { readonly kind: 'solved'; readonly cost: bigint; readonly changes: readonly BallotChange[] }
  /** The gap bound alone already reaches the best change: not worth solving. */
  | { readonly kind: 'pruned' }
  | { readonly kind: 'infeasible' }
  /** The linear relaxation's bound alone: the integer program is left for later. */
  | { readonly kind: 'relaxed'; readonly bound: bigint }
  | { readonly kind: 'unknown' };

class MarginSearch {
  private readonly standing: readonly CandidateIndex[];
  private readonly firstPreferences: readonly bigint[];
  private readonly queue = new OrderQueue();
  private best: { cost: bigint; changes: readonly BallotChange[] } | undefined;
  /** Bounds of orders the search could not settle (solver limits, tie gaps); exactness needs them ≥ best. */
  private readonly unsettled: bigint[] = [];
  private nodes = 0;
  /** Whether the first-preference moves were tried. */
  private moved = false;
  private readonly contest: Contest;
  private readonly ballots: readonly MarginBallot[];
  /** One more than the ballots that may change: no change costs that much. */
  private readonly beyondReach: bigint;
  /** δ of the outsider and ladder rows: how a tie goes when every round had the two equal. */
  private readonly fallback: TieMargin;
  /** The tie rows of every suffix program; transfersFrom follows the best change known. */
  private get ties(): TieRows {
    const history = this.tieBreak.mode !== 'lot';
    return { fallback: this.fallback, lookback: this.tieBreak.mode === 'backwards', ...(history ? { transfersFrom: this.ceiling } : {}) };
  }

  constructor(
    ready: Prepared,
    private readonly solver: MipSolver,
    private readonly tieBreak: TieBreakOptions,
    private readonly cheap: CheapBounds,
  ) {
    [this.contest, this.ballots] = [ready.contest, ready.ballots];
    const gone = new Set(this.contest.withdrawn);
    this.standing = this.contest.candidates.map((_, c) => c).filter((c) => !gone.has(c));
    this.firstPreferences = firstPreferences(this.ballots, this.contest.candidates.length);
    this.beyondReach = changeableTotal(this.ballots) + 1n;
    this.fallback = tieFallback(this.contest.candidates, tieBreak);
    if (cheap.upper) this.best = { cost: changedBallots(cheap.upper), changes: cheap.upper };
  }

  /** Bounds at or above this need no search: the best change found costs it, or no change could. */
  private get ceiling(): bigint {
    return this.best ? this.best.cost : this.beyondReach;
  }

  run(maxNodes: number): Result<SegmentMargin, string> {
    for (const c of this.standing) if (c !== this.cheap.winner) this.consider({ order: [c], bound: this.cheap.lower });
    for (;;) {
      const node = this.queue.peek();
      if (node === undefined || node.bound >= this.ceiling) break;
      if (this.nodes + this.standing.length > maxNodes) {
        this.unsettled.push(node.bound);
        break;
      }
      // Before the first program, the cheap moves of first preferences (irv-moves.ts): only a search that
      // has a budget to spend tries them, so one allowed no programs reports the cheap bounds, as asked.
      if (!this.moved) {
        this.moved = true;
        this.tryMoves(node.bound);
        continue;
      }
      this.queue.pop();
      // A one-candidate suffix's program says little that its outsider bound does not: expand it at once.
      const solved = node.solution || node.order.length === 1 ? node : this.settle(node);
      if (solved) this.expand(solved);
    }
    return this.report();
  }

  /**
   * A queued suffix carries the bound of its linear relaxation only: its integer program is solved when it
   * comes off the queue, so suffixes still queued when the search ends never cost one. Answers the node to
   * expand, or undefined when the program rules it out, confirms a change, or raises its bound (then it is
   * queued again at the new bound).
   */
  private settle(node: OrderNode): OrderNode | undefined {
    const gaps = outsiderGaps(this.ballots, node.order, this.firstPreferences, this.ties);
    const solved = this.solve(node.order, () => 0, node.bound, gaps);
    if (solved.kind !== 'solved') return solved.kind === 'unknown' || solved.kind === 'relaxed' ? node : undefined;
    const bound = solved.cost > node.bound ? solved.cost : node.bound;
    if (bound >= this.ceiling) return undefined;
    if (this.confirms(solved.changes)) this.best = { cost: solved.cost, changes: solved.changes };
    else if (bound > node.bound) this.queue.push({ order: node.order, bound, solution: solved });
    else return { ...node, solution: solved };
    return undefined;
  }

  private expand(node: OrderNode): void {
    for (const x of this.standing) {
      if (node.order.includes(x)) continue;
      const order = [x, ...node.order];
      const gaps = outsiderGaps(this.ballots, order, this.firstPreferences, this.ties);
      const outside = outsiderBound(gaps);
      const floor = outside > node.bound ? outside : node.bound;
      if (floor >= this.ceiling) continue;
      const inherited = node.solution && meetsSuffix(this.contest, node.solution.changes, order, this.ties) ? node.solution : undefined;
      const full = order.length === this.standing.length;
      const tied: Solved = inherited ? { kind: 'solved', ...inherited } : this.solve(order, () => 0, floor, gaps, this.ties, full);
      if (tied.kind === 'infeasible' || tied.kind === 'pruned') continue;
      if (tied.kind === 'relaxed') {
        this.queue.push({ order, bound: tied.bound > floor ? tied.bound : floor });
        continue;
      }
      if (tied.kind === 'unknown') {
        if (order.length === this.standing.length) this.unsettled.push(node.bound);
        else this.queue.push({ order, bound: floor });
        continue;
      }
      const bound = tied.cost > floor ? tied.cost : floor;
      if (bound >= this.ceiling) continue;
      // An inherited solution was recounted at the parent already, in vain.
      if (!inherited && this.confirms(tied.changes)) this.best = { cost: tied.cost, changes: tied.changes };
      else if (order.length === this.standing.length) this.settleFullOrder(order, bound);
      else this.queue.push({ order, bound, solution: { cost: tied.cost, changes: tied.changes } });
    }
  }

  private tryMoves(lower: bigint): void {
    const search = { contest: this.contest, ballots: this.ballots, standing: this.standing, winner: this.cheap.winner, tieBreak: this.tieBreak };
    const move = firstPreferenceMove(search, lower, this.ceiling);
    if (move) this.best = { cost: changedBallots(move), changes: move };
  }

  /** Queues a one-candidate suffix unless the candidates outside it already rule it out. */
  private consider(node: OrderNode): void {
    const outside = outsiderBound(outsiderGaps(this.ballots, node.order, this.firstPreferences, this.ties));
    const bound = outside > node.bound ? outside : node.bound;
    if (bound < this.ceiling) this.queue.push({ order: node.order, bound });
  }

  /**
   * A full order whose tied solution failed: solve it with ties that must go the right way. Under lot the
   * lot-order program is exact, so a pruned or infeasible one settles the order; so does the traced one
   * under backwards (settleBackwards). Under forwards a tie might have gone the right way with fewer
   * changes, so unless a confirmed change meets the bound the order stays unsettled at its bound.
   */
  private settleFullOrder(order: readonly CandidateIndex[], bound: bigint): void {
    if (this.tieBreak.mode === 'backwards') {
      this.settleBackwards(order, bound);
      return;
    }
    const lot = this.solve(order, this.lotMargin(), bound);
    const lotHolds = lot.kind === 'solved' && this.record(lot.changes);
    if (this.tieBreak.mode === 'lot') {
      if (!lotHolds && (lot.kind === 'solved' || lot.kind === 'unknown')) this.unsettled.push(bound);
      return;
    }
    if (lotHolds && lot.cost === bound) return;
    if (!lotHolds) {
      const strict = this.solve(order, () => 1, bound);
      if (strict.kind === 'solved' && this.record(strict.changes) && strict.cost === bound) return;
    }
    this.unsettled.push(bound);
  }

  /**
   * Under backwards tie-breaks a full order's program can trace every tie back through the rounds before
   * it (irv-order-model.ts, backwardsChain), which makes it exact below the ceiling: infeasible or pruned,
   * no cheaper change follows this order; solved, its change is confirmed by the recount. Only a solver
   * failure, or a recount that disagrees with an exact program, leaves the order unsettled.
   */
  private settleBackwards(order: readonly CandidateIndex[], bound: bigint): void {
    const exact = this.solve(order, () => 0, bound, [], { ...this.ties, backwardsBelow: this.ceiling });
    if (exact.kind === 'infeasible' || exact.kind === 'pruned') return;
    if (exact.kind === 'solved' && (exact.cost >= this.ceiling || this.record(exact.changes))) return;
    this.unsettled.push(bound);
  }

  /** Keeps a change if the recount confirms it and it beats the best; says whether it was confirmed. */
  private record(changes: readonly BallotChange[]): boolean {
    if (!this.confirms(changes)) return false;
    const cost = changedBallots(changes);
    if (!this.best || cost < this.best.cost) this.best = { cost, changes };
    return true;
  }

  /** δ under lot: a tie between e and x excludes e only when e comes first in the lot order. */
  private lotMargin(): TieMargin {
    const rank = new Map(lotOrder(this.standing, this.contest.candidates, this.tieBreak.seed).map((c, i) => [c, i]));
    return (e, x) => ((rank.get(e) ?? 0) < (rank.get(x) ?? 0) ? 0 : 1);
  }

  /**
   * Solves the suffix's program. Only outsider gaps that a change cheaper than the ceiling could open
   * become rows: a solution under the ceiling satisfies the others anyway.
   */
  private solve(order: readonly CandidateIndex[], tieMargin: TieMargin, floor: bigint, gaps: readonly OutsiderGap[] = [], ties = this.ties, integer = true): Solved {
    const ladder = order.length < this.standing.length ? ladderOrder(order, this.firstPreferences) : [];
    const model = buildOrderModel(this.ballots, order, tieMargin, gaps.filter((g) => g.gap > -this.ceiling), ladder, ties);
    if ((model.gapBound > floor ? model.gapBound : floor) >= this.ceiling) return { kind: 'pruned' };
    // The linear relaxation is solved first, in a fraction of the time: often it already reaches the ceiling.
    this.nodes++;
    const relaxed = this.solver(model.relaxation);
    if (relaxed.status === 'infeasible') return { kind: 'infeasible' };
    if (relaxed.status === 'optimal' && (relaxed.bound > floor ? relaxed.bound : floor) >= this.ceiling) return { kind: 'pruned' };
    if (!integer) return relaxed.status === 'optimal' ? { kind: 'relaxed', bound: relaxed.bound } : { kind: 'unknown' };
    this.nodes++;
    // Changes that cost the ceiling or more are of no use: the solver stops once it proves none cheaper.
    const outcome = this.solver(model.lp, this.ceiling);
    if (outcome.status === 'infeasible') return { kind: 'pruned' };
    if (outcome.status !== 'optimal') return { kind: outcome.status };
    const changes = witnessOf(model, outcome.values);
    return changes === undefined ? { kind: 'unknown' } : { kind: 'solved', cost: changedBallots(changes), changes };
  }

  private confirms(changes: readonly BallotChange[]): boolean {
    return changes.length > 0 && changesWinner(this.contest, changes, this.cheap.winner, this.tieBreak);
  }

  private report(): Result<SegmentMargin, string> {
    const best = this.best;
    const open = [...this.unsettled, ...(this.queue.peek() ? [(this.queue.peek() as OrderNode).bound] : [])].filter((b) => b < this.ceiling);
    const lowerBound = open.reduce((a, b) => (b < a ? b : a), this.ceiling);
    if (!best) return ok({ kind: 'unalterable', winner: this.cheap.winner, exact: open.length === 0, lowerBound, nodes: this.nodes });
    const margin: IrvMargin = {
      winner: this.cheap.winner,
      ballots: best.cost,
      exact: lowerBound === best.cost,
      lowerBound,
      witness: best.changes,
      newWinner: irvWinner(applyChanges(this.contest, best.changes), this.tieBreak),
      nodes: this.nodes,
      cheap: this.cheap,
    };
    return ok({ kind: 'margin', margin });
  }
}

/** Pairs the ballots the solution takes away with the new paths it gives them. */
function witnessOf(model: OrderModel, values: ReadonlyMap<string, bigint>): BallotChange[] | undefined {
  const taken: { ranking: readonly CandidateIndex[]; n: bigint }[] = [];
  model.groups.forEach((g, i) => {
    let left = values.get(`m${i}`) ?? 0n;
    for (const b of g.ballots) {
      if (left <= 0n) break;
      const n = b.changeable < left ? b.changeable : left;
      if (n > 0n) taken.push({ ranking: b.ranking, n });
      left -= n;
    }
  });
  const given = newBallotsOf(model, values);
  if (given === undefined) return undefined;
  const changes: BallotChange[] = [];
  let t = 0;
  for (const g of given) {
    while (g.n > 0n) {
      const from = taken[t];
      if (from === undefined) return undefined;
      const n = from.n < g.n ? from.n : g.n;
      changes.push({ from: from.ranking, to: g.path, count: n });
      [from.n, g.n] = [from.n - n, g.n - n];
      if (from.n === 0n) t++;
    }
  }
  return t === taken.length ? changes : undefined;
}
