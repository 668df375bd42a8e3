/**
 * Results by precinct or by batch: the whole contest's count seen through the ballots of one precinct
 * (or batch). Decisions (who is elected, who eliminated) are the whole contest's; the votes, inactive
 * ballots and transfers shown are those of the slice's ballots only. This is RCTab's "Tabulate by
 * Precinct" / "Tabulate by Batch" (its user guide: "results are how ballots at the precinct level
 * transferred in the contest as a whole, not a simulated round-by-round count in the precinct").
 */
import type { InactiveReason } from './choice.ts';
import { Decimal } from './decimal.ts';
import type { TransferTarget } from './round.ts';

export type SliceKind = 'precinct' | 'batch';

/** A slice's key on a ballot: kind and label ("precinct" + "W-1 P-01"). */
export interface SliceKey {
  readonly kind: SliceKind;
  readonly label: string;
}

export interface SliceRound {
  readonly tally: Map<number, Decimal>;
  readonly inactive: Record<InactiveReason, Decimal>;
  /** Transfers of the round's results, by the result's position in the round. */
  readonly transfers: Map<number, Map<TransferTarget, Decimal>>;
  finalRoundSurplus?: Decimal;
}

export interface SliceTotals {
  readonly key: SliceKey;
  ballots: bigint;
  undervotes: bigint;
}

export function sliceId(key: SliceKey): string {
  return `${key.kind}\t${key.label}`;
}

export function zeroInactive(): Record<InactiveReason, Decimal> {
  return { overvotes: Decimal.ZERO, skippedRankings: Decimal.ZERO, exhaustedChoices: Decimal.ZERO, repeatedRankings: Decimal.ZERO };
}

/** Running state of every slice across rounds: cumulative inactive ballots and winners' kept votes. */
export class SliceLedger {
  private readonly inactive = new Map<string, Record<InactiveReason, Decimal>>();
  private readonly winnerVotes = new Map<string, Map<number, Decimal>>();
  private readonly finalSurplus = new Map<string, Decimal>();

  /** A fresh round for the slice, carrying inactive ballots so far and earlier winners' votes. */
  startRound(id: string): SliceRound {
    const kept = this.winnerVotes.get(id);
    return {
      tally: new Map(kept ?? []),
      inactive: { ...(this.inactive.get(id) ?? zeroInactive()) },
      transfers: new Map(),
    };
  }

  addInactive(id: string, reason: InactiveReason, amount: Decimal): void {
    // Updated in place: each round takes its own copy (startRound).
    let current = this.inactive.get(id);
    if (!current) {
      current = zeroInactive();
      this.inactive.set(id, current);
    }
    current[reason] = current[reason].add(amount);
  }

  addFinalSurplus(id: string, amount: Decimal): void {
    this.finalSurplus.set(id, (this.finalSurplus.get(id) ?? Decimal.ZERO).add(amount));
  }

  finalSurplusOf(id: string): Decimal {
    return this.finalSurplus.get(id) ?? Decimal.ZERO;
  }

  setWinnerVotes(id: string, winner: number, votes: Decimal): void {
    const map = this.winnerVotes.get(id) ?? new Map<number, Decimal>();
    map.set(winner, votes);
    this.winnerVotes.set(id, map);
  }
}
