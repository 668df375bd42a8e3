/**
 * The smallest swing of one segment (a group of ballots: a region, an elector class, the ballots a what-if
 * spec changes) that alters an IRV winner W, found exactly by weight-sweep.ts. Three measures:
 *
 * - raise: the smallest turnout factor f > 1 such that counting each of the segment's ballots f times
 *   (every other ballot once) elects someone other than W. `attained: false` means f itself still
 *   elects W (a tie broken W's way) but every factor just above f does not: f is then the infimum.
 * - lower: the largest factor f in [0, 1) (0 = the segment removed) that elects someone other than W;
 *   `attained: false` means every factor just below f does, f itself not.
 * - move: the smallest number k of the segment's ballots ranking W first that, changed to rank the
 *   runner-up R (the strongest other candidate in the last round that had one) first and W second, elect someone else. While W
 *   continues such a ballot counts for R while R does and for W after, whatever else it ranked, so
 *   whether W still wins depends on k only, not on which of those ballots are changed; the new winner
 *   reported is the one when the first k in file order are. Any k' < k keeps W.
 *
 * - margin (when a solver is given): the segment's exact margin (irv-margin.ts irvSegmentMargin): the
 *   fewest of its ballots whose rankings, changed in any way, alter the winner, with a witness; or word
 *   that no change of its ballots does (proven, or not found before the search stopped).
 *
 * A measure is absent when no such change exists (e.g. no factor above 1 alters the winner).
 */
import { Rational } from '../count/arithmetic.ts';
import { groupBallots, type Ballot, type CandidateIndex } from '../count/ballots.ts';
import { count, type CountOptions } from '../count/index.ts';
import type { Round } from '../count/types.ts';
import { err, ok, type Result } from '../result.ts';
import type { SegmentedBallot, SegmentedContest } from './segments.ts';
import { irvSegmentMargin, type SegmentMargin } from './irv-margin.ts';
import type { MipSolver } from './mip.ts';
import { WeightSweep, type Piece, type SweptGroup } from './weight-sweep.ts';

export interface FactorChange {
  readonly factor: Rational;
  readonly attained: boolean;
  /** Who wins at the factor, or just beyond it when not attained. */
  readonly winner: CandidateIndex;
}

export interface MoveChange {
  readonly ballots: bigint;
  /** The segment's ballots that rank W first: the most that can be moved. */
  readonly of: bigint;
  readonly winner: CandidateIndex;
}

export interface SmallestSwing {
  readonly winner: CandidateIndex;
  readonly runnerUp?: CandidateIndex;
  /** The segment's ballots. */
  readonly ballots: bigint;
  readonly raise?: FactorChange;
  readonly lower?: FactorChange;
  readonly move?: MoveChange;
  readonly margin?: SegmentMargin;
}

/** The exact search for the segment's margin: the solver and its budget of programs. */
export interface MarginSearch {
  readonly solver: MipSolver;
  readonly maxNodes: number;
}

export function smallestSwing(segmented: SegmentedContest, inSegment: (b: SegmentedBallot) => boolean, options: CountOptions, search?: MarginSearch): Result<SmallestSwing, string> {
  const { contest } = segmented;
  const checked = WeightSweep.check(contest, options);
  if (!checked.ok) return checked;
  const actual = count(contest, options);
  if (!actual.ok) return actual;
  const winner = actual.value.winners[0] as CandidateIndex;
  const runnerUp = runnerUpOf(actual.value.rounds, winner);
  const segment = segmented.ballots.filter(inSegment);
  const other = segmented.ballots.filter((b) => !inSegment(b));
  const changes = (p: Piece): boolean => p.winner !== undefined && p.winner !== winner;
  const sweep = (groups: SweptGroup[]): WeightSweep => new WeightSweep(contest, groups, options);
  const fixed = grouped(other, 1n, 0n);
  const raise = sweep([...fixed, ...grouped(segment, 0n, 1n)]).firstPiece(Rational.ONE, undefined, changes);
  if (!raise.ok) return raise;
  // f = 1 − t for t from 0 to 1.
  const lower = sweep([...fixed, ...grouped(segment, 1n, -1n)]).firstPiece(Rational.ZERO, Rational.ONE, changes);
  if (!lower.ok) return lower;
  const move = runnerUp === undefined ? ok(undefined) : smallestMove(segmented, inSegment, winner, runnerUp, options);
  if (!move.ok) return move;
  const margin = search ? segmentMargin(segmented, inSegment, options, search) : ok(undefined);
  if (!margin.ok) return margin;
  return ok({
    winner,
    ...(runnerUp === undefined ? {} : { runnerUp }),
    ballots: segment.reduce((s, b) => s + b.weight, 0n),
    ...(raise.value ? { raise: factorOf(raise.value, raise.value.from) } : {}),
    ...(lower.value ? { lower: factorOf(lower.value, Rational.ONE.sub(lower.value.from)) } : {}),
    ...(move.value ? { move: move.value } : {}),
    ...(margin.value ? { margin: margin.value } : {}),
  });
}

