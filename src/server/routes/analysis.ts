/**
 * "Is it close?" for a published contest: the cheap bounds on the margin, the exact IRV margin within a
 * budget of programs (`exact: false` when the search stopped) with its witness, or for STV the
 * last-seat estimate; and turnout by elector class with small classes pooled (election/results.ts).
 * The analysis reads only what is already public: the published count and the shuffled ballots file.
 */
import { cheapIrvBounds, type IrvMargin } from '../../analysis/irv-margin.ts';
import { stvLastSeatEstimate } from '../../analysis/stv-margin.ts';
import { DEFAULT_PRIVACY_THRESHOLD } from '../../analysis/breakdown.ts';
import { changedBallots, type BallotChange } from '../../analysis/witness.ts';
import { totalWeight, type CandidateIndex } from '../../count/ballots.ts';
import { count } from '../../count/index.ts';
import type { CountResult } from '../../count/types.ts';
import { turnoutByClass, type ContestResult, type PublishedResult, type TurnoutRow } from '../../election/results.ts';
import { conflict, invalid, notFound, type DomainError } from '../../election/types.ts';
import { parseBlt } from '../../formats/blt.ts';
import { describeInputError, err, ok, type Result } from '../../result.ts';
import type { Store } from '../../store/store.ts';
import type { Admission } from '../admission.ts';
import { MarginPool, within, type MarginRun } from '../margin-pool.ts';
import type { Routes } from '../route.ts';
import { segmentAnalysisRoute } from './segment-analysis.ts';
import { z } from 'zod';
import { ContestParams } from '../schemas.ts';

/**
 * Programs (integer programs and their linear relaxations) per search: enough for the real contests tried
 * (Burlington 2009 needs a few). The search runs in a worker thread under a time limit, but it still takes
 * a core, so a public caller may ask for more only up to a bound.
 */
export const DEFAULT_MAX_NODES = 2_000;
const MOST_NODES = 5_000;
/** A search still running after this long is stopped, and its contest shows the bounds only. */
const MARGIN_TIME_LIMIT_MS = 120_000;

export const AnalysisQuery = z.strictObject({
  maxNodes: z.coerce.number().int().min(1).max(MOST_NODES).default(DEFAULT_MAX_NODES),
  privacyThreshold: z.coerce.number().int().min(Number(DEFAULT_PRIVACY_THRESHOLD)).max(1_000_000).default(Number(DEFAULT_PRIVACY_THRESHOLD)),
  /** Seconds to wait for the exact margin before answering with the bounds; the search goes on, ask again. */
  wait: z.coerce.number().int().min(0).max(60).default(10),
});
export type AnalysisOptions = z.infer<typeof AnalysisQuery>;

export interface ChangeJson {
  readonly from: string[];
  readonly to: string[];
  readonly count: number;
}

export type MarginJson =
  | {
    readonly kind: 'irv';
    readonly ballots: number;
    readonly exact: boolean;
    readonly lowerBound: number;
    readonly winner: string;
    readonly newWinner: string;
    readonly witness: ChangeJson[];
    readonly programs: number;
  }
  | {
    readonly kind: 'stv-estimate';
    readonly ballots: number;
    readonly exact: false;
    readonly lastElected: string;
    readonly runnerUp: string;
    readonly round: number;
    readonly gap: string;
  };

export interface ContestAnalysis {
  readonly contest: string;
  readonly title: string;
  readonly method: string;
  readonly winners: readonly string[];
  readonly ballots: number;
  /** IRV only: the bounds known at once, before any search. */
  readonly bounds?: { readonly lower: number; readonly upper?: number };
  readonly margin?: MarginJson;
  /** Why there is no margin, when there is none. */
  readonly noMargin?: string;
  /** The exact search is still running in the background: ask again for the margin; the bounds hold. */
  readonly computing?: true;
  readonly turnout: { readonly privacyThreshold: number; readonly rows: readonly TurnoutRow[] };
}

/** The contest's analysis without the exact margin, and the search for it when there is one. */
interface Prepared {
  readonly analysis: ContestAnalysis;
  readonly margin?: Promise<MarginRun>;
  /** Candidates by index, to name the margin's witness. */
  readonly names?: readonly string[];
}

/** The server's one pool of margin workers, shared by every analysis route and page. */
export const marginPool = new MarginPool(MARGIN_TIME_LIMIT_MS);
/** Published results never change, so each analysis is computed once per contest, count, budget and threshold. */
const computed = new Map<string, Result<Prepared, DomainError>>();
/** Budgets and thresholds come from the query, so the cache forgets its oldest entry beyond this many. */
const CACHED = 200;

/**
 * The analysis of a published contest. Everything but the exact IRV margin is computed at once; the margin
 * is searched for in a worker, waited for up to `options.wait` seconds, and otherwise reported as still
 * computing with the bounds (a later call finds it done, or stopped at the time limit).
 */
