/**
 * A bound on a suffix from the candidates outside it. Every candidate y not in the suffix S is excluded
 * before the suffix's rounds, at a round whose standing candidates include S and y. Then y has at least
 * its first preferences, and each s in S has at most what s would hold if only S and y stood; so y can be
 * excluded only if FP(y) ≤ T_{S∪{y}}(s) for every s in S. One changed ballot narrows that gap by at most
 * 2, so a suffix needs at least ⌈(FP(y) − T_{S∪{y}}(s)) / 2⌉ changes, for every such y and s. (The same
 * reasoning as the dominance rules of Blom, Stuckey, Teague & Tidhar 2016.) On real elections with many
 * small candidates this rules out, without the solver, every suffix that leaves out a strong candidate.
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

export function outsiderBound(ballots: readonly Ballot[], suffix: readonly CandidateIndex[], fp: readonly bigint[]): bigint {
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
  let bound = 0n;
  fp.forEach((fpY, y) => {
    if (inSuffix.has(y)) return;
    for (const s of suffix) {
      const gap = fpY - ((held.get(s) ?? 0n) - (lost.get(y)?.get(s) ?? 0n));
      if (gap > 2n * bound) bound = (gap + 1n) / 2n;
    }
  });
  return bound;
}
