/**
 * The smallest swing (swing.ts) of every publishable group of a segment column: each segment at or above
 * the privacy threshold on its own, and the pooled small segments as one group, exactly as the breakdown
 * publishes them (breakdown.ts), so no swing is reported of a group too small to show. Also the JSON both
 * shells (CLI and API) print for swings and breakdown rows.
 */
import type { CountOptions } from '../count/index.ts';
import { ok, type Result } from '../result.ts';
import { ballotsBySegment, DEFAULT_PRIVACY_THRESHOLD, privacyPools, type SegmentRow } from './breakdown.ts';
import type { SegmentedContest } from './segments.ts';
import type { SegmentMargin } from './irv-margin.ts';
import { smallestSwing, type FactorChange, type MarginSearch, type SmallestSwing } from './swing.ts';
import type { BallotChange } from './witness.ts';

export interface SegmentSwing {
  /** The segment's value, or undefined for the pooled small segments. */
  readonly segment?: string;
  readonly segments: number;
  /** The segment values the group stands for: one, or the pooled ones. */
  readonly values: readonly string[];
  readonly swing: SmallestSwing;
}

export function segmentSwings(segmented: SegmentedContest, column: string, options: CountOptions, threshold = DEFAULT_PRIVACY_THRESHOLD, search?: MarginSearch): Result<SegmentSwing[], string> {
  const bySegment = ballotsBySegment(segmented, column);
  const sizes = new Map([...bySegment].map(([s, ballots]) => [s, ballots.reduce((n, b) => n + b.weight, 0n)]));
  const pools = privacyPools(sizes, threshold);
  if (!pools) return ok([]);
  const groups: { segment?: string; values: string[] }[] = [...pools.shown.map((s) => ({ segment: s, values: [s] })), ...(pools.pooled.length > 0 ? [{ values: pools.pooled }] : [])];
  const out: SegmentSwing[] = [];
  for (const g of groups) {
    const values = new Set(g.values);
    const swing = smallestSwing(segmented, (b) => values.has(b.segments.get(column) ?? ''), options, search);
    if (!swing.ok) return swing;
    out.push({ ...(g.segment === undefined ? {} : { segment: g.segment }), segments: g.values.length, values: g.values, swing: swing.value });
  }
  return ok(out);
}

export interface FactorJson {
  /** Exact, as a fraction ("11/6") or a whole number. */
  readonly factor: string;
  /** The factor to three decimal places, truncated, for reading. */
  readonly approximately: string;
  readonly attained: boolean;
  readonly winner: string;
}

export interface SwingJson {
  readonly ballots: number;
  readonly winner: string;
  readonly runnerUp: string | null;
  readonly raise: FactorJson | null;
  readonly lower: FactorJson | null;
  readonly move: { readonly ballots: number; readonly of: number; readonly winner: string } | null;
  /** The segment's exact margin; `ballots: null` when no change of its ballots alters the winner; null if not searched. */
  readonly margin: SegmentMarginJson | null;
  /** False when no change of this group's turnout or of its ballots alters the winner. */
  readonly altersWinner: boolean;
}

export type SegmentMarginJson =
  | {
    readonly ballots: number;
    readonly exact: boolean;
    readonly lowerBound: number;
    readonly newWinner: string;
    readonly witness: { readonly from: string[]; readonly to: string[]; readonly count: number }[];
  }
  /** exact: proven that no change of the segment's ballots alters the winner; else the search stopped first. */
  | { readonly ballots: null; readonly exact: boolean; readonly lowerBound: number };

export function marginJson(m: SegmentMargin, names: readonly string[]): SegmentMarginJson {
  const name = (c: number): string => names[c] ?? `#${c}`;
  if (m.kind === 'unalterable') return { ballots: null, exact: m.exact, lowerBound: Number(m.lowerBound) };
  const { margin } = m;
  const change = (c: BallotChange) => ({ from: c.from.map(name), to: c.to.map(name), count: Number(c.count) });
  return { ballots: Number(margin.ballots), exact: margin.exact, lowerBound: Number(margin.lowerBound), newWinner: name(margin.newWinner), witness: margin.witness.map(change) };
}

