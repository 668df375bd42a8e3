/**
 * The integer program of one (partial) elimination order, after Magrino, Rivest, Shen & Wagner (2011) and
 * Blom, Stuckey, Teague & Tidhar (2016), "Efficient computation of exact IRV margins".
 *
 * An order is a suffix of the count, e.g. [D, B, C]: D is excluded when only D, B, C remain, then B, and C
 * wins. Only these last rounds are constrained (earlier rounds are relaxed away), so the optimum is a lower
 * bound on the ballots needed for any full order ending this way, and it can only grow as the suffix grows.
 *
 * In those rounds a ballot counts for the first of its candidates still standing, so ballots group by
 * their "path" through the suffix: the ranking's candidates of the suffix, keeping each only if it is
 * excluded later than the one before (an earlier one is already gone when the ballot reaches it).
 * Variables: how many ballots of each path are taken away (m, at most the path's changeable ballots: all
 * of them, or a segment's), and the new paths given to them as a flow (a): one arc per pair of suffix
 * members in order of exclusion, from a source to each member and from each member to a sink (the source
 * straight to the sink is the blank ballot). A new path is a route from source to sink; the flow into each
 * member equals the flow out. Minimise the ballots changed, Σm, with the source's flow = Σm.
 *
 * Why a flow rather than a variable per path: there are 2^n paths, and for Portland 2015's full orders
 * (16 candidates) that program is 40 MB of LP text that HiGHS's WebAssembly build does not finish. A new
 * ballot counts for x in round j exactly when x is on its path at or after j and the member before x on
 * the path went before round j, i.e. it enters x by an arc from a member excluded before j (or from the
 * source). So each round's tallies are linear in the arc flows, and an integer flow on this acyclic
 * network splits into whole paths with the same tallies (newBallotsOf): the same program, n² variables.
 *
 * Each round says the excluded candidate e has fewer votes than every other standing x:
 *   T(e) + δ ≤ T(x), δ = 0 for the relaxation (a lower bound under any tie-break), δ = 1 where a tie
 *   would not go e's way. Values are integers, so δ = 1 is "strictly fewer".
 *
 * The earlier rounds add one necessary condition per outsider y (a candidate before the suffix) and suffix
 * member s (irv-outsider-bound.ts): FP(y) ≤ T_{S∪{y}}(s), with the changes:
 *   FP(y) − Σ m(first preference y) ≤ T_{S∪{y}}(s) − Σ m(s first in S, y not above s) + Σ a(path from s).
 * For those, ballots group also by their first preference and the outsiders they rank above the suffix.
 */
import type { CandidateIndex } from '../count/ballots.ts';
import type { MarginBallot } from './changeable.ts';
import { ladderRows, type LadderRows } from './irv-ladder.ts';
import type { OutsiderGap, OutsiderTies } from './irv-outsider-bound.ts';

/** Ballots with the same path through the suffix (and the same standing with the outsiders constrained). */
export interface PathGroup {
  readonly path: readonly CandidateIndex[];
  readonly ballots: readonly MarginBallot[];
  readonly weight: bigint;
  /** How many of them may change: the bound on m. */
  readonly changeable: bigint;
  /** The first preference, when it is a constrained outsider. */
  readonly first?: CandidateIndex;
  /** Constrained outsiders ranked above the path's first candidate. */
  readonly above: readonly CandidateIndex[];
}

/** Which ties the constraints must avoid: δ(e, x) of the header for excluded e and rival x. */
export type TieMargin = (excluded: CandidateIndex, rival: CandidateIndex) => 0 | 1;

export interface OrderModel {
  /** CPLEX LP text for the solver. */
  readonly lp: string;
  /** The same program with every variable continuous: its optimum, rounded up, bounds the integer one. */
  readonly relaxation: string;
  readonly groups: readonly PathGroup[];
  /** The new paths' network, index k is variable a{k}. */
  readonly arcs: readonly Arc[];
  readonly order: readonly CandidateIndex[];
  /**
   * A bound without the solver: each changed ballot narrows one round's gap T(e) + δ − T(x) by at most 2,
   * so the widest gap needs at least half its size in changes.
   */
  readonly gapBound: bigint;
}

