/**
 * Nominations: who may nominate, how many each nominator may make, and whether a candidate has met the
 * contest's threshold to reach the ballot. Thresholds follow the Labour Party rule book's pattern (a share
 * of the parliamentary party, then local parties or affiliates; see ../shared/data/labour/results.json)
 * but every figure is configuration, so unions or societies can state their own.
 */
import { Rational } from '../count/arithmetic.ts';
import { err, ok, type Result } from '../result.ts';
import { conflict, invalid, notFound } from './types.ts';
import type { DomainError, Election, ElectionContest, Nomination, NominatingBody, Threshold } from './types.ts';

export function findContest(election: Election, contestId: string): Result<ElectionContest, DomainError> {
  const contest = election.contests.find((c) => c.id === contestId);
  return contest ? ok(contest) : err(notFound(`election ${election.id} has no contest "${contestId}"`));
}

/** Records a nomination, refusing those the rules forbid (wrong stage, unknown names, a second nomination). */
export function addNomination(election: Election, n: Nomination): Result<Election, DomainError> {
  if (election.status !== 'nominations') return err(conflict(`nominations are not open (the election is ${election.status})`));
  const contest = findContest(election, n.contest);
  if (!contest.ok) return contest;
  const body = election.bodies.find((b) => b.id === n.body);
  if (!body) return err(invalid(`unknown nominating body "${n.body}"`));
  const candidate = contest.value.candidates.find((c) => c.name === n.candidate);
  if (!candidate) return err(invalid(`"${n.candidate}" is not a candidate in ${contest.value.title}`));
  if (candidate.withdrawn) return err(conflict(`${n.candidate} has withdrawn from ${contest.value.title}`));
  const earlier = election.nominations.filter((o) => o.contest === n.contest && o.body === n.body && o.nominator === n.nominator);
  if (earlier.some((o) => o.candidate === n.candidate)) {
    return err(conflict(`${n.nominator} (${body.name}) has already nominated ${n.candidate}`));
  }
  const first = earlier[0];
  if (body.onePerContest && first) {
    return err(conflict(`${n.nominator} (${body.name}) has already nominated ${first.candidate} in ${contest.value.title}; each may nominate one candidate`));
  }
  return ok({ ...election, nominations: [...election.nominations, n] });
}

/** Nominations a leaf of a threshold needs: a count, or a percentage of the body rounded up. */
export function required(leaf: { percent: number } | { count: number }, body: NominatingBody): bigint {
  if ('count' in leaf) return BigInt(leaf.count);
  const percent = Rational.parse(String(leaf.percent));
  if (!percent) throw new RangeError(`bad percentage ${leaf.percent}`);
  const need = percent.mul(Rational.of(body.size, 100));
  const whole = need.floor();
  return Rational.of(whole).eq(need) ? whole : whole + 1n;
}

function received(nominations: readonly Nomination[], body: string, kind: string | undefined): bigint {
  return BigInt(nominations.filter((n) => n.body === body && (kind === undefined || n.kind === kind)).length);
}

export function meetsThreshold(t: Threshold, nominations: readonly Nomination[], bodies: readonly NominatingBody[]): boolean {
  if ('all' in t) return t.all.every((s) => meetsThreshold(s, nominations, bodies));
  if ('any' in t) return t.any.some((s) => meetsThreshold(s, nominations, bodies));
  const body = bodies.find((b) => b.id === t.body);
  if (!body) return false;
  return received(nominations, t.body, t.kind) >= required(t, body);
}

/** Every body (and kind) a threshold refers to, with the number needed, for progress displays. */
export function thresholdLeaves(t: Threshold): { body: string; kind?: string; need: { count: number } | { percent: number } }[] {
  if ('all' in t) return t.all.flatMap(thresholdLeaves);
  if ('any' in t) return t.any.flatMap(thresholdLeaves);
  const need = 'count' in t ? { count: t.count } : { percent: t.percent };
  return [{ body: t.body, ...(t.kind === undefined ? {} : { kind: t.kind }), need }];
}

export interface CandidateProgress {
  readonly name: string;
  readonly withdrawn: boolean;
  readonly incumbent: boolean;
  /** Per threshold leaf: nominations received and needed. */
  readonly counts: readonly { body: string; kind?: string; received: number; required: number }[];
  readonly meetsThreshold: boolean;
  readonly onBallot: boolean;
  readonly reason: string;
}

export function contestProgress(election: Election, contest: ElectionContest): CandidateProgress[] {
  return contest.candidates.map((c) => {
    const mine = election.nominations.filter((n) => n.contest === contest.id && n.candidate === c.name);
    const met = contest.threshold === undefined || meetsThreshold(contest.threshold, mine, election.bodies);
    const counts = contest.threshold === undefined ? [] : thresholdLeaves(contest.threshold).map((leaf) => leafProgress(leaf, mine, election.bodies));
    const byIncumbency = contest.incumbentOnBallot && c.incumbent;
    const onBallot = !c.withdrawn && (met || byIncumbency);
    const reason = c.withdrawn
      ? 'withdrawn'
      : byIncumbency
        ? 'incumbent: on the ballot without nominations'
        : met
          ? 'threshold met'
          : 'threshold not met';
    return { name: c.name, withdrawn: c.withdrawn, incumbent: c.incumbent, counts, meetsThreshold: met, onBallot, reason };
  });
}

function leafProgress(
  leaf: ReturnType<typeof thresholdLeaves>[number],
  mine: readonly Nomination[],
  bodies: readonly NominatingBody[],
): { body: string; kind?: string; received: number; required: number } {
  const body = bodies.find((b) => b.id === leaf.body);
  const need = body ? Number(required(leaf.need, body)) : 0;
  return { body: leaf.body, ...(leaf.kind === undefined ? {} : { kind: leaf.kind }), received: Number(received(mine, leaf.body, leaf.kind)), required: need };
}

/** The names that reach the ballot paper, in the order candidates were added. */
export function ballotNames(election: Election, contest: ElectionContest): string[] {
  return contestProgress(election, contest)
    .filter((p) => p.onBallot)
    .map((p) => p.name);
}

/** Checks that every body a threshold names exists, so a typo cannot make a threshold unreachable. */
export function checkThreshold(t: Threshold, bodies: readonly NominatingBody[]): Result<true, DomainError> {
  for (const leaf of thresholdLeaves(t)) {
    if (!bodies.some((b) => b.id === leaf.body)) return err(invalid(`threshold refers to unknown nominating body "${leaf.body}"`));
  }
  return ok(true);
}
