/**
 * "Which group decided it?" through the API: POST a ballot file with segment columns (the CSV of
 * analysis/segments.ts, as `rollover analyze --segments/--what-if` reads) and get what the CLI prints in
 * JSON: the breakdown by a column with small segments pooled, a what-if recount, and for each publishable
 * group the smallest swing that alters the winner (analysis/swing.ts). Published elections cannot answer
 * this: their ballots are not linked to any voter's class, by design.
 *
 * The turnout sweeps are counts and run here; each group's exact margin is a search, run in a worker
 * (margin-pool.ts) and waited for up to `wait` seconds like the contest analysis; unfinished searches are
 * reported as computing, and the same upload asked again finds them in the cache.
 */
import { z } from 'zod';
import { DEFAULT_PRIVACY_THRESHOLD, segmentBreakdown } from '../../analysis/breakdown.ts';
import { marginJson, segmentRowJson, segmentSwings, swingJson, type SegmentRowJson, type SwingJson } from '../../analysis/segment-swings.ts';
import { parseSegmentedCsv, type SegmentedBallot, type SegmentedContest } from '../../analysis/segments.ts';
import { smallestSwing } from '../../analysis/swing.ts';
import { changedBy, parseWhatIf, whatIf } from '../../analysis/what-if.ts';
import { count, type CountOptions } from '../../count/index.ts';
import { sha256Hex } from '../../election/audit.ts';
import { invalid, type DomainError } from '../../election/types.ts';
import { describeInputError, err, ok, type Result } from '../../result.ts';
import { busyReply, type Admission } from '../admission.ts';
import { within, type MarginPool, type MarginRun } from '../margin-pool.ts';
import type { Routes } from '../route.ts';
import { CsvText } from '../schemas.ts';

/** A few tens of thousands of ballots: larger files belong to `rollover analyze`. */
export const SWING_BODY_LIMIT = 4 * 1024 * 1024;
const CACHED = 500;

export const SegmentQuery = z
  .strictObject({
    column: z.string().min(1).max(100).optional(),
    whatIf: z.string().min(1).max(200).optional(),
    privacyThreshold: z.coerce.number().int().min(Number(DEFAULT_PRIVACY_THRESHOLD)).max(1_000_000).default(Number(DEFAULT_PRIVACY_THRESHOLD)),
    maxNodes: z.coerce.number().int().min(1).max(5_000).default(2_000),
    wait: z.coerce.number().int().min(0).max(60).default(10),
  })
  .refine((q) => q.column !== undefined || q.whatIf !== undefined, { message: 'name a segment column (column=…) or a what-if spec (whatIf=…)' });
export type SegmentOptions = z.infer<typeof SegmentQuery>;

/** A swing as the CLI prints it, with the state of its exact margin's search when it has not finished. */
export type GroupSwingJson = SwingJson & { readonly marginSearch?: string };

export interface SegmentAnalysis {
  readonly ballots: number;
  readonly winner: string;
  readonly whatIf?: { readonly spec: string; readonly ballots: number; readonly winners: string[]; readonly changesWinner: boolean; readonly smallestSwing: GroupSwingJson };
  readonly segments?: {
    readonly column: string;
    readonly privacyThreshold: number;
    readonly rows: readonly SegmentRowJson[];
    readonly swings: readonly (GroupSwingJson & { readonly segment: string | null; readonly segments: number })[];
  };
  /** Some exact margin is still being searched: ask again with the same file. */
  readonly computing?: true;
}

const IRV: CountOptions = { method: 'irv' };
const searches = new Map<string, Promise<MarginRun>>();

export function segmentAnalysisRoute(routes: Routes, pool: MarginPool, admission: Admission): void {
  routes.add({
    method: 'POST', url: '/api/analysis/segments', access: 'public',
    summary: 'Which group decided it: a ballot CSV with segment:<name> columns (text/csv) broken down by a column and/or re-counted with a what-if spec, with each group\'s smallest swing that alters the winner',
    query: SegmentQuery, body: CsvText, csvBody: true, bodyLimit: SWING_BODY_LIMIT, computeJob: true,
    handler: async ({ query, body, reply }) => {
      const admitted = await admission.admit(() => analyseSegments(body, query, pool));
      if (!admitted.ok) {
        busyReply(reply);
        return ok({ status: 503, json: { error: admitted.error.message } });
      }
      const analysis = admitted.value;
      return analysis.ok ? ok({ json: analysis.value }) : analysis;
    },
  });
}