/** The path of a ranking through the suffix `order` (position of each candidate in `position`). */
export function pathThrough(ranking: readonly CandidateIndex[], position: ReadonlyMap<CandidateIndex, number>): CandidateIndex[] {
  const path: CandidateIndex[] = [];
  let latest = -1;
  for (const c of ranking) {
    const p = position.get(c);
    if (p !== undefined && p > latest) {
      path.push(c);
      latest = p;
    }
  }
  return path;
}

export function groupByPath(ballots: readonly MarginBallot[], order: readonly CandidateIndex[], outsiders: ReadonlySet<CandidateIndex> = new Set()): PathGroup[] {
  const position = new Map(order.map((c, i) => [c, i]));
  const groups = new Map<string, { path: CandidateIndex[]; ballots: MarginBallot[]; weight: bigint; changeable: bigint; first?: CandidateIndex; above: CandidateIndex[] }>();
  for (const b of ballots) {
    const path = pathThrough(b.ranking, position);
    const reach = path[0] === undefined ? b.ranking.length : b.ranking.indexOf(path[0]);
    const above = b.ranking.slice(0, reach).filter((c) => outsiders.has(c));
    const first = above[0] === b.ranking[0] ? above[0] : undefined;
    const key = `${path.join(',')}|${above.join(',')}|${first ?? ''}`;
    const g = groups.get(key);
    if (g) {
      g.ballots.push(b);
      g.weight += b.weight;
      g.changeable += b.changeable;
    } else groups.set(key, { path, ballots: [b], weight: b.weight, changeable: b.changeable, above, ...(first === undefined ? {} : { first }) });
  }
  return [...groups.values()];
}

/** An arc between positions in the order: `from` −1 is the source, `to` = the order's length the sink. */
export interface Arc {
  readonly from: number;
  readonly to: number;
}

/** Every arc of the new paths' network: source and members to every later member and to the sink. */
function arcsOf(size: number): Arc[] {
  const arcs: Arc[] = [];
  for (let from = -1; from < size; from++) for (let to = from + 1; to <= size; to++) arcs.push({ from, to });
  return arcs;
}

/** The member an arc feeds in a round: its target, if the ballot arrives there while the target stands. */
function arcHolder(arc: Arc, order: readonly CandidateIndex[], round: number): CandidateIndex | undefined {
  return arc.from < round && arc.to >= round ? order[arc.to] : undefined;
}

/** The candidate a new ballot starts at when it takes this arc first, or undefined. */
export function arcStart(arc: Arc, order: readonly CandidateIndex[]): CandidateIndex | undefined {
  return arc.from === -1 ? order[arc.to] : undefined;
}

/**
 * Splits an integer flow (values of a{k}) into new ballots, one whole path each; undefined if the values
 * do not conserve flow (a solver answer off by rounding), which the caller treats as no answer.
 */
export function newBallotsOf(model: OrderModel, values: ReadonlyMap<string, bigint>): { path: CandidateIndex[]; n: bigint }[] | undefined {
  const { arcs, order } = model;
  const left = arcs.map((_, k) => values.get(`a${k}`) ?? 0n);
  const flow = (k: number): bigint => left[k] ?? 0n;
  const next = (from: number): number => arcs.findIndex((a, k) => a.from === from && flow(k) > 0n);
  const ballots: { path: CandidateIndex[]; n: bigint }[] = [];
  for (let first = next(-1); first >= 0; first = next(-1)) {
    const used: number[] = [];
    for (let k = first; k >= 0; k = next((arcs[k] as Arc).to)) used.push(k);
    const route = used.map((k) => arcs[k] as Arc);
    if (route[route.length - 1]?.to !== order.length) return undefined;
    const n = used.reduce((min, k) => (flow(k) < min ? flow(k) : min), flow(first));
    for (const k of used) left[k] = flow(k) - n;
    ballots.push({ path: route.flatMap((a) => (a.to < order.length ? [order[a.to] as CandidateIndex] : [])), n });
  }
  return left.every((v) => v === 0n) ? ballots : undefined;
}

