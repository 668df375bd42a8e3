/**
 * What-if recounts: the same count with one segment re-weighted or removed, and a probe for
 * non-monotonicity (more first preferences for a winner making them lose).
 *
 * Spec syntax, one change per spec:
 *   class=member            keep only ballots whose class is member ("members only")
 *   region!=London          keep only ballots whose region is not London ("without London")
 *   -class=affiliate        remove the affiliates' ballots
 *   class=registered*2      count registered supporters' ballots twice (a whole factor; *0 removes them)
 */
import type { Ballot, CandidateIndex, Contest } from '../count/ballots.ts';
import { count, type CountOptions } from '../count/index.ts';
import { err, ok, type Result } from '../result.ts';
import type { SegmentedBallot, SegmentedContest } from './segments.ts';

export interface WhatIfSpec {
  readonly text: string;
  readonly action: 'keep' | 'remove' | 'weight';
  readonly column: string;
  readonly value: string;
  /** `!=`: the spec selects ballots whose value differs. */
  readonly negate: boolean;
  readonly factor: bigint;
}

const SPEC = /^(-?)([^=!*]+?)\s*(!?=)\s*([^*]*?)\s*(?:\*\s*(\d+))?$/;

export function parseWhatIf(text: string, columns: readonly string[]): Result<WhatIfSpec, string> {
  const m = SPEC.exec(text.trim());
  if (!m) return err(`what-if "${text}": expected column=value, column!=value, -column=value or column=value*N`);
  const [, minus, column = '', op, value = '', factor] = m;
  if (!columns.includes(column)) return err(`what-if "${text}": no segment column "${column}" (columns: ${columns.join(', ')})`);
  if (minus === '-' && factor !== undefined) return err(`what-if "${text}": remove (-) or re-weight (*N), not both`);
  const action = minus === '-' ? 'remove' : factor !== undefined ? 'weight' : 'keep';
  return ok({ text, action, column, value, negate: op === '!=', factor: BigInt(factor ?? '1') });
}

function selects(spec: WhatIfSpec, b: SegmentedBallot): boolean {
  return (b.segments.get(spec.column) === spec.value) !== spec.negate;
}

/** The ballots whose weight the spec changes: those it removes or re-weights, or those "keep" drops. */
export function changedBy(spec: WhatIfSpec): (b: SegmentedBallot) => boolean {
  return (b) => selects(spec, b) !== (spec.action === 'keep');
}

/** The contest with the spec applied to its ballots. */
export function applyWhatIf(segmented: SegmentedContest, spec: WhatIfSpec): Contest {
  const ballots: Ballot[] = [];
  for (const b of segmented.ballots) {
    const hit = selects(spec, b);
    const weight = spec.action === 'weight' && hit ? b.weight * spec.factor : b.weight;
    const dropped = (spec.action === 'remove' && hit) || (spec.action === 'keep' && !hit) || weight === 0n;
    if (!dropped) ballots.push({ ranking: b.ranking, weight });
  }
  return { ...segmented.contest, ballots };
}

export interface WhatIfOutcome {
  readonly spec: string;
  readonly ballots: bigint;
  readonly winners: readonly CandidateIndex[];
  /** Whether the winners differ from the actual count's. */
  readonly changesWinner: boolean;
}

export function whatIf(segmented: SegmentedContest, spec: WhatIfSpec, options: CountOptions): Result<WhatIfOutcome, string> {
  const before = count(segmented.contest, options);
  if (!before.ok) return before;
  const contest = applyWhatIf(segmented, spec);
  if (contest.ballots.length === 0) return err(`what-if "${spec.text}" leaves no ballots`);
  const after = count(contest, options);
  if (!after.ok) return err(`what-if "${spec.text}": ${after.error}`);
  const same = sameSet(before.value.winners, after.value.winners);
  return ok({ spec: spec.text, ballots: contest.ballots.reduce((s, b) => s + b.weight, 0n), winners: after.value.winners, changesWinner: !same });
}

function sameSet(a: readonly CandidateIndex[], b: readonly CandidateIndex[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

export interface NonMonotonicity {
  /** The winner who would lose … */
  readonly winner: CandidateIndex;
  /** … if this many ballots that rank them below first (or not at all) ranked them first instead. */
  readonly raised: bigint;
  readonly winners: readonly CandidateIndex[];
}

/**
 * Raises each winner to first place on k ballots that rank them lower (k = 1, 2, 4, … up to all such
 * ballots, taken in file order) and recounts. A monotonic result never loses a winner this way; the first
 * k that does is reported. A probe, not a proof: untried k or other ballots may still show it.
 */
export function probeNonMonotonicity(contest: Contest, options: CountOptions): Result<NonMonotonicity | undefined, string> {
  const actual = count(contest, options);
  if (!actual.ok) return actual;
  for (const w of actual.value.winners) {
    const lower = contest.ballots.reduce((s, b) => (b.ranking[0] === w ? s : s + b.weight), 0n);
    for (let k = 1n; k <= lower; k = k * 2n > lower && k < lower ? lower : k * 2n) {
      const raised = count({ ...contest, ballots: raiseWinner(contest.ballots, w, k) }, options);
      if (!raised.ok) return raised;
      if (!raised.value.winners.includes(w)) return ok({ winner: w, raised: k, winners: raised.value.winners });
    }
  }
  return ok(undefined);
}

/** The ballots with `k` of those not ranking w first changed to rank w first, the rest in order. */
function raiseWinner(ballots: readonly Ballot[], w: CandidateIndex, k: bigint): Ballot[] {
  let left = k;
  return ballots.flatMap((b) => {
    if (left === 0n || b.ranking[0] === w) return [b];
    const n = b.weight < left ? b.weight : left;
    left -= n;
    const up = { ranking: [w, ...b.ranking.filter((c) => c !== w)], weight: n };
    return n === b.weight ? [up] : [up, { ranking: b.ranking, weight: b.weight - n }];
  });
}