export async function analyseSegments(csv: string, options: SegmentOptions, pool: MarginPool): Promise<Result<SegmentAnalysis, DomainError>> {
  const parsed = parseSegmentedCsv(csv, 'ballots.csv');
  if (!parsed.ok) return err(invalid(describeInputError(parsed.error)));
  const segmented = parsed.value;
  const names = segmented.contest.candidates;
  const actual = count(segmented.contest, IRV);
  if (!actual.ok) return err(invalid(actual.error));
  const margins = new Margins(pool, segmented, sha256Hex(csv), options.maxNodes);
  const what = options.whatIf === undefined ? ok(undefined) : whatIfPart(segmented, options.whatIf, margins);
  if (!what.ok) return what;
  let segments: { column: string; rows: SegmentRowJson[]; swings: { segment: string | null; segments: number; swing: SwingJson; search: number }[] } | undefined;
  if (options.column !== undefined) {
    const column = options.column;
    if (!segmented.columns.includes(column)) return err(invalid(`no segment column "${column}" (columns: ${segmented.columns.join(', ')})`));
    const threshold = BigInt(options.privacyThreshold);
    const swings = segmentSwings(segmented, column, IRV, threshold);
    if (!swings.ok) return err(invalid(swings.error));
    const rows = segmentBreakdown(segmented, column, actual.value, threshold).map((r) => segmentRowJson(r, names));
    const started = swings.value.map((s) => {
      const values = new Set(s.values);
      const inGroup = (b: SegmentedBallot): boolean => values.has(b.segments.get(column) ?? '');
      return { segment: s.segment ?? null, segments: s.segments, swing: swingJson(s.swing, names), search: margins.start(inGroup) };
    });
    segments = { column, rows, swings: started };
  }
  const settled = await margins.settle(options.wait * 1000);
  const whatIfDone = what.value ? { whatIf: { ...what.value.json, smallestSwing: settled(what.value.swing, what.value.search) } } : {};
  const segmentsDone = segments
    ? {
      segments: {
        column: segments.column, privacyThreshold: options.privacyThreshold, rows: segments.rows,
        swings: segments.swings.map((s) => ({ segment: s.segment, segments: s.segments, ...settled(s.swing, s.search) })),
      },
    }
    : {};
  return ok({
    ballots: segmented.ballots.length,
    winner: names[actual.value.winners[0] ?? -1] ?? '',
    ...whatIfDone,
    ...segmentsDone,
    ...(margins.computing ? { computing: true as const } : {}),
  });
}

interface WhatIfPart {
  readonly json: { readonly spec: string; readonly ballots: number; readonly winners: string[]; readonly changesWinner: boolean };
  readonly swing: SwingJson;
  readonly search: number;
}

function whatIfPart(segmented: SegmentedContest, text: string, margins: Margins): Result<WhatIfPart, DomainError> {
  const names = segmented.contest.candidates;
  const spec = parseWhatIf(text, segmented.columns);
  if (!spec.ok) return err(invalid(spec.error));
  const outcome = whatIf(segmented, spec.value, IRV);
  if (!outcome.ok) return err(invalid(outcome.error));
  const swing = smallestSwing(segmented, changedBy(spec.value), IRV);
  if (!swing.ok) return err(invalid(swing.error));
  const winners = outcome.value.winners.map((c) => names[c] ?? '');
  return ok({
    json: { spec: text, ballots: Number(outcome.value.ballots), winners, changesWinner: outcome.value.changesWinner },
    swing: swingJson(swing.value, names),
    search: margins.start(changedBy(spec.value)),
  });
}

/** The groups' exact margins: started in the pool (or found in the cache), then waited for together. */
class Margins {
  private readonly runs: Promise<MarginRun>[] = [];
  computing = false;

  constructor(
    private readonly pool: MarginPool,
    private readonly segmented: SegmentedContest,
    private readonly fileHash: string,
    private readonly maxNodes: number,
  ) {}

  /** Starts the search for the margin of the group `inGroup` selects; returns its number for settle(). */
  start(inGroup: (b: SegmentedBallot) => boolean): number {
    const changeable = this.segmented.ballots.map(inGroup);
    const key = [this.fileHash, this.maxNodes, sha256Hex(changeable.map((c) => (c ? '1' : '0')).join(''))].join('/');
    let run = searches.get(key);
    if (!run) {
      run = this.pool.run({ contest: this.segmented.contest, maxNodes: this.maxNodes, changeable });
      searches.set(key, run);
      if (searches.size > CACHED) searches.delete(searches.keys().next().value as string);
    }
    return this.runs.push(run) - 1;
  }

  /** Waits up to `ms` for every search, then gives a function that puts a search's result into its swing. */
  async settle(ms: number): Promise<(s: SwingJson, search: number) => GroupSwingJson> {
    const results = new Map<number, MarginRun>();
    await within(Promise.all(this.runs.map(async (run, i) => results.set(i, await run))), ms);
    const names = this.segmented.contest.candidates;
    return (s, search) => {
      const run = results.get(search);
      if (!run) {
        this.computing = true;
        return { ...s, marginSearch: 'still running: ask again with the same file' };
      }
      if (run.kind === 'stopped') return { ...s, marginSearch: run.reason };
      if (!run.margin.ok) return { ...s, marginSearch: run.margin.error };
      const margin = marginJson(run.margin.value, names);
      return { ...s, margin, altersWinner: s.altersWinner || margin.ballots !== null };
    };
  }
}