/** Who a path counts for in round j of the suffix (when order[j..] stand), or undefined if exhausted. */
function holder(path: readonly CandidateIndex[], position: ReadonlyMap<CandidateIndex, number>, round: number): CandidateIndex | undefined {
  return path.find((c) => (position.get(c) ?? -1) >= round);
}

/**
 * The program of the suffix `order`, with a row for each of `outsiders` (gaps too wide for a cheap change
 * to open may be left out: the caller knows which can matter) and the ladder rows over `ladder`, the
 * outsiders strongest first (irv-ladder.ts).
 */
export function buildOrderModel(
  ballots: readonly MarginBallot[],
  order: readonly CandidateIndex[],
  tieMargin: TieMargin,
  outsiders: readonly OutsiderGap[] = [],
  ladder: readonly CandidateIndex[] = [],
  ties: TieRows = {},
): OrderModel {
  const groups = groupByPath(ballots, order, new Set([...outsiders.map((o) => o.outsider), ...ladder]));
  const arcs = arcsOf(order.length);
  const starts = arcs.map((a) => arcStart(a, order));
  const steps = ladderRows(groups, starts, order, ladder, ties);
  const rows = [...conservationRows(arcs, order.length), ...outsiderRows(groups, starts, outsiders), ...steps.rows];
  const total = groups.reduce((s, g) => s + g.weight, 0n);
  const lead = (round: number, e: CandidateIndex, x: CandidateIndex): Lead => leadOf(groups, arcs, order, round, e, x);
  const binaries = [...steps.binaries];
  let gapBound = 0n;
  for (let round = 0; round < order.length - 1; round++) {
    const excluded = order[round] as CandidateIndex;
    for (const rival of order.slice(round + 1)) {
      // T(e) − T(x) ≤ −δ, with T = original weight − m + a; constants moved to the right.
      const now = lead(round, excluded, rival);
      const rhs = -now.constant - BigInt(tieMargin(excluded, rival));
      rows.push(` r${round}_${rival}: ${linear(now.terms)} <= ${rhs}`);
      if (-rhs > 2n * gapBound) gapBound = (1n - rhs) / 2n;
      if (ties.backwardsBelow !== undefined) {
        const history = Array.from({ length: round + 1 }, (_, k) => lead(k, excluded, rival));
        const chain = backwardsChain(`t${round}_${rival}`, history, ties.fallback?.(excluded, rival) ?? 0, total, ties.backwardsBelow);
        rows.push(...chain.rows);
        binaries.push(...chain.binaries);
      } else if (ties.lookback && round > 0) rows.push(lookbackRow(`b${round}_${rival}`, lead(round - 1, excluded, rival), now, total));
    }
  }
  const ms = groups.map((_, i) => `m${i}`);
  const as = arcs.map((_, k) => `a${k}`);
  const fromSource = arcs.flatMap((a, k) => (a.from === -1 ? [`a${k}`] : []));
  const continuous = [
    'Minimize',
    ` cost: ${ms.join(' + ')}`,
    'Subject To',
    ` moved: ${ms.join(' + ')} - ${fromSource.join(' - ')} = 0`,
    ...rows,
    'Bounds',
    ...groups.map((g, i) => ` 0 <= m${i} <= ${g.changeable}`),
    // The binary choices (ladder, ties) lie in [0, 1] in the relaxation too.
    ...binaries.map((z) => ` 0 <= ${z} <= 1`),
  ].join('\n');
  const integers = ['General', ` ${[...ms, ...as].join(' ')}`, ...(binaries.length > 0 ? ['Binary', ` ${binaries.join(' ')}`] : [])];
  return { lp: [continuous, ...integers, 'End'].join('\n'), relaxation: `${continuous}\nEnd`, groups, arcs, order, gapBound };
}

