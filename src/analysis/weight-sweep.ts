/**
 * Who wins an IRV count as some ballots' weights move along a line: each ballot group weighs
 * base + slope·t for a parameter t (a turnout factor, a number of ballots changed). Found exactly, with
 * the counting engine at rational points, never by sampling floats.
 *
 * Why it is exact: along a fixed sequence of rounds every candidate's tally is linear in t, so the
 * engine's decisions (who is lowest, whether someone has a majority, batch exclusions, backwards
 * tie-breaks on earlier rounds) can only change where two of those linear functions cross. Between
 * consecutive crossings the count makes the same decisions, hence elects the same winner. A count at a
 * rational point t = p/q weighs each group base·q + slope·p (the same election scaled by q, which IRV does
 * not notice), so every point is counted in whole numbers.
 *
 * The sweep walks t upward from a start: the open interval after the current point (whose rounds are found
 * by counting inside it and checking that no crossing of those rounds lies between), then the crossing
 * point that ends it, counted on its own since ties there are broken by the rules.
 */
import { Rational } from '../count/arithmetic.ts';
import type { Ballot, CandidateIndex, Contest } from '../count/ballots.ts';
import { count, type CountOptions } from '../count/index.ts';
import type { Round } from '../count/types.ts';
import { err, ok, type Result } from '../result.ts';

export interface SweptGroup {
  readonly ranking: readonly CandidateIndex[];
  readonly base: bigint;
  /** May be negative; base + slope·t must stay ≥ 0 over the swept range. */
  readonly slope: bigint;
}

/** A stretch of t with one winner: the single point `from`, or the open interval (from, to). */
export interface Piece {
  readonly from: Rational;
  /** The open interval's end; undefined when it runs on without end. */
  readonly to?: Rational;
  readonly point: boolean;
  /** Undefined only at a point where every weight is zero (no election to count). */
  readonly winner: CandidateIndex | undefined;
}

/** A tally linear in t: a + b·t. */
interface Line {
  readonly a: bigint;
  readonly b: bigint;
}

export class WeightSweep {
  constructor(
    private readonly contest: Contest,
    private readonly groups: readonly SweptGroup[],
    private readonly options: CountOptions,
  ) {}

  /** Refuses what the linear model does not describe: STV, RCTab rule sets, equal rankings. */
  static check(contest: Contest, options: CountOptions): Result<void, string> {
    if (options.method !== 'irv' || (options.rules ?? 'irv') !== 'irv') return err('the smallest swing is found for IRV (standard rules) only');
    if (contest.ballots.some((b) => b.tiedWithPrevious !== undefined)) return err('the smallest swing is not found for ballots with equal rankings');
    return ok(undefined);
  }

  /**
   * The pieces from `start` on, up to and including `end` (without end when undefined), in order,
   * alternating point and open interval, until `stop` accepts one (which is returned) or the range ends.
   */
  firstPiece(start: Rational, end: Rational | undefined, stop: (p: Piece) => boolean): Result<Piece | undefined, string> {
    let t = start;
    for (;;) {
      const at = this.winnerAt(t);
      if (!at.ok) return at;
      const point: Piece = { from: t, point: true, winner: at.value };
      if (stop(point)) return ok(point);
      if (end && !t.lt(end)) return ok(undefined);
      const open = this.intervalAfter(t, end);
      if (!open.ok) return open;
      if (stop(open.value)) return ok(open.value);
      if (open.value.to === undefined) return ok(undefined);
      t = open.value.to;
    }
  }

  private contestAt(t: Rational): Contest {
    const ballots: Ballot[] = [];
    for (const g of this.groups) {
      const weight = g.base * t.den + g.slope * t.num;
      if (weight < 0n) throw new Error(`swept weight below zero at t = ${t.toString()}`);
      if (weight > 0n) ballots.push({ ranking: g.ranking, weight });
    }
    return { ...this.contest, ballots };
  }

