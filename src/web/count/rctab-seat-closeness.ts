/**
 * "Is it close?" for a multi-winner RCTab contest, from the rounds of RCTab's detailed report that the page
 * shows (rctab-closeness-rounds.ts). No multi-winner margin is searched for, so the panel says plainly
 * what each figure is:
 * - a multi-seat count electing by threshold, with surplus transfers: the last-seat estimate
 *   (analysis/stv-margin.ts), in the results page's words;
 * - bottoms-up to a number of seats, which elects the last ones standing together: the same swing at the
 *   cut-off, the last exclusion;
 * - bottoms-up by percentage: no estimate, since a swing there can change how many are elected;
 * - each pass of a sequential count, a single-winner count without the earlier passes' winners: the IRV
 *   lower bound from that pass's rounds (analysis/irv-bounds.ts) and its last-round swing as an estimate.
 */
import { irvLowerBound } from '../../analysis/irv-bounds.ts';
import { stvLastSeatEstimate, type LastSeatEstimate } from '../../analysis/stv-margin.ts';
import type { CountResult } from '../../count/types.ts';
import type { CountJson } from '../../formats/count-json.ts';
import { votes, whole } from '../../formats/figures.ts';
import { escapeHtml } from '../../server/html.ts';
import { marginInWords } from '../results/closeness.ts';
import { reportRounds } from './rctab-closeness-rounds.ts';

/** One counted report (one pass of a sequential count) and what the panel says of it. */
export interface SeatCloseness {
  /** The config's winnerElectionMode. */
  readonly mode: string;
  readonly count: CountJson;
  /** Ballots in the contest, undervotes included: any of them could be changed. */
  readonly ballots: bigint;
  /** 1-based pass of a sequential count. */
  readonly pass: number;
}

/** What the estimate compares, in words; `last` and `runnerUp` are escaped names. */
type Compares = (last: string, runnerUp: string, round: number) => string;

const lastSeat: Compares = (last, runnerUp, round) => `It compares ${last}, the weakest winner still to be elected there, with ${runnerUp}, the strongest candidate not elected, in round ${round}, the last round ${runnerUp} was in the count.`;

const cutOff: Compares = (last, runnerUp, round) => `A bottoms-up count elects those left standing together, so it compares ${last}, the weakest of them at the last exclusion (round ${round}), with ${runnerUp}, the strongest candidate excluded there.`;

/** The panel's paragraphs, or undefined for a single-winner contest (rctab-closeness.ts answers those). */
export function seatCloseness({ mode, count, ballots, pass }: SeatCloseness): string | undefined {
  const result = reportRounds(count);
  switch (mode) {
    case 'multiWinnerAllowOnlyOneWinnerPerRound':
    case 'multiWinnerAllowMultipleWinnersPerRound':
      return estimateWords(result, stvLastSeatEstimate(result), ballots, lastSeat, 'surpluses and exclusions');
    case 'bottomsUp':
      return estimateWords(result, stvLastSeatEstimate(result), ballots, cutOff, 'exclusions');
    case 'bottomsUpUsingPercentageThreshold':
      return '<p>No estimate for this contest: bottoms-up by percentage elects everyone still standing once each has the threshold\'s share of the vote, so how many are elected is not fixed, and a swing could add or remove a winner rather than pass a seat from one candidate to another.</p>';
    case 'multiPassIrv':
      return passWords(result, ballots, pass);
    default:
      return undefined;
  }
}

/** `earlier`: what the earlier rounds did that changes there could alter. */
function estimateWords(result: CountResult, e: LastSeatEstimate | undefined, ballots: bigint, compares: Compares, earlier: string): string {
  if (e === undefined) return '<p>No estimate for this contest: every candidate still standing was elected, so there is no runner-up to compare.</p>';
  const name = (c: number): string => result.candidates[c] ?? '';
  const margin = { kind: 'stv-estimate', ballots: Number(e.ballots), exact: false, lastElected: name(e.lastElected), runnerUp: name(e.runnerUp), round: e.round, gap: votes(e.gap, result.places) } as const;
  return `<p class="margin"><strong>${escapeHtml(marginInWords(margin, Number(ballots)))}</strong></p>
<p>${compares(escapeHtml(margin.lastElected), escapeHtml(margin.runnerUp), e.round)} An estimate, not a margin: changes to earlier rounds' ${earlier} can take fewer or more ballots. No exact margin is searched for in a multi-winner contest.</p>`;
}

/**
 * A pass of a sequential count is an IRV count, so the rounds bound its margin as they bound any IRV
 * count's, provided each round excluded one candidate at most (the bound's argument follows one exclusion
 * at a time) and every tally is whole.
 */
function passWords(result: CountResult, ballots: bigint, pass: number): string {
  if (result.winners.length !== 1) return '<p>No bound for this pass: it elected no one.</p>';
  const batch = result.rounds.find((r) => r.excluded.length > 1);
  const wholeTallies = result.rounds.every((r) => [...r.tally.values()].every((v) => v.den === 1n));
  const bound = batch !== undefined
    ? `<p>No bound from the rounds: round ${batch.round} excluded several candidates at once, which the bound's argument (one exclusion a round) does not cover.</p>`
    : wholeTallies
      ? `<p class="margin"><strong>From the rounds alone: electing someone else in this pass needs at least ${whole(irvLowerBound(result))} of ${whole(ballots)} ballots changed.</strong></p>`
      : '';
  const e = stvLastSeatEstimate(result);
  const name = (c: number): string => escapeHtml(result.candidates[c] ?? '');
  const swing = e === undefined
    ? ''
    : `<p>Moving about ${whole(e.ballots)} ballot${e.ballots === 1n ? '' : 's'} from ${name(e.lastElected)} to ${name(e.runnerUp)} could elect ${name(e.runnerUp)} in this pass instead (an estimate from round ${e.round}, where they were ${votes(e.gap, result.places)} votes apart; no recount has checked it).</p>`;
  const fixed = pass === 1 ? '' : '<p>Each pass counts the ballots again without the earlier passes\' winners: these figures hold those winners fixed.</p>';
  return [bound, swing, fixed].filter((p) => p !== '').join('\n');
}