/**
 * How the suffix settles ties (the header's δ is for the suffix rounds themselves):
 * - fallback, transfersFrom: the δ of the outsider and ladder rows (OutsiderTies, irv-outsider-bound.ts);
 * - lookback: the tie-break is backwards, so a tie in a suffix round after the first is settled by the
 *   round before, which is a suffix round too;
 * - backwardsBelow: the tie-break is backwards and the order is full, so every tie is traced back through
 *   all earlier rounds (backwardsChain) and the program is exact for changes of fewer ballots than this.
 */
export interface TieRows extends OutsiderTies {
  readonly lookback?: boolean;
  readonly backwardsBelow?: bigint;
}

/** T(e) − T(x) in one round of the suffix: a constant (the ballots as cast) plus the changes' terms. */
interface Lead {
  readonly constant: bigint;
  readonly terms: ReadonlyMap<string, number>;
}

function leadOf(groups: readonly PathGroup[], arcs: readonly Arc[], order: readonly CandidateIndex[], round: number, e: CandidateIndex, x: CandidateIndex): Lead {
  const position = new Map(order.map((c, i) => [c, i]));
  const terms = new Map<string, number>();
  const add = (v: string, k: number): void => void terms.set(v, (terms.get(v) ?? 0) + k);
  let constant = 0n;
  groups.forEach((g, i) => {
    const h = holder(g.path, position, round);
    if (h === e) {
      constant += g.weight;
      add(`m${i}`, -1);
    } else if (h === x) {
      constant -= g.weight;
      add(`m${i}`, 1);
    }
  });
  arcs.forEach((a, q) => {
    const h = arcHolder(a, order, round);
    if (h === e) add(`a${q}`, 1);
    else if (h === x) add(`a${q}`, -1);
  });
  return { constant, terms };
}

/**
 * Backwards tie-break, one round back: if e and x tie in this round (lead 0) and e goes, e had no more than
 * x in the round before (the most recent round where they differ must have e below). As one row, with N
 * the ballots: lead(before) + N · lead(now) ≤ 0. A tie makes it lead(before) ≤ 0; with e behind by one or
 * more, N · lead(now) ≤ −N and any lead(before) ≤ N passes. (Further back would need powers of N.)
 */
function lookbackRow(name: string, before: Lead, now: Lead, total: bigint): string {
  const terms = new Map(before.terms);
  const n = Number(total);
  for (const [v, k] of now.terms) terms.set(v, (terms.get(v) ?? 0) + n * k);
  return ` ${name}: ${linear(terms)} <= ${-before.constant - total * now.constant}`;
}

/**
 * The backwards tie-break exactly, for e excluded in round j over rival x, given L_k = T_k(e) − T_k(x) for
 * k = 0..j (`history`). Backwards keeps, among the tied, those with fewest votes in the most recent
 * earlier round where they differ, so e goes over x iff L_j < 0, or L_j = 0 and the first nonzero L_k
 * going back is negative, or all are 0 and the fallback (δ = 0) excludes e. Pairwise is enough: that rule
 * picks the lexicographic least history among the tied, and e is least iff it is below each rival.
 * Binary τ_k says "tied in rounds k..j" (N one more than the ballots, above any |L|):
 *   τ_j = 0 ⇒ L_j ≤ −1;  τ_j = 1 ⇒ L_j = 0 (with the round's own row L_j ≤ 0);
 *   τ_k ≤ τ_(k+1);  τ_k = 1 ⇒ L_k ≥ 0;  τ_(k+1) = 1 and τ_k = 0 ⇒ L_k ≤ −1;  τ_0 = 1 only if δ = 0.
 * One changed ballot moves L by at most 2, so a round whose |L| as cast exceeds 2(below − 1) cannot tie
 * under a cheaper change: the chain stops there (that round's sign then settles it).
 */
