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
 */
import type { Ballot, CandidateIndex } from '../count/ballots.ts';

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
  /** FP(y) − T_{S∪{y}}(s) as cast: positive when changes are needed. */
  readonly gap: bigint;
}

/** Every outsider's gap to every suffix member (outsiders without first preferences never need one). */
export function outsiderGaps(ballots: readonly Ballot[], suffix: readonly CandidateIndex[], fp: readonly bigint[]): OutsiderGap[] {
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
    for (const s of suffix) gaps.push({ outsider: y, member: s, gap: fpY - ((held.get(s) ?? 0n) - (lost.get(y)?.get(s) ?? 0n)) });
  });
  return gaps;
}

/** The widest gap, halved: each changed ballot narrows a gap by at most 2. */
export function outsiderBound(gaps: readonly OutsiderGap[]): bigint {
  let bound = 0n;
  for (const { gap } of gaps) if (gap > 2n * bound) bound = (gap + 1n) / 2n;
  return bound;
}
