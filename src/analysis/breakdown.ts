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
 * The rows that may be published for `column`. `result` is the count of the same ballots; for IRV its
 * last round's candidates are the finalists.
 */
export function segmentBreakdown(segmented: SegmentedContest, column: string, result: CountResult, threshold = DEFAULT_PRIVACY_THRESHOLD): SegmentRow[] {
  const irv = result.method === 'irv';
  const last = result.rounds[result.rounds.length - 1];
  const finalists = irv && last ? new Set(last.tally.keys()) : undefined;
  const bySegment = new Map<string, SegmentedBallot[]>();
  for (const b of segmented.ballots) {
    const value = b.segments.get(column) ?? '';
    bySegment.set(value, [...(bySegment.get(value) ?? []), b]);
  }
  const rows = [...bySegment].map(([segment, ballots]) => ({ segment, tally: tallyOf(ballots, finalists) }));
  rows.sort((a, b) => (a.tally.ballots < b.tally.ballots ? -1 : a.tally.ballots > b.tally.ballots ? 1 : a.segment.localeCompare(b.segment)));
  let hidden = rows.filter((r) => r.tally.ballots < threshold).length;
  const poolOf = (n: number): Tally | undefined => rows.slice(0, n).reduce<Tally | undefined>((p, r) => (p ? merge(p, r.tally) : r.tally), undefined);
  // Grow the pool from the smallest shown segments until it is safe: at least the threshold, two or more segments.
  while (hidden > 0 && hidden < rows.length && ((poolOf(hidden)?.ballots ?? 0n) < threshold || hidden === 1)) hidden++;
  const pool = poolOf(hidden);
  const shown = rows.slice(hidden).map((r) => toRow(r.tally, irv, r.segment));
  if (!pool || hidden === 0) return shown;
  // A pool still under the threshold is everything there is: nothing can be shown at all.
  return pool.ballots < threshold ? [] : [...shown, toRow(pool, irv)];
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