function backwardsChain(name: string, history: readonly Lead[], fallback: 0 | 1, total: bigint, below: bigint): LadderRows {
  // Above any |L|, so that a row switched off by its binaries never binds.
  const big = total + 1n;
  const n = Number(big);
  const reach = 2n * (below - 1n);
  const canTie = (l: Lead): boolean => l.constant <= reach && -l.constant <= reach;
  const rows: string[] = [];
  const binaries: string[] = [];
  const row = (label: string, l: Lead, lead: number, extra: [string, number][], rhs: bigint): void => {
    const terms = new Map<string, number>();
    for (const [v, k] of l.terms) terms.set(v, lead * k);
    for (const [v, k] of extra) terms.set(v, (terms.get(v) ?? 0) + k);
    rows.push(` ${name}${label}: ${linear(terms)} <= ${rhs - BigInt(lead) * l.constant}`);
  };
  const j = history.length - 1;
  const last = history[j] as Lead;
  if (!canTie(last)) {
    row('s', last, 1, [], -1n);
    return { rows, binaries };
  }
  let later = `${name}_${j}`;
  binaries.push(later);
  row(`z${j}`, last, -1, [[later, n]], big);
  row(`n${j}`, last, 1, [[later, -1]], -1n);
  for (let k = j - 1; k >= 0; k--) {
    const l = history[k] as Lead;
    if (!canTie(l)) {
      row(`n${k}`, l, 1, [[later, n]], big - 1n);
      return { rows, binaries };
    }
    const tau = `${name}_${k}`;
    binaries.push(tau);
    rows.push(` ${name}o${k}: ${tau} - ${later} <= 0`);
    row(`z${k}`, l, -1, [[tau, n]], big);
    row(`n${k}`, l, 1, [[tau, -1], [later, n]], big - 1n);
    later = tau;
  }
  if (fallback === 1) rows.push(` ${name}f: ${later} <= 0`);
  return { rows, binaries };
}

/** Flow into each member equals flow out: every new ballot that reaches a member leaves it. */
function conservationRows(arcs: readonly Arc[], size: number): string[] {
  const rows: string[] = [];
  for (let node = 0; node < size; node++) {
    const terms = arcs.flatMap((a, k) => (a.to === node ? [`+ a${k}`] : a.from === node ? [`- a${k}`] : []));
    rows.push(` f${node}: ${terms.join(' ')} = 0`);
  }
  return rows;
}

/** FP(y) − Σ m(first y) − T(s) + Σ m(s first, y not above) − Σ a(from s) ≤ 0, one row per gap. */
function outsiderRows(groups: readonly PathGroup[], starts: readonly (CandidateIndex | undefined)[], outsiders: readonly OutsiderGap[]): string[] {
  return outsiders.map(({ outsider: y, member: s, gap }) => {
    const terms = new Map<string, number>();
    const add = (v: string, k: number): void => void terms.set(v, (terms.get(v) ?? 0) + k);
    groups.forEach((g, i) => {
      if (g.first === y) add(`m${i}`, -1);
      if (g.path[0] === s && !g.above.includes(y)) add(`m${i}`, 1);
    });
    starts.forEach((start, k) => (start === s ? add(`a${k}`, -1) : undefined));
    return ` o${y}_${s}: ${linear(terms)} <= ${-gap}`;
  });
}

function linear(terms: ReadonlyMap<string, number>): string {
  const parts = [...terms].filter(([, k]) => k !== 0).map(([v, k]) => `${k < 0 ? '-' : '+'} ${Math.abs(k) === 1 ? '' : `${Math.abs(k)} `}${v}`);
  return parts.length === 0 ? '0 m0' : parts.join(' ');
}
