/**
 * RCTab's tie-break modes.
 *
 * Source: RCTab's config file documentation, "tiebreakMode":
 * - random: the tied candidates sorted by name, index floor(nextDouble() × count) of the one
 *   java.util.Random the count builds from randomSeed (each tie draws the next number); the drawn candidate
 *   is the one chosen: eliminated, or elected.
 * - previousRoundCounts (then random / then ask): the tied candidate with fewest votes in the previous round
 *   loses (most votes wins); still tied there, earlier rounds are consulted, then random or the operator.
 *   RCTab's regression case (tiebreak_previous_round_counts_then_random_test) shows the random fallback
 *   drawing the candidate who loses even when a winner is being chosen.
 * - useCandidateOrder: the candidate listed later in the config loses; earlier wins.
 * - generatePermutation: candidates sorted by code (or name when no code), shuffled with
 *   Collections.shuffle and a java.util.Random from randomSeed; later in that order loses.
 * - stopCountingAndAsk: an operator must choose, which a batch run cannot do: the count stops with an error.
 */
import { err, ok, type Result } from '../../result.ts';
import type { Decimal } from './decimal.ts';
import { JavaRandom, javaShuffle } from './random.ts';
import type { RctabCandidate, RctabRules } from './rules.ts';

export type TieGoal = 'loser' | 'winner';

export class RctabTieBreak {
  private readonly rules: RctabRules;
  private readonly candidates: readonly RctabCandidate[];
  /** Position of each candidate in the fixed order (config order or generated permutation). */
  private readonly order: ReadonlyMap<number, number>;
  private readonly random: JavaRandom;

  constructor(rules: RctabRules, candidates: readonly RctabCandidate[]) {
    this.rules = rules;
    this.candidates = candidates;
    this.random = new JavaRandom(rules.randomSeed ?? 0n);
    const indexes = candidates.map((_, i) => i);
    const fixed = rules.tiebreakMode === 'generatePermutation' ? this.permutation(indexes) : indexes;
    this.order = new Map(fixed.map((c, pos) => [c, pos]));
  }

  private permutation(indexes: readonly number[]): number[] {
    const key = (c: number): string => {
      const cand = this.candidates[c];
      return cand?.code !== undefined && cand.code !== '' ? cand.code : (cand?.name ?? '');
    };
    const sorted = [...indexes].sort((a, b) => compareStrings(key(a), key(b)));
    return javaShuffle(sorted, new JavaRandom(this.rules.randomSeed ?? 0n));
  }

  /** Picks the loser (to eliminate) or the winner among `tied`, given the tallies of earlier rounds. */
  choose(tied: readonly number[], goal: TieGoal, history: readonly ReadonlyMap<number, Decimal>[]): Result<number, string> {
    switch (this.rules.tiebreakMode) {
      case 'useCandidateOrder':
      case 'generatePermutation':
        return ok(this.byOrder(tied, goal));
      case 'random':
        return ok(this.byLot(tied));
      case 'stopCountingAndAsk':
        return err(this.askMessage(tied));
      case 'previousRoundCountsThenRandom':
      case 'previousRoundCountsThenAsk': {
        const left = byPreviousRounds(tied, goal, history);
        if (left.length === 1 && left[0] !== undefined) return ok(left[0]);
        if (this.rules.tiebreakMode === 'previousRoundCountsThenAsk') return err(this.askMessage(left));
        const loser = this.byLot(left);
        return ok(goal === 'loser' || left.length !== 2 ? loser : pick(left.find((c) => c !== loser)));
      }
    }
  }

  private byOrder(tied: readonly number[], goal: TieGoal): number {
    const pos = (c: number): number => this.order.get(c) ?? 0;
    const sorted = [...tied].sort((a, b) => pos(a) - pos(b));
    return pick(goal === 'winner' ? sorted[0] : sorted[sorted.length - 1]);
  }

  /** Draws one of `tied` with the count's random number generator. */
  private byLot(tied: readonly number[]): number {
    const sorted = [...tied].sort((a, b) => compareStrings(this.name(a), this.name(b)));
    return pick(sorted[this.random.nextIndex(sorted.length)]);
  }

  private name(c: number): string {
    return this.candidates[c]?.name ?? '';
  }

  private askMessage(tied: readonly number[]): string {
    const names = tied.map((c) => this.name(c)).sort(compareStrings);
    return `tie between ${names.join(', ')} needs an operator's choice (tiebreakMode ${this.rules.tiebreakMode}), which a batch count cannot ask for`;
  }
}

/** Narrows a tie with earlier rounds, latest first: fewest votes lose, most votes win. */
function byPreviousRounds(tied: readonly number[], goal: TieGoal, history: readonly ReadonlyMap<number, Decimal>[]): number[] {
  let left = [...tied];
  for (let i = history.length - 1; i >= 0 && left.length > 1; i--) {
    const tally = history[i];
    if (!tally) continue;
    const votes = (c: number): Decimal | undefined => tally.get(c);
    if (left.some((c) => votes(c) === undefined)) continue;
    const sign = goal === 'loser' ? -1 : 1;
    const current = left;
    left = current.filter((c) => current.every((o) => sign * (votes(c) as Decimal).cmp(votes(o) as Decimal) >= 0));
  }
  return left;
}

function pick(c: number | undefined): number {
  if (c === undefined) throw new Error('tie-break over no candidates');
  return c;
}

/** Java's String.compareTo: UTF-16 code unit order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
