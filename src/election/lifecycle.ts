/**
 * The lifecycle of an election: draft → nominations → voting → closed → counted → published, or cancelled
 * before a result exists. Each move is checked here; the store records it in the audit log in the same
 * transaction. Counting (closed → counted) happens only through the count itself (results.ts).
 */
import { err, ok, type Result } from '../result.ts';
import { ballotNames } from './nominations.ts';
import { conflict } from './types.ts';
import type { DomainError, Election, Status } from './types.ts';

const NEXT: Readonly<Record<Status, readonly Status[]>> = {
  draft: ['nominations', 'cancelled'],
  nominations: ['voting', 'cancelled'],
  voting: ['closed', 'cancelled'],
  closed: ['counted', 'cancelled'],
  counted: ['published'],
  published: [],
  cancelled: [],
};

/**
 * Whether instant `a` is before `b`. Instants are ISO 8601 texts that may differ in form (".000Z",
 * "+01:00"), so they are compared as times, not as strings.
 */
export function before(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}

export function canMove(from: Status, to: Status): boolean {
  return NEXT[from].includes(to);
}

/** Facts from outside the election document that a transition depends on. */
export interface TransitionContext {
  readonly now: string;
  readonly eligibleVoters: number;
}

export function transition(e: Election, to: Status, ctx: TransitionContext): Result<Election, DomainError> {
  if (!canMove(e.status, to)) {
    const allowed = NEXT[e.status];
    return err(conflict(`cannot move from ${e.status} to ${to}${allowed.length > 0 ? ` (next: ${allowed.join(' or ')})` : ''}`));
  }
  const checked = preconditions(e, to, ctx);
  if (!checked.ok) return checked;
  return ok(to === 'voting' ? fixBallots({ ...e, status: to }) : { ...e, status: to });
}

function preconditions(e: Election, to: Status, ctx: TransitionContext): Result<true, DomainError> {
  switch (to) {
    case 'nominations':
      return e.contests.length > 0 ? ok(true) : err(conflict('add at least one contest before opening nominations'));
    case 'voting':
      return readyToVote(e, ctx);
    case 'closed': {
      const closes = e.schedule.votingCloses;
      return closes !== undefined && before(ctx.now, closes) ? err(conflict(`voting is scheduled to close at ${closes}`)) : ok(true);
    }
    case 'counted':
    case 'published':
    case 'cancelled':
    case 'draft':
      return ok(true);
  }
}

function readyToVote(e: Election, ctx: TransitionContext): Result<true, DomainError> {
  const opens = e.schedule.votingOpens;
  if (opens !== undefined && before(ctx.now, opens)) return err(conflict(`voting is scheduled to open at ${opens}`));
  if (ctx.eligibleVoters === 0) return err(conflict('the roll has no eligible voter'));
  for (const c of e.contests) {
    const names = ballotNames(e, c);
    if (names.length < c.seats) {
      return err(conflict(`${c.title}: ${names.length} candidate(s) met the threshold for ${c.seats} seat(s)`));
    }
  }
  return ok(true);
}

/** The ballot paper is fixed when voting opens: later withdrawals cannot change what voters saw. */
function fixBallots(e: Election): Election {
  return { ...e, contests: e.contests.map((c) => ({ ...c, ballot: ballotNames(e, c) })) };
}

/** Whether a ballot may be cast now: voting is open and the scheduled close has not passed. */
export function acceptingBallots(e: Election, now: string): Result<true, DomainError> {
  if (e.status !== 'voting') return err(conflict(`the election is not open for voting (it is ${e.status})`));
  const closes = e.schedule.votingCloses;
  if (closes !== undefined && !before(now, closes)) return err(conflict(`voting closed at ${closes}`));
  return ok(true);
}