export function swingJson(s: SmallestSwing, names: readonly string[]): SwingJson {
  const name = (c: number): string => names[c] ?? `#${c}`;
  const factor = (f: FactorChange | undefined): FactorJson | null =>
    f ? { factor: f.factor.toString(), approximately: f.factor.toFixed(3), attained: f.attained, winner: name(f.winner) } : null;
  return {
    ballots: Number(s.ballots),
    winner: name(s.winner),
    runnerUp: s.runnerUp === undefined ? null : name(s.runnerUp),
    raise: factor(s.raise),
    lower: factor(s.lower),
    move: s.move ? { ballots: Number(s.move.ballots), of: Number(s.move.of), winner: name(s.move.winner) } : null,
    margin: s.margin ? marginJson(s.margin, names) : null,
    altersWinner: s.raise !== undefined || s.lower !== undefined || s.move !== undefined || s.margin?.kind === 'margin',
  };
}

/** The swing in sentences, one a line, for the CLI. */
export function swingText(s: SwingJson): string[] {
  const lines: string[] = [];
  const factor = (f: FactorJson, dir: 'above' | 'below'): string => {
    const value = `×${f.factor}${f.factor.includes('/') ? ` (≈ ${f.approximately})` : ''}`;
    return f.attained ? `turnout ${value} elects ${f.winner}` : `turnout just ${dir} ${value} elects ${f.winner} (×${f.factor} itself does not)`;
  };
  if (s.raise) lines.push(`smallest increase: ${factor(s.raise, 'above')}`);
  if (s.lower) lines.push(`smallest decrease: ${factor(s.lower, 'below')}`);
  if (s.move) lines.push(`moving ${s.move.ballots} of its ${s.move.of} ballots ranking ${s.winner} first to [${s.runnerUp ?? ''}, ${s.winner}] elects ${s.move.winner}`);
  if (s.margin) lines.push(marginText(s.margin));
  if (!s.altersWinner) lines.push('no change of its turnout or of its ballots alters the winner');
  return lines;
}

function marginText(m: SegmentMarginJson): string {
  if (m.ballots === null) {
    return m.exact
      ? 'no change of its ballots, however they are re-ranked, alters the winner (proven)'
      : `no change of its ballots found to alter the winner before the search stopped (any needs at least ${m.lowerBound})`;
  }
  const size = m.exact ? `${m.ballots} (exact)` : `at most ${m.ballots}, at least ${m.lowerBound} (search stopped)`;
  const rank = (r: readonly string[]): string => `[${r.join(', ')}]`;
  const how = m.witness.map((c) => `${c.count} × ${rank(c.from)} → ${rank(c.to)}`).join(', ');
  return `fewest of its ballots whose change alters the winner: ${size}, e.g. ${how}, electing ${m.newWinner}`;
}

export interface SegmentRowJson {
  /** The segment, or null for the pooled small segments. */
  readonly segment: string | null;
  readonly segments: number;
  readonly ballots: number;
  readonly firstPreferences: Record<string, number>;
  readonly finalRound?: Record<string, number>;
  readonly exhausted?: number;
}

export function segmentRowJson(r: SegmentRow, names: readonly string[]): SegmentRowJson {
  const byName = (m: ReadonlyMap<number, bigint>): Record<string, number> => Object.fromEntries([...m].map(([c, n]) => [names[c] ?? `#${c}`, Number(n)]));
  return {
    segment: r.segment ?? null,
    segments: r.segments,
    ballots: Number(r.ballots),
    firstPreferences: byName(r.firstPreferences),
    ...(r.finalRound ? { finalRound: byName(r.finalRound), exhausted: Number(r.exhausted ?? 0n) } : {}),
  };
}
