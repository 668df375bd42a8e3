/**
 * Ladder constraints of a suffix: a stronger form of the outsider constraints (irv-outsider-bound.ts).
 * Take any set Q of outsiders. The first of them to be excluded goes while all of Q and the suffix S still
 * stand, so it has no more votes than any suffix member holds with S ∪ Q standing:
 *   min over y in Q of FP(y) ≤ T_{S∪Q}(s) for every s in S.
 * With Q a single outsider this is the outsider constraint. With Q the k strongest outsiders it says a
 * weak suffix member must outlast a whole field of stronger candidates, each of whom needs changes to fall
 * below it in turn (Portland 2015: keeping Strimling, 1 first preference, to the last six). The integer
 * program picks the first-excluded y with binary variables z (one per y, summing to 1):
 *   FP(y) − Σ m(first y) − T_{S∪Q}(s) + Σ m(s first with S∪Q standing) − Σ a(from s) ≤ N·(1 − z_y),
 * N the number of ballots, so the row binds only for the chosen y. Q runs over the nested sets of the k
 * strongest outsiders by first preferences, k ≥ 2. As with one outsider, a tie goes y's way only if s
 * held no transferred ballot and the tie-break's fallback excludes y, so each row carries its δ(y, s)
 * (tieDelta in irv-outsider-bound.ts):
 *   FP(y) + δ(y, s) ≤ T_{S∪Q}(s).
 */
import type { Ballot, CandidateIndex } from '../count/ballots.ts';
import type { PathGroup } from './irv-order-model.ts';
import { tieDelta, type OutsiderTies } from './irv-outsider-bound.ts';

/** Outsiders with first preferences, strongest first (the order the nested sets Q follow). */
export function ladderOrder(suffix: readonly CandidateIndex[], fp: readonly bigint[]): CandidateIndex[] {
  const inSuffix = new Set(suffix);
  const outsiders = fp.flatMap((v, c) => (v > 0n && !inSuffix.has(c) ? [c] : []));
  return outsiders.sort((a, b) => ((fp[b] ?? 0n) > (fp[a] ?? 0n) ? 1 : (fp[b] ?? 0n) < (fp[a] ?? 0n) ? -1 : a - b));
}

export interface LadderRows {
  readonly rows: string[];
  readonly binaries: string[];
}

/**
 * The rows and binary variables for groups built with every ladder outsider constrained; `starts` names,
 * for each new-path variable, the candidate its ballots start at (irv-order-model.ts).
 */
export function ladderRows(
  groups: readonly PathGroup[],
  starts: readonly (CandidateIndex | undefined)[],
  suffix: readonly CandidateIndex[],
  ladder: readonly CandidateIndex[],
  ties: OutsiderTies = {},
): LadderRows {
  const total = groups.reduce((s, g) => s + g.weight, 0n);
  const fp = (y: CandidateIndex): bigint => groups.reduce((s, g) => s + (g.first === y ? g.weight : 0n), 0n);
  const firsts = new Map<CandidateIndex, bigint>();
  for (const b of groups.flatMap((g) => g.ballots)) if (b.ranking[0] !== undefined) firsts.set(b.ranking[0], (firsts.get(b.ranking[0]) ?? 0n) + b.weight);
  const rows: string[] = [];
  const binaries: string[] = [];
  for (let k = 2; k <= ladder.length; k++) {
    const q = new Set(ladder.slice(0, k));
    const z = [...q].map((y) => `z${k}_${y}`);
    binaries.push(...z);
    rows.push(` l${k}: ${z.join(' + ')} = 1`);
    const holds = groups.map((g) => !g.above.some((c) => q.has(c)));
    for (const y of q) {
      for (const s of suffix) {
        const terms: string[] = [`+ ${total} z${k}_${y}`];
        let held = 0n;
        groups.forEach((g, i) => {
          if (g.first === y) terms.push(`- m${i}`);
          if (g.path[0] === s && holds[i]) {
            terms.push(`+ m${i}`);
            held += g.weight;
          }
        });
        starts.forEach((start, a) => (start === s ? terms.push(`- a${a}`) : undefined));
        rows.push(` l${k}_${y}_${s}: ${terms.join(' ')} <= ${held - fp(y) + total - tieDelta(ties, y, s, held - (firsts.get(s) ?? 0n))}`);
      }
    }
  }
  return { rows, binaries };
}

/** Whether ballots (after a change) meet every ladder constraint, Q as the program takes them. */
export function meetsLadder(ballots: readonly Ballot[], suffix: readonly CandidateIndex[], ladder: readonly CandidateIndex[], ties: OutsiderTies = {}): boolean {
  const firsts = new Map<CandidateIndex, bigint>();
  for (const b of ballots) if (b.ranking[0] !== undefined) firsts.set(b.ranking[0], (firsts.get(b.ranking[0]) ?? 0n) + b.weight);
  const inSuffix = new Set(suffix);
  for (let k = 2; k <= ladder.length; k++) {
    const q = new Set(ladder.slice(0, k));
    const votes = new Map<CandidateIndex, bigint>();
    for (const b of ballots) {
      const first = b.ranking[0];
      if (first !== undefined && q.has(first)) votes.set(first, (votes.get(first) ?? 0n) + b.weight);
      const holder = b.ranking.find((c) => inSuffix.has(c) || q.has(c));
      if (holder !== undefined && inSuffix.has(holder)) votes.set(holder, (votes.get(holder) ?? 0n) + b.weight);
    }
    const of = (c: CandidateIndex): bigint => votes.get(c) ?? 0n;
    const below = (y: CandidateIndex, s: CandidateIndex): boolean => of(y) + tieDelta(ties, y, s, of(s) - (firsts.get(s) ?? 0n)) <= of(s);
    if (![...q].some((y) => suffix.every((s) => below(y, s)))) return false;
  }
  return true;
}
