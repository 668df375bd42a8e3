/**
 * Breaking ties between candidates, the same way in every rule.
 *
 * - backwards: look at the most recent earlier round in which the tied candidates' votes differ, and keep
 *   those with the fewest (to exclude) or most (to elect or transfer first) votes there; repeat further back
 *   among those still tied. This is the Scottish Order's rule (art. 49) and RCTab's "previous round counts".
 * - forwards: the same, starting from the first round.
 * - lot: reproducible. Candidates are put in order of the hex SHA-256 digest of "<seed>:<name>", smallest
 *   first; the first in that order loses a tie (is excluded, or is not chosen to win). Anyone can repeat it.
 * - order: a contest may declare a tie order with its ballots (BLT `[tie …]`, options.order), a lot drawn
 *   before the count. It takes the lot's place, read as Droop's rules read it: the earliest tied candidate
 *   in the order is the one picked, whatever the tie is about. Excluding, it is excluded; electing or
 *   choosing whose surplus goes first, it is elected or goes first.
 *
 * backwards and forwards fall back to the declared order, then to lot, when the candidates were equal in
 * every round.
 */
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { Rational } from './arithmetic.ts';
import type { CandidateIndex } from './ballots.ts';
import type { TieBreakOptions, TieBreakRecord } from './types.ts';

/** Votes of each candidate in one earlier round (candidates absent then count as having none). */
export type RoundTallies = ReadonlyMap<CandidateIndex, Rational>;

export type TieGoal = 'lowest' | 'highest';

/**
 * Chooses one of `tied`: the candidate to exclude (goal "lowest") or to favour (goal "highest").
 * `history` is the tallies of the rounds before the tie, oldest first.
 */
export function breakTie(
  tied: readonly CandidateIndex[],
  goal: TieGoal,
  history: readonly RoundTallies[],
  names: readonly string[],
  options: TieBreakOptions,
): TieBreakRecord {
  if (tied.length === 0) throw new Error('breakTie called with no candidates');
  let remaining = [...tied];
  if (options.mode !== 'lot') {
    const order = history.map((_, i) => i);
    if (options.mode === 'backwards') order.reverse();
    for (const i of order) {
      const tallies = history[i];
      if (!tallies) continue;
      const narrowed = extremes(remaining, tallies, goal);
      if (narrowed.length < remaining.length) {
        remaining = narrowed;
        if (remaining.length === 1) return { tied, chosen: only(remaining), how: options.mode, round: i + 1 };
      }
    }
  }
  if (options.order) return { tied, chosen: earliestIn(options.order, remaining), how: 'order' };
  return { tied, chosen: byLot(remaining, goal, names, options.seed), how: 'lot' };
}

function earliestIn(order: readonly CandidateIndex[], cands: readonly CandidateIndex[]): CandidateIndex {
  const chosen = order.find((c) => cands.includes(c));
  if (chosen === undefined) throw new Error('the tie order lists none of the tied candidates');
  return chosen;
}

function extremes(cands: readonly CandidateIndex[], tallies: RoundTallies, goal: TieGoal): CandidateIndex[] {
  let best: Rational | undefined;
  let out: CandidateIndex[] = [];
  for (const c of cands) {
    const v = tallies.get(c);
    if (v === undefined) return [...cands]; // not in that round: the round cannot separate them
    if (best === undefined || (goal === 'lowest' ? v.lt(best) : v.gt(best))) {
      best = v;
      out = [c];
    } else if (v.eq(best)) out.push(c);
  }
  return out;
}

function only(cands: readonly CandidateIndex[]): CandidateIndex {
  const c = cands[0];
  if (c === undefined || cands.length !== 1) throw new Error('expected exactly one candidate');
  return c;
}

/** The lot order: candidates sorted by sha256("<seed>:<name>") in hex, smallest first. */
export function lotOrder(cands: readonly CandidateIndex[], names: readonly string[], seed: string): CandidateIndex[] {
  // node:crypto is fetched here, not imported at the top: loading it costs a few milliseconds per process,
  // and most counts (`rollover count` run once per ward) never draw a lot. require is synchronous, and works
  // on every Node 20 (process.getBuiltinModule needs 20.16).
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  const key = (c: CandidateIndex): string =>
    createHash('sha256').update(`${seed}:${names[c] ?? ''}`, 'utf8').digest('hex');
  return [...cands].map((c) => ({ c, k: key(c) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.c - b.c)).map((x) => x.c);
}

function byLot(cands: readonly CandidateIndex[], goal: TieGoal, names: readonly string[], seed: string): CandidateIndex {
  const order = lotOrder(cands, names, seed);
  // The first in lot order loses: it is excluded, and the last is the one favoured.
  const chosen = goal === 'lowest' ? order[0] : order[order.length - 1];
  if (chosen === undefined) throw new Error('lot over no candidates');
  return chosen;
}
