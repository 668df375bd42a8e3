/**
 * The JSON form of a count: the `--json` output of `rollover count` in the contract's shape (DESIGN.md,
 * "Contracts"), which other tools and checks read, and the form in which the election service publishes
 * and verifies results and the web app draws the count and results pages. Candidates appear by name; every
 * number is an exact decimal string at the rule's number of places (never a JSON number, which readers
 * would turn into a float).
 *
 * Beyond the contract's keys (method, rules, seats, winners, rounds: round, tally, exhausted, threshold,
 * elected, excluded) each round carries `loss`, the `transfer` made at its end and any `tieBreaks`, and
 * the whole carries `validVotes`, `quota` and `places`, so that a reader can check the count by hand.
 */
import type { Rational } from '../count/arithmetic.ts';
import type { CandidateIndex } from '../count/ballots.ts';
import type { CountResult, Round, TieBreakRecord, Transfer } from '../count/types.ts';

export interface CountJson {
  readonly method: CountResult['method'];
  readonly rules: string;
  readonly seats: number;
  readonly winners: string[];
  readonly places: number;
  readonly validVotes: string;
  readonly quota?: string;
  readonly rounds: RoundJson[];
  readonly notes?: readonly string[];
}

export interface RoundJson {
  readonly round: number;
  readonly tally: Record<string, string>;
  readonly exhausted: string;
  readonly threshold: string;
  readonly elected: string[];
  readonly excluded: string[];
  readonly loss: string;
  readonly transfer?: TransferJson;
  readonly tieBreaks?: TieBreakJson[];
  readonly notes?: readonly string[];
}

export interface TransferJson {
  readonly kind: Transfer['kind'];
  readonly from: string[];
  readonly to: Record<string, string>;
  readonly exhausted: string;
  readonly value?: string;
}

export interface TieBreakJson {
  readonly tied: string[];
  readonly chosen: string;
  readonly how: TieBreakRecord['how'];
  readonly round?: number;
}

export function countJson(result: CountResult): CountJson {
  const fmt = (v: Rational): string => v.toFixed(result.places);
  const name = (c: CandidateIndex): string => candidateName(result, c);
  const byName = (m: ReadonlyMap<CandidateIndex, Rational>): Record<string, string> => {
    // Candidates in the order the file lists them, so that outputs diff cleanly between runs and rules.
    const out: Record<string, string> = {};
    for (const [c, v] of [...m.entries()].sort(([a], [b]) => a - b)) out[name(c)] = fmt(v);
    return out;
  };
  const round = (r: Round): RoundJson => ({
    round: r.round,
    tally: byName(r.tally),
    exhausted: fmt(r.exhausted),
    threshold: fmt(r.threshold),
    elected: r.elected.map(name),
    excluded: r.excluded.map(name),
    loss: fmt(r.loss),
    ...(r.transfer ? { transfer: transferJson(r.transfer, fmt, name, byName) } : {}),
    ...(r.tieBreaks && r.tieBreaks.length > 0 ? { tieBreaks: r.tieBreaks.map((t) => tieBreakJson(t, name)) } : {}),
    ...(r.notes && r.notes.length > 0 ? { notes: r.notes } : {}),
  });
  return {
    method: result.method,
    rules: result.rules,
    seats: result.seats,
    winners: result.winners.map(name),
    places: result.places,
    validVotes: fmt(result.validVotes),
    ...(result.quota ? { quota: fmt(result.quota) } : {}),
    rounds: result.rounds.map(round),
    ...(result.notes && result.notes.length > 0 ? { notes: result.notes } : {}),
  };
}

function transferJson(
  t: Transfer,
  fmt: (v: Rational) => string,
  name: (c: CandidateIndex) => string,
  byName: (m: ReadonlyMap<CandidateIndex, Rational>) => Record<string, string>,
): TransferJson {
  return {
    kind: t.kind,
    from: t.from.map(name),
    to: byName(t.to),
    exhausted: fmt(t.exhausted),
    ...(t.value ? { value: fmt(t.value) } : {}),
  };
}

function tieBreakJson(t: TieBreakRecord, name: (c: CandidateIndex) => string): TieBreakJson {
  return { tied: t.tied.map(name), chosen: name(t.chosen), how: t.how, ...(t.round === undefined ? {} : { round: t.round }) };
}

/** A candidate's name; a number outside the list is a bug in the rule that produced the result. */
export function candidateName(result: Pick<CountResult, 'candidates'>, c: CandidateIndex): string {
  const name = result.candidates[c];
  if (name === undefined) throw new Error(`candidate ${c} is not in the count's list of ${result.candidates.length}`);
  return name;
}
