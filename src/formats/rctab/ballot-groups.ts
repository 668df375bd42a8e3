/**
 * One contest's ballots as its CVR records arrive: each record checked as RCTab checks it (declared
 * candidates, write-ins, maximum rankings) and added to its group of identical ballots, by precinct and
 * batch when the config reports by them. Records may come from a read the contest shares with others, so
 * the grouper only takes records; who reads them is the caller's business.
 */
import { OVERVOTE_LABEL, type RctabBallot, type RctabRank } from '../../count/rctab/rules.ts';
import type { SliceKey } from '../../count/rctab/slices.ts';
import { err, ok, type InputError, type Result } from '../../result.ts';
import type { RctabConfig } from './config.ts';
import type { CastVoteRecord, Mark } from './cvr.ts';

/** Sees each record as read, with its ranks as the tabulator takes them. */
export type RecordObserver = (record: CastVoteRecord, ranks: readonly RctabRank[]) => void;

/** The ballots of a contest, grouped, and the precincts its records name in order of first appearance. */
export interface Ballots {
  readonly groups: RctabBallot[];
  readonly precincts: readonly string[];
}

/**
 * Groups a contest's records into identical ballots (with their CVR ids when `keepIds`); `observe` sees
 * every record (the ballot-count confirmation uses it). The first bad record is kept as the problem, and
 * later records are ignored.
 */
export class BallotGrouper {
  private readonly config: RctabConfig;
  private readonly keepIds: boolean;
  private readonly observe: RecordObserver | undefined;
  private readonly index: ReadonlyMap<string, number>;
  private readonly uwi: number;
  private readonly groups: Group[] = [];
  // Groups by precinct and batch, then by ranking: short keys, and precinct labels are few.
  private readonly bySlice = new Map<string, Map<string, Group>>();
  // Groups with the same ranking in different precincts share one copy of it.
  private readonly rankings = new Map<string, RctabRank[]>();
  private readonly precincts = new Set<string>();
  private problem: InputError | undefined;

  constructor(config: RctabConfig, keepIds: boolean, observe?: RecordObserver) {
    this.config = config;
    this.keepIds = keepIds;
    this.observe = observe;
    this.index = new Map(config.candidates.map((c, i) => [c.name, i]));
    this.uwi = config.candidates.findIndex((c) => c.undeclaredWriteIn === true);
  }

  add(record: CastVoteRecord): void {
    if (this.problem) return;
    if (record.precinct !== undefined && record.precinct !== '') this.precincts.add(record.precinct);
    const ranks = toRanks(record, this.config, this.index, this.uwi);
    if (!ranks.ok) {
      this.problem = ranks.error;
      return;
    }
    this.observe?.(record, ranks.value);
    const slices = slicesOf(record, this.config);
    const place = sliceKey(slices);
    let inSlice = this.bySlice.get(place);
    if (!inSlice) {
      inSlice = new Map();
      this.bySlice.set(place, inSlice);
    }
    const key = rankingKey(ranks.value);
    const group = inSlice.get(key);
    if (group) {
      group.weight += 1n;
      group.ids?.push(record.computedId);
      return;
    }
    let shared = this.rankings.get(key);
    if (!shared) {
      shared = ranks.value;
      this.rankings.set(key, shared);
    }
    const added: Group = { ranks: shared, weight: 1n, ...(slices.length > 0 ? { slices } : {}), ...(this.keepIds ? { ids: [record.computedId] } : {}) };
    inSlice.set(key, added);
    this.groups.push(added);
  }

  /** The ballots once every source is read, or the first problem found in them. */
  finish(): Result<Ballots, InputError> {
    if (this.problem) return err(this.problem);
    if (this.config.contest.tabulateByPrecinct && this.precincts.size === 0 && this.groups.length > 0) {
      return err({ message: 'tabulateByPrecinct is enabled but no CVR gives a precinct' });
    }
    return ok({ groups: this.groups, precincts: [...this.precincts] });
  }
}

/** Identical ballots, counted once with their number as weight. */
interface Group {
  readonly ranks: RctabRank[];
  weight: bigint;
  readonly slices?: SliceKey[];
  readonly ids?: string[];
}

/**
 * What makes ballots identical for the count: the same candidates at the same ranks (the key of a group
 * within its precinct and batch). It runs once per CVR, so it is built as one flat string of char codes
 * (each number as two 16-bit halves, so any value fits), which a Map hashes without first flattening.
 */
function rankingKey(ranks: readonly RctabRank[]): string {
  const codes: number[] = [];
  for (const { rank, candidates } of ranks) {
    codes.push(rank >>> 16, rank & 0xffff, candidates.length >>> 16, candidates.length & 0xffff);
    for (const c of candidates) codes.push((c + 1) >>> 16, (c + 1) & 0xffff);
  }
  return String.fromCharCode(...codes);
}

/** The precinct and batch of a group: a label's length goes before it, so that no label can pass for two. */
function sliceKey(slices: readonly SliceKey[]): string {
  const [only, ...more] = slices;
  if (more.length === 0) return only?.label ?? '';
  return slices.map(({ label }) => `${label.length}:${label}`).join('|');
}

function toRanks(record: CastVoteRecord, config: RctabConfig, index: ReadonlyMap<string, number>, uwi: number): Result<RctabRank[], InputError> {
  const where = { file: record.source, record: record.computedId };
  const max = config.rules.maxRankingsAllowed;
  const ranks: RctabRank[] = [];
  for (const { rank, marks } of record.rankings) {
    if (max !== undefined && rank > max) return err({ ...where, message: `ranks a choice at rank ${rank}, beyond maxRankingsAllowed (${max})` });
    const candidates: number[] = [];
    for (const mark of marks) {
      const c = markIndex(mark, index, uwi);
      if (c === undefined) return err({ ...where, message: 'has an undeclared write-in but no source declares undeclaredWriteInLabel' });
      if (!candidates.includes(c)) candidates.push(c);
    }
    ranks.push({ rank, candidates });
  }
  return ok(ranks);
}

/**
 * The precinct and batch a record is reported under, when the config asks for results by precinct or batch.
 * Records without one are grouped under RCTab's placeholder names (as its regression cases name them:
 * missing_precinct_example for ES&S, generic_csv_test for the others and for batches).
 */
function slicesOf(record: CastVoteRecord, config: RctabConfig): SliceKey[] {
  const keys: SliceKey[] = [];
  if (config.contest.tabulateByPrecinct) {
    const missing = record.provider === 'ess' ? 'missing_precinct_id' : 'no precinct id';
    keys.push({ kind: 'precinct', label: record.precinct || missing });
  }
  if (config.contest.tabulateByBatch) keys.push({ kind: 'batch', label: record.batchId || 'no batch id' });
  return keys;
}

function markIndex(mark: Mark, index: ReadonlyMap<string, number>, uwi: number): number | undefined {
  switch (mark.kind) {
    case 'candidate':
      return index.get(mark.name);
    case 'overvote':
      return OVERVOTE_LABEL;
    case 'undeclaredWriteIn':
      return uwi < 0 ? undefined : uwi;
  }
}