function segmentMargin(segmented: SegmentedContest, inSegment: (b: SegmentedBallot) => boolean, options: CountOptions, search: MarginSearch): Result<SegmentMargin, string> {
  const changeable = (i: number): boolean => {
    const b = segmented.ballots[i];
    return b !== undefined && inSegment(b);
  };
  const tieBreak = options.tieBreak ? { tieBreak: options.tieBreak } : {};
  return irvSegmentMargin(segmented.contest, search.solver, changeable, { ...tieBreak, maxNodes: search.maxNodes });
}

function factorOf(p: Piece, factor: Rational): FactorChange {
  return { factor, attained: p.point, winner: p.winner as CandidateIndex };
}

/**
 * The strongest other candidate of the last round that had one: usually the last round's, but when the
 * last two tied and one was excluded, the winner stands alone at the end.
 */
function runnerUpOf(rounds: readonly Round[], winner: CandidateIndex): CandidateIndex | undefined {
  for (const round of [...rounds].reverse()) {
    let best: [CandidateIndex, Rational] | undefined;
    for (const [c, v] of round.tally) if (c !== winner && (!best || v.gt(best[1]))) best = [c, v];
    if (best) return best[0];
  }
  return undefined;
}

/** Ballots grouped by ranking, each group weighing (base + slope·t) times its ballots. */
function grouped(ballots: readonly Ballot[], base: bigint, slope: bigint): SweptGroup[] {
  return groupBallots(ballots).map((g) => ({ ranking: g.ranking, base: base * g.weight, slope: slope * g.weight }));
}

function smallestMove(
  segmented: SegmentedContest,
  inSegment: (b: SegmentedBallot) => boolean,
  winner: CandidateIndex,
  runnerUp: CandidateIndex,
  options: CountOptions,
): Result<MoveChange | undefined, string> {
  const movable = (b: SegmentedBallot): boolean => inSegment(b) && b.ranking[0] === winner;
  const of = segmented.ballots.reduce((s, b) => (movable(b) ? s + b.weight : s), 0n);
  if (of === 0n) return ok(undefined);
  // While W continues, a W-first ballot counts for W whatever follows, so they stand as one [W] group.
  const groups = [
    ...grouped(segmented.ballots.filter((b) => !movable(b)), 1n, 0n),
    { ranking: [winner], base: of, slope: -1n },
    { ranking: [runnerUp, winner], base: 0n, slope: 1n },
  ];
  const whole = (p: Piece): bigint | undefined => {
    if (p.point) return p.from.den === 1n && p.from.num > 0n ? p.from.num : undefined;
    const k = p.from.floor() + 1n;
    return p.to === undefined || Rational.of(k).lt(p.to) ? k : undefined;
  };
  const found = new WeightSweep(segmented.contest, groups, options).firstPiece(Rational.ZERO, Rational.of(of), (p) => p.winner !== undefined && p.winner !== winner && whole(p) !== undefined);
  if (!found.ok || found.value === undefined) return found.ok ? ok(undefined) : found;
  const k = whole(found.value) as bigint;
  const recount = count({ ...segmented.contest, ballots: moveBallots(segmented.ballots, movable, k, [runnerUp, winner]) }, options);
  if (!recount.ok) return err(recount.error);
  const now = recount.value.winners[0] as CandidateIndex;
  if (now === winner) throw new Error(`moving ${k} ballots should have altered the winner`);
  return ok({ ballots: k, of, winner: now });
}

/** The ballots with the first k (in file order) that `movable` selects changed to `to`. */
export function moveBallots(ballots: readonly SegmentedBallot[], movable: (b: SegmentedBallot) => boolean, k: bigint, to: readonly CandidateIndex[]): Ballot[] {
  let left = k;
  return ballots.flatMap((b): Ballot[] => {
    if (left === 0n || !movable(b)) return [b];
    const n = b.weight < left ? b.weight : left;
    left -= n;
    const moved = { ranking: to, weight: n };
    return n === b.weight ? [moved] : [moved, { ranking: b.ranking, weight: b.weight - n }];
  });
}
