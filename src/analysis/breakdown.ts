/**
 * Segment breakdown: for each value of a segment column, its ballots' first preferences and, for IRV,
 * whom they counted for in the final round (or exhausted). Published analysis must never reveal a
 * person's vote, so a segment under the privacy threshold (default 10 ballots) is not shown, and the hidden
 * segments are pooled into one "other" row. If that pool would itself be under the threshold (or hold a
 * single segment), the smallest shown segments join it until it is neither, so no hidden segment can be
 * recovered by subtracting the shown rows from the total. Only single columns are broken down, so no two
 * shown rows overlap.
 */
import type { CandidateIndex } from '../count/ballots.ts';
import type { CountResult } from '../count/types.ts';
import type { SegmentedBallot, SegmentedContest } from './segments.ts';

export const DEFAULT_PRIVACY_THRESHOLD = 10n;

export interface SegmentRow {
  /** The segment's value, or undefined for the pooled "other" row. */
  readonly segment?: string;
  /** How many segments the row stands for (1, or the pool's size). */
  readonly segments: number;
  readonly ballots: bigint;
  readonly firstPreferences: ReadonlyMap<CandidateIndex, bigint>;
  /** IRV: final-round holder of each ballot; ballots with no finalist ranked are `exhausted`. */
  readonly finalRound?: ReadonlyMap<CandidateIndex, bigint>;
  readonly exhausted?: bigint;
}

interface Tally {
  ballots: bigint;
  first: Map<CandidateIndex, bigint>;
  final: Map<CandidateIndex, bigint>;
  exhausted: bigint;
  segments: number;
}

function addTo(map: Map<CandidateIndex, bigint>, c: CandidateIndex, n: bigint): void {
  map.set(c, (map.get(c) ?? 0n) + n);
}

function tallyOf(ballots: readonly SegmentedBallot[], finalists: ReadonlySet<CandidateIndex> | undefined): Tally {
  const t: Tally = { ballots: 0n, first: new Map(), final: new Map(), exhausted: 0n, segments: 1 };
  for (const b of ballots) {
    t.ballots += b.weight;
    const first = b.ranking[0];
    if (first !== undefined) addTo(t.first, first, b.weight);
    if (!finalists) continue;
    const holder = b.ranking.find((c) => finalists.has(c));
    if (holder === undefined) t.exhausted += b.weight;
    else addTo(t.final, holder, b.weight);
  }
  return t;
}

function merge(pool: Tally, t: Tally): Tally {
  const first = new Map(pool.first);
  const final = new Map(pool.final);
  t.first.forEach((n, c) => addTo(first, c, n));
  t.final.forEach((n, c) => addTo(final, c, n));
  return { ballots: pool.ballots + t.ballots, first, final, exhausted: pool.exhausted + t.exhausted, segments: pool.segments + t.segments };
}

/**
 * Which segments may be published alone, by ballots per segment: those under the threshold are pooled, and
 * the pool grows from the smallest shown segments until it reaches the threshold and holds two or more, so
 * no hidden segment can be recovered by subtraction. Undefined when even everything together is too small.
 * Segments are ordered by size, then name; the pool lists its segments the same way.
 */
export function privacyPools(sizes: ReadonlyMap<string, bigint>, threshold = DEFAULT_PRIVACY_THRESHOLD): { shown: string[]; pooled: string[] } | undefined {
  const order = [...sizes].sort(([a, m], [b, n]) => (m < n ? -1 : m > n ? 1 : a.localeCompare(b)));
  const size = (n: number): bigint => order.slice(0, n).reduce((s, [, b]) => s + b, 0n);
  let hidden = order.filter(([, b]) => b < threshold).length;
  while (hidden > 0 && hidden < order.length && (size(hidden) < threshold || hidden === 1)) hidden++;
  if (hidden > 0 && size(hidden) < threshold) return undefined;
  return { shown: order.slice(hidden).map(([s]) => s), pooled: order.slice(0, hidden).map(([s]) => s) };
}

/** The ballots of each value of `column`, in the order first seen. */
export function ballotsBySegment(segmented: SegmentedContest, column: string): Map<string, SegmentedBallot[]> {
  const bySegment = new Map<string, SegmentedBallot[]>();
  for (const b of segmented.ballots) {
    const value = b.segments.get(column) ?? '';
    const list = bySegment.get(value);
    if (list) list.push(b);
    else bySegment.set(value, [b]);
  }
  return bySegment;
}

/**
 * The rows that may be published for `column`: the shown segments, then the pooled "other" row if any.
 * `result` is the count of the same ballots; for IRV its last round's candidates are the finalists.
 */
export function segmentBreakdown(segmented: SegmentedContest, column: string, result: CountResult, threshold = DEFAULT_PRIVACY_THRESHOLD): SegmentRow[] {
  const irv = result.method === 'irv';
  const last = result.rounds[result.rounds.length - 1];
  const finalists = irv && last ? new Set(last.tally.keys()) : undefined;
  const bySegment = ballotsBySegment(segmented, column);
  const tallies = new Map([...bySegment].map(([segment, ballots]) => [segment, tallyOf(ballots, finalists)]));
  const pools = privacyPools(new Map([...tallies].map(([s, t]) => [s, t.ballots])), threshold);
  if (!pools) return [];
  const shown = pools.shown.map((s) => toRow(tallies.get(s) as Tally, irv, s));
  const pool = pools.pooled.map((s) => tallies.get(s) as Tally).reduce<Tally | undefined>((p, t) => (p ? merge(p, t) : t), undefined);
  return pool ? [...shown, toRow(pool, irv)] : shown;
}

function toRow(t: Tally, irv: boolean, segment?: string): SegmentRow {
  return {
    ...(segment === undefined ? {} : { segment }),
    segments: t.segments,
    ballots: t.ballots,
    firstPreferences: t.first,
    ...(irv ? { finalRound: t.final, exhausted: t.exhausted } : {}),
  };
}
