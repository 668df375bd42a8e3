/**
 * A bound on a suffix from the candidates outside it. Every candidate y not in the suffix S is excluded
 * before the suffix's rounds, at a round whose standing candidates include S and y. Then y has at least
 * its first preferences, and each s in S has at most what s would hold if only S and y stood; so y can be
 * excluded only if FP(y) ≤ T_{S∪{y}}(s) for every s in S. One changed ballot narrows that gap by at most
 * 2, so a suffix needs at least ⌈(FP(y) − T_{S∪{y}}(s)) / 2⌉ changes, for every such y and s. (The same
 * reasoning as the dominance rules of Blom, Stuckey, Teague & Tidhar 2016.) On real elections with many
 * small candidates this rules out, without the solver, every suffix that leaves out a strong candidate.
 *
 * The gaps also go into the suffix's integer program (irv-order-model.ts) as constraints, where they must
 * all close together: one bound per gap is weak when many outsiders each need a little (Portland 2015:
 * leaving out the winner, 13 first preferences, needs every one of 7 suffix members to hold 13 of 99).
 *
 * A tie there goes y's way only if s held no transferred ballot (under tie-breaks that read earlier
 * rounds) and the tie-break's fallback excludes y (tieDelta, tieFallback, below), so each gap carries the δ
 * of 0 or 1 that makes it strict otherwise.
 */
import type { Ballot, CandidateIndex } from '../count/ballots.ts';
import { breakTie } from '../count/tiebreak.ts';
import type { TieBreakOptions } from '../count/types.ts';
import type { TieMargin } from './irv-order-model.ts';

/** First preferences of each candidate (ballots are already without withdrawn candidates). */
export function firstPreferences(ballots: readonly Ballot[], candidates: number): bigint[] {
  const fp = new Array<bigint>(candidates).fill(0n);
  for (const b of ballots) {
    const c = b.ranking[0];
    if (c !== undefined) fp[c] = (fp[c] ?? 0n) + b.weight;
  }
  return fp;
}

/** An outsider y that must be excluded while suffix member s stands: FP(y) − T_{S∪{y}}(s) must fall to 0. */
export interface OutsiderGap {
  readonly outsider: CandidateIndex;
  readonly member: CandidateIndex;
  /** FP(y) − T_{S∪{y}}(s) + δ(y, s) as cast: positive when changes are needed. */
  readonly gap: bigint;
}

/**
 * Every outsider's gap to every suffix member (outsiders without first preferences never need one), with
 * the δ of `fallback` (none by default: ties allowed).
 */
export function outsiderGaps(ballots: readonly Ballot[], suffix: readonly CandidateIndex[], fp: readonly bigint[], ties: OutsiderTies = {}): OutsiderGap[] {
  const inSuffix = new Set(suffix);
  // held[s]: ballots whose first suffix candidate is s; lost[y][s]: of those, the ones ranking y above s.
  const held = new Map<CandidateIndex, bigint>();
  const lost = new Map<CandidateIndex, Map<CandidateIndex, bigint>>();
  for (const b of ballots) {
    const at = b.ranking.findIndex((c) => inSuffix.has(c));
    if (at < 0) continue;
    const s = b.ranking[at] as CandidateIndex;
    held.set(s, (held.get(s) ?? 0n) + b.weight);
    for (const y of b.ranking.slice(0, at)) {
      const row = lost.get(y) ?? new Map<CandidateIndex, bigint>();
      row.set(s, (row.get(s) ?? 0n) + b.weight);
      lost.set(y, row);
    }
  }
  const gaps: OutsiderGap[] = [];
  fp.forEach((fpY, y) => {
    if (inSuffix.has(y) || fpY === 0n) return;
    for (const s of suffix) {
      const holds = (held.get(s) ?? 0n) - (lost.get(y)?.get(s) ?? 0n);
      gaps.push({ outsider: y, member: s, gap: fpY - holds + tieDelta(ties, y, s, holds - (fp[s] ?? 0n)) });
    }
  });
  return gaps;
}

/** The widest gap, halved: each changed ballot narrows a gap by at most 2. */
export function outsiderBound(gaps: readonly OutsiderGap[]): bigint {
  let bound = 0n;
  for (const { gap } of gaps) if (gap > 2n * bound) bound = (gap + 1n) / 2n;
  return bound;
}

/**
 * How a tie between an outsider y and a suffix member s may go, for the δ of the rows that say y has no
 * more than s when y is excluded.
 */
export interface OutsiderTies {
  /** δ when the two were equal in every round (tieFallback). */
  readonly fallback?: TieMargin;
  /**
   * Set when ties are broken by earlier rounds (backwards, forwards): a member that holds at least this
   * many ballots transferred from others cannot tie y's way (tieDelta). The search sets it to the best
   * change it knows (changes that cost as much do not matter); a check of concrete ballots to 1.
   */
  readonly transfersFrom?: bigint;
}

/**
 * δ(y, s) given `transferred`, the ballots s holds (as the row counts them) that do not rank s first. At a
 * tie y holds its first preferences and has since the first round, and s, its votes only growing, has had
 * no more (tieFallback's argument). If s holds a transferred ballot when the tie comes, it had fewer than y
 * in the first round, so the most recent round where they differ has s below y, and a tie-break that reads
 * earlier rounds excludes s, not y: the row is strict. A change of d ballots takes at most d transferred
 * ballots from s, so one of fewer than `transfersFrom` changes leaves s at least one.
 */
export function tieDelta(ties: OutsiderTies, y: CandidateIndex, s: CandidateIndex, transferred: bigint): bigint {
  if (ties.transfersFrom !== undefined && transferred >= ties.transfersFrom) return 1n;
  return BigInt(ties.fallback?.(y, s) ?? 0);
}

/**
 * δ(y, s) for an outsider y excluded while suffix member s stands: 0 when a tie between them, equal in every
 * round, excludes y (the declared order or the lot), else 1. Why that suffices under every tie-break: the
 * rows say FP'(y) + δ ≤ T'(s), FP'(y) the least y can hold and T'(s) the most s can hold in that round. At
 * equality y holds exactly its first preferences and has held them in every earlier round, while s, whose
 * votes only grow, held no more: so no earlier round has y below s, and backwards, forwards and lot alike
 * exclude y only if the fallback does.
 */
export function tieFallback(candidates: readonly string[], tieBreak: TieBreakOptions): TieMargin {
  const memo = new Map<string, 0 | 1>();
  return (y, s) => {
    const key = `${y},${s}`;
    let d = memo.get(key);
    if (d === undefined) {
      d = breakTie([y, s], 'lowest', [], candidates, tieBreak).chosen === y ? 0 : 1;
      memo.set(key, d);
    }
    return d;
  };
}