  private countAt(t: Rational): Result<{ winner: CandidateIndex | undefined; rounds: readonly Round[] }, string> {
    const contest = this.contestAt(t);
    if (contest.ballots.length === 0) return ok({ winner: undefined, rounds: [] });
    const result = count(contest, this.options);
    if (!result.ok) return err(`count at t = ${t.toString()}: ${result.error}`);
    return ok({ winner: result.value.winners[0], rounds: result.value.rounds });
  }

  private winnerAt(t: Rational): Result<CandidateIndex | undefined, string> {
    const counted = this.countAt(t);
    return counted.ok ? ok(counted.value.winner) : counted;
  }

  /** The open interval after t on which one sequence of rounds holds, capped at `end`. */
  private intervalAfter(t: Rational, end: Rational | undefined): Result<Piece, string> {
    let probe = end ? midpoint(t, end) : t.add(Rational.ONE);
    for (;;) {
      const counted = this.countAt(probe);
      if (!counted.ok) return counted;
      const crossings = this.crossings(counted.value.rounds, probe);
      const below = crossings.filter((x) => x.lt(probe)).reduce<Rational | undefined>((m, x) => (m && !x.gt(m) ? m : x), undefined);
      const tied = crossings.some((x) => x.eq(probe));
      // The rounds counted at the probe hold back to t only if no crossing of theirs lies in between.
      if (tied || (below && below.gt(t))) {
        probe = midpoint(t, tied || !below ? probe : below);
        continue;
      }
      const above = crossings.filter((x) => x.gt(probe)).reduce<Rational | undefined>((m, x) => (m && !x.lt(m) ? m : x), undefined);
      const to = above && (!end || above.lt(end)) ? above : end;
      return ok({ from: t, ...(to ? { to } : {}), point: false, winner: counted.value.winner });
    }
  }

  /** Every t where two quantities the count compares in these rounds are equal. */
  private crossings(rounds: readonly Round[], probe: Rational): Rational[] {
    const out: Rational[] = [];
    const cross = (x: Line, y: Line): void => {
      if (x.b !== y.b) out.push(Rational.of(y.a - x.a, x.b - y.b));
    };
    for (const round of rounds) {
      const lines = this.tallies([...round.tally.keys()]);
      const total = lines.reduce((s, l) => ({ a: s.a + l.a, b: s.b + l.b }), { a: 0n, b: 0n });
      lines.forEach((x, i) => {
        for (const y of lines.slice(i + 1)) cross(x, y);
        // A majority: 2·tally against the continuing total.
        cross({ a: 2n * x.a, b: 2n * x.b }, total);
      });
      if (this.options.batchElimination) this.batchCrossings(lines, probe, cross);
    }
    return out;
  }

  /**
   * Batch elimination compares the sum of the lowest candidates with the next one up. Where no two tallies
   * cross the order of the tallies is the probe's, so the sums of its prefixes are the ones compared.
   */
  private batchCrossings(lines: readonly Line[], probe: Rational, cross: (x: Line, y: Line) => void): void {
    const value = (l: Line): bigint => l.a * probe.den + l.b * probe.num;
    const sorted = [...lines].sort((x, y) => (value(x) < value(y) ? -1 : value(x) > value(y) ? 1 : 0));
    let sum: Line = { a: 0n, b: 0n };
    for (const l of sorted) {
      sum = { a: sum.a + l.a, b: sum.b + l.b };
      for (const other of lines) cross(sum, other);
    }
  }

  /** Each continuing candidate's tally as a line: the groups whose first continuing choice they are. */
  private tallies(continuing: readonly CandidateIndex[]): Line[] {
    const index = new Map(continuing.map((c, i) => [c, i]));
    const a = continuing.map(() => 0n);
    const b = continuing.map(() => 0n);
    for (const g of this.groups) {
      const first = g.ranking.find((c) => index.has(c));
      if (first === undefined) continue;
      const i = index.get(first) as number;
      a[i] = (a[i] as bigint) + g.base;
      b[i] = (b[i] as bigint) + g.slope;
    }
    return continuing.map((_, i) => ({ a: a[i] as bigint, b: b[i] as bigint }));
  }
}

function midpoint(x: Rational, y: Rational): Rational {
  return x.add(y).div(Rational.of(2n));
}
