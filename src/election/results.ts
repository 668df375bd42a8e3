/**
 * Close → count → publish. At the count each contest's ballots go to the counting engine as a Contest
 * (candidates in ballot-paper order); the result holds every round, turnout by elector class and the
 * anonymised ballots as BLT in shuffled order. The stored result keeps the exact turnout of each class for
 * the officers; every published file carries it with small classes pooled, as the results page shows it.
 * The audit entry of the count records the sha256 of each contest's ballots file and result, so the
 * published chain head fixes them too.
 */
import { DEFAULT_PRIVACY_THRESHOLD, privacyPools } from '../analysis/breakdown.ts';
import { groupBallots, type Ballot, type Contest } from '../count/ballots.ts';
import { count } from '../count/index.ts';
import { Rational } from '../count/arithmetic.ts';
import { countJson, type CountJson } from '../formats/count-json.ts';
import { writeBlt } from '../formats/blt.ts';
import { err, ok, type Result } from '../result.ts';
import { canonicalJson, publicAudit, sha256Hex, type AuditEntry, type Json } from './audit.ts';
import type { RandomBytes } from './credentials.ts';
import { csvField } from './csv.ts';
import { invalid } from './types.ts';
import type { DomainError, Election, ElectionContest } from './types.ts';

export interface TurnoutRow {
  readonly electorClass: string;
  readonly eligible: number;
  readonly voted: number;
  /** Percentage to one decimal place, truncated. */
  readonly percent: string;
}

export interface ContestResult {
  readonly id: string;
  readonly title: string;
  readonly ballotFile: string;
  readonly ballotsSha256: string;
  readonly countSha256: string;
  readonly count: CountJson;
}

export interface PublishedResult {
  readonly election: { readonly id: string; readonly title: string };
  readonly contests: readonly ContestResult[];
  readonly turnout: readonly TurnoutRow[];
}

export function ballotFileName(contestId: string): string {
  return `ballots-${contestId}.blt`;
}

export function turnoutRows(rows: readonly { electorClass: string; eligible: number; voted: number }[]): TurnoutRow[] {
  const total = rows.reduce((a, r) => ({ eligible: a.eligible + r.eligible, voted: a.voted + r.voted }), { eligible: 0, voted: 0 });
  return [...rows, { electorClass: 'all', ...total }].map((r) => ({
    ...r,
    percent: r.eligible === 0 ? '0.0' : Rational.of(r.voted * 100, r.eligible).toFixed(1),
  }));
}

/**
 * Turnout rows as they may be published: every class that cast fewer ballots than the threshold is pooled
 * into "other" by breakdown.ts's rule (each class stands as a segment of its voters' ballots), so the pool
 * is grown until it too reaches the threshold, and nothing is shown if even everything together does not.
 * The pool's eligible count is the sum over its classes, so neither column isolates a small class.
 */
export function turnoutByClass(rows: readonly TurnoutRow[], threshold = Number(DEFAULT_PRIVACY_THRESHOLD)): TurnoutRow[] {
  const classes = rows.filter((r) => r.electorClass !== 'all');
  const pools = privacyPools(new Map(classes.map((r) => [r.electorClass, BigInt(r.voted)])), BigInt(threshold));
  if (!pools) return [];
  const byClass = new Map(classes.map((r) => [r.electorClass, r]));
  const named = pools.shown.map((c) => byClass.get(c) as TurnoutRow);
  const sum = (list: readonly TurnoutRow[], f: (r: TurnoutRow) => number): number => list.reduce((n, r) => n + f(r), 0);
  const pooled = pools.pooled.map((c) => byClass.get(c) as TurnoutRow);
  const other = pooled.length === 0
    ? []
    : [{ electorClass: `other (${pooled.length} classes pooled for privacy)`, eligible: sum(pooled, (r) => r.eligible), voted: sum(pooled, (r) => r.voted) }];
  return turnoutRows([...named, ...other].map(({ electorClass, eligible, voted }) => ({ electorClass, eligible, voted })));
}

