/**
 * What each counted ballot held, round by round, as RCTab's CDF export reports it after a tabulation
 * ("interpreted" snapshots): the candidate it counted for at its current value, and every winner that
 * kept part of it when passing a surplus on. As RCTab's fractional multi-winner case shows: a ballot worth
 * 1 with a winner whose surplus moves on at .0937 per vote leaves .9063 with the winner for every later
 * round, and .0937 with its next choice.
 */
import { Decimal } from '../../count/rctab/decimal.ts';
import type { BallotStep, RctabCount } from '../../count/rctab/round.ts';
import type { RoundShares } from './cdf-writer.ts';

/** Each CVR id's shares in every round of `count` (whose ballots were read with their ids). */
export function sharesById(count: RctabCount, places: number): Map<string, RoundShares[]> {
  const byId = new Map<string, RoundShares[]>();
  for (const path of count.paths) {
    const shares = path.steps.length === 0 ? count.rounds.map(() => new Map<string, Decimal>()) : roundShares(count, path.steps, places);
    for (const id of path.ids) byId.set(id, shares);
  }
  return byId;
}

interface Holding {
  readonly candidate: number;
  readonly value: Decimal;
}

function roundShares(count: RctabCount, steps: readonly BallotStep[], places: number): RoundShares[] {
  const name = (c: number): string => count.candidates[c]?.name ?? '';
  const kept = new Map<string, Decimal>();
  let holding: Holding | undefined;
  return steps.map((step) => {
    if (holding !== undefined && !('candidate' in step && step.candidate === holding.candidate)) {
      const part = holding.value.sub(valueMovedOn(holding, step, count, places));
      if (part.signum() > 0) kept.set(name(holding.candidate), part);
    }
    holding = 'candidate' in step ? step : undefined;
    const shares = new Map(kept);
    if (holding !== undefined) shares.set(name(holding.candidate), holding.value);
    return shares;
  });
}

/**
 * What a ballot carried away from the candidate it left: its value at the next candidate or as final
 * surplus; when it went inactive, its value times the candidate's transfer value if they were elected
 * (the tabulator's surplus ÷ votes, rounded down), else all of it.
 */
function valueMovedOn(from: Holding, step: BallotStep, count: RctabCount, places: number): Decimal {
  if ('candidate' in step) return step.value;
  if ('finalSurplus' in step) return step.finalSurplus;
  const round = count.rounds.find((r) => r.results.some((t) => t.kind === 'elected' && t.candidate === from.candidate));
  const held = round?.tally.get(from.candidate);
  if (round === undefined || held === undefined || held.isZero()) return from.value;
  const over = held.sub(round.threshold);
  const surplus = (over.signum() < 0 ? Decimal.ZERO : over).setScale(places, 'down');
  return from.value.mul(surplus.div(held, places, 'down')).setScale(places, 'down');
}