export async function analyseContest(result: PublishedResult, bltText: string, contestId: string, options: AnalysisOptions): Promise<Result<ContestAnalysis, DomainError>> {
  const c = result.contests.find((x) => x.id === contestId);
  if (!c) return err(notFound(`no contest ${contestId} (contests: ${result.contests.map((x) => x.id).join(', ')})`));
  const key = [result.election.id, c.id, c.countSha256, options.maxNodes, options.privacyThreshold].join('/');
  let prepared = computed.get(key);
  if (!prepared) {
    prepared = prepare(c, bltText, result.turnout, options);
    computed.set(key, prepared);
    if (computed.size > CACHED) computed.delete(computed.keys().next().value as string);
  }
  if (!prepared.ok) return prepared;
  const { analysis, margin, names = [] } = prepared.value;
  if (!margin) return ok(analysis);
  const run = await within(margin, options.wait * 1000);
  if (!run) return ok({ ...analysis, computing: true, noMargin: 'the exact search is still running (ask again shortly); the bounds hold meanwhile' });
  if (run.kind === 'stopped') return ok({ ...analysis, noMargin: `${run.reason}; the bounds hold` });
  if (!run.margin.ok) return ok({ ...analysis, noMargin: run.margin.error });
  // Any ballot may change, so the search finds a margin (irvMargin refuses otherwise).
  if (run.margin.value.kind !== 'margin') throw new Error('an unrestricted margin search found no change of winner');
  return ok({ ...analysis, margin: irvMarginJson(run.margin.value.margin, names) });
}

function prepare(c: ContestResult, bltText: string, turnout: readonly TurnoutRow[], options: AnalysisOptions): Result<Prepared, DomainError> {
  const parsed = parseBlt(bltText, c.ballotFile);
  if (!parsed.ok) return err(invalid(describeInputError(parsed.error)));
  const contest = parsed.value;
  const method = c.count.method;
  if (method === 'college') return err(invalid(`${c.title}: an electoral college is not analysed here`));
  const recount = count(contest, { method, rules: c.count.rules, seats: c.count.seats });
  if (!recount.ok) return err(invalid(`${c.title}: ${recount.error}`));
  const base = {
    contest: c.id, title: c.title, method: c.count.method, winners: c.count.winners,
    ballots: Number(totalWeight(contest.ballots)),
    turnout: { privacyThreshold: options.privacyThreshold, rows: turnoutByClass(turnout, options.privacyThreshold) },
  };
  if (method !== 'irv') return ok({ analysis: { ...base, ...stvCloseness(recount.value, contest.candidates) } });
  // A contest with no margin (one candidate standing) still shows why; otherwise the bounds, and the search.
  const cheap = cheapIrvBounds(contest);
  if (!cheap.ok) return ok({ analysis: { ...base, noMargin: cheap.error } });
  const bounds = { lower: Number(cheap.value.lower), ...(cheap.value.upper ? { upper: Number(changedBallots(cheap.value.upper)) } : {}) };
  return ok({ analysis: { ...base, bounds }, margin: marginPool.run({ contest, maxNodes: options.maxNodes }), names: contest.candidates });
}

function irvMarginJson(m: IrvMargin, names: readonly string[]): MarginJson {
  const named = (ranking: readonly CandidateIndex[]): string[] => ranking.map((x) => names[x] ?? `#${x}`);
  const change = (ch: BallotChange): ChangeJson => ({ from: named(ch.from), to: named(ch.to), count: Number(ch.count) });
  return {
    kind: 'irv', ballots: Number(m.ballots), exact: m.exact, lowerBound: Number(m.lowerBound),
    winner: names[m.winner] ?? '', newWinner: names[m.newWinner] ?? '', witness: m.witness.map(change), programs: m.nodes,
  };
}

function stvCloseness(result: CountResult, names: readonly string[]): Pick<ContestAnalysis, 'margin' | 'noMargin'> {
  const e = stvLastSeatEstimate(result);
  if (!e) return { noMargin: 'every candidate was elected, so there is no runner-up to compare' };
  return {
    margin: {
      kind: 'stv-estimate', ballots: Number(e.ballots), exact: false, lastElected: names[e.lastElected] ?? '',
      runnerUp: names[e.runnerUp] ?? '', round: e.round, gap: e.gap.toFixed(result.places),
    },
  };
}

/** The published result and the ballots of one contest, or why they may not be analysed. */
export async function publishedContest(store: Store, id: string, contestId: string): Promise<Result<{ result: PublishedResult; blt: string }, DomainError>> {
  const e = await store.getElection(id);
  if (!e) return err(notFound(`no election ${id}`));
  // Unlike the result itself, administrators do not see this before publication: it is public commentary.
  if (e.status !== 'published') return err(conflict(`the analysis is shown once the result is published (the election is ${e.status})`));
  const stored = await store.result(id);
  const blt = stored?.ballots[contestId];
  if (!stored || blt === undefined) return err(notFound(`election ${id} has no published contest ${contestId}`));
  return ok({ result: stored.result as PublishedResult, blt });
}

export function analysisRoutes(routes: Routes, store: Store, admission: Admission): void {
  segmentAnalysisRoute(routes, marginPool, admission);
  routes.add({
    method: 'GET', url: '/api/elections/:id/contests/:contest/analysis', access: 'public',
    summary: 'Is it close? Bounds and the margin of victory with a witness (exact: false if the search stopped), and turnout by class with small classes pooled',
    params: ContestParams, query: AnalysisQuery,
    handler: async ({ params, query }) => {
      const found = await publishedContest(store, params.id, params.contest);
      if (!found.ok) return found;
      const analysis = await analyseContest(found.value.result, found.value.blt, params.contest, query);
      return analysis.ok ? ok({ json: analysis.value }) : analysis;
    },
  });
}