/** Fisher–Yates with unbiased draws (rejection sampling), so the published order says nothing. */
export function shuffle<T>(items: readonly T[], random: RandomBytes): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformBelow(i + 1, random);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function uniformBelow(n: number, random: RandomBytes): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const b = random(4);
    const x = (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
    if (x < limit) return x % n;
  }
}

export function contestForCount(c: ElectionContest, ballots: readonly Ballot[]): Contest {
  return { title: c.title, candidates: c.ballot ?? [], withdrawn: [], seats: c.seats, ballots };
}

export interface Counted {
  readonly result: PublishedResult;
  /** Contest id → BLT text. */
  readonly ballots: Record<string, string>;
}

/** Counts every contest of a closed election from the rankings in the box. */
export function countElection(
  e: Election,
  rankings: ReadonlyMap<string, readonly (readonly number[])[]>,
  turnout: readonly TurnoutRow[],
  random: RandomBytes,
): Result<Counted, DomainError> {
  const contests: ContestResult[] = [];
  const ballots: Record<string, string> = {};
  for (const c of e.contests) {
    const individual = shuffle(rankings.get(c.id) ?? [], random).map((ranking): Ballot => ({ ranking, weight: 1n }));
    const contest = contestForCount(c, individual);
    const counted = count({ ...contest, ballots: groupBallots(individual) }, { method: c.method, ...(c.rules === undefined ? {} : { rules: c.rules }) });
    if (!counted.ok) return err(invalid(`${c.title}: ${counted.error}`));
    const blt = writeBlt(contest);
    const json = countJson(counted.value);
    ballots[c.id] = blt;
    contests.push({
      id: c.id, title: c.title, ballotFile: ballotFileName(c.id), ballotsSha256: sha256Hex(blt),
      countSha256: sha256Hex(canonicalJson(json as unknown as Json)), count: json,
    });
  }
  return ok({ result: { election: { id: e.id, title: e.title }, contests, turnout }, ballots });
}

/** What the count's audit entry records: enough to tie the published files to the chain. */
export function countAuditData(r: PublishedResult): { [key: string]: Json } {
  const contests: { [key: string]: Json } = {};
  for (const c of r.contests) contests[c.id] = { ballotsSha256: c.ballotsSha256, countSha256: c.countSha256, winners: c.count.winners };
  return { contests };
}

/** The round-by-round table as CSV: one row per contest, round and candidate. */
export function resultCsv(r: PublishedResult): string {
  const lines = ['contest,round,candidate,votes,elected,excluded'];
  for (const c of r.contests) {
    for (const round of c.count.rounds) {
      for (const [name, votes] of Object.entries(round.tally)) {
        const flags = [round.elected.includes(name), round.excluded.includes(name)].map((f) => (f ? 'yes' : ''));
        lines.push([c.id, String(round.round), name, votes, ...flags].map(csvField).join(','));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The published files: what `rollover verify` reads back. Turnout is pooled and voter ids are withheld
 * from the audit log here, at the one way out, so results counted and stored before either existed are
 * published that way too.
 */
export function resultFiles(r: PublishedResult, ballots: Readonly<Record<string, string>>, audit: readonly AuditEntry[]): Map<string, string> {
  const head = audit[audit.length - 1]?.hash ?? '';
  const published: PublishedResult = { ...r, turnout: turnoutByClass(r.turnout) };
  const files = new Map<string, string>([
    ['result.json', `${JSON.stringify({ ...published, auditHead: head }, null, 2)}\n`],
    ['results.csv', resultCsv(r)],
    ['audit.json', `${JSON.stringify(publicAudit(audit), null, 2)}\n`],
  ]);
  for (const c of r.contests) files.set(c.ballotFile, ballots[c.id] ?? '');
  return files;
}
