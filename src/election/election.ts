/**
 * Creating an election and editing its contests and candidates while the rules allow it (draft and
 * nominations). Every function is pure: it returns the changed election or the reason for refusing.
 */
import { err, ok, type Result } from '../result.ts';
import { checkPublicKey } from './envelopes.ts';
import { before } from './lifecycle.ts';
import { checkThreshold, findContest } from './nominations.ts';
import { conflict, invalid } from './types.ts';
import type { Challenges, DomainError, Election, ElectionContest, EligibilityRules, NominatingBody, Schedule } from './types.ts';

export interface ElectionSpec {
  readonly title: string;
  readonly schedule: Schedule;
  readonly eligibility: EligibilityRules;
  readonly bodies: readonly NominatingBody[];
  readonly contests: readonly ElectionContest[];
  readonly challenges?: Challenges;
}

export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function createElection(spec: ElectionSpec, id: string, now: string): Result<Election, DomainError> {
  const election: Election = { id, status: 'draft', createdAt: now, nominations: [], ...spec };
  const checked = checkElection(election);
  return checked.ok ? ok(election) : checked;
}

/** The rules of an election that must hold whatever stage it is at. */
function checkElection(e: Election): Result<true, DomainError> {
  if (e.title.trim() === '') return err(invalid('the election needs a title'));
  if (e.eligibility.classes.length === 0) return err(invalid('name at least one elector class'));
  if (new Set(e.eligibility.classes).size !== e.eligibility.classes.length) return err(invalid('elector classes must differ'));
  if (e.eligibility.freezeDate !== undefined && !isIsoDate(e.eligibility.freezeDate)) {
    return err(invalid(`freeze date "${e.eligibility.freezeDate}" is not a date (YYYY-MM-DD)`));
  }
  const { votingOpens, votingCloses } = e.schedule;
  if (votingOpens !== undefined && votingCloses !== undefined && !before(votingOpens, votingCloses)) {
    return err(invalid('voting must close after it opens'));
  }
  if (e.challenges) {
    const key = checkPublicKey(e.challenges.publicKey);
    if (!key.ok) return err(invalid(key.error));
  }
  if (new Set(e.bodies.map((b) => b.id)).size !== e.bodies.length) return err(invalid('nominating body ids must differ'));
  if (new Set(e.contests.map((c) => c.id)).size !== e.contests.length) return err(invalid('contest ids must differ'));
  for (const c of e.contests) {
    const checked = checkContest(c, e.bodies);
    if (!checked.ok) return checked;
  }
  return ok(true);
}

function checkContest(c: ElectionContest, bodies: readonly NominatingBody[]): Result<true, DomainError> {
  if (c.method === 'irv' && c.seats !== 1) return err(invalid(`${c.title}: IRV fills one seat, not ${c.seats}`));
  if (new Set(c.candidates.map((x) => x.name)).size !== c.candidates.length) return err(invalid(`${c.title}: candidate names must differ`));
  return c.threshold === undefined ? ok(true) : checkThreshold(c.threshold, bodies);
}

function editable(e: Election): Result<true, DomainError> {
  return e.status === 'draft' || e.status === 'nominations'
    ? ok(true)
    : err(conflict(`candidates can change only in draft or nominations (the election is ${e.status})`));
}

function replaceContest(e: Election, contest: ElectionContest): Election {
  return { ...e, contests: e.contests.map((c) => (c.id === contest.id ? contest : c)) };
}

export function addCandidate(e: Election, contestId: string, name: string, incumbent: boolean): Result<Election, DomainError> {
  const can = editable(e);
  if (!can.ok) return can;
  const contest = findContest(e, contestId);
  if (!contest.ok) return contest;
  if (name.trim() === '') return err(invalid('a candidate needs a name'));
  if (contest.value.candidates.some((c) => c.name === name)) return err(conflict(`${name} is already a candidate in ${contest.value.title}`));
  const candidates = [...contest.value.candidates, { name, incumbent, withdrawn: false }];
  return ok(replaceContest(e, { ...contest.value, candidates }));
}

export function withdrawCandidate(e: Election, contestId: string, name: string): Result<Election, DomainError> {
  const can = editable(e);
  if (!can.ok) return can;
  const contest = findContest(e, contestId);
  if (!contest.ok) return contest;
  const candidate = contest.value.candidates.find((c) => c.name === name);
  if (!candidate) return err(invalid(`${name} is not a candidate in ${contest.value.title}`));
  if (candidate.withdrawn) return err(conflict(`${name} has already withdrawn`));
  const candidates = contest.value.candidates.map((c) => (c.name === name ? { ...c, withdrawn: true } : c));
  return ok(replaceContest(e, { ...contest.value, candidates }));
}

/**
 * Sets when voting opens and closes: freely before voting; once voting is open only the close may move,
 * and only later (extending a ballot is common; cutting one short would disenfranchise).
 */
export function setSchedule(e: Election, schedule: Schedule): Result<Election, DomainError> {
  if (e.status === 'voting') {
    const was = e.schedule.votingCloses;
    if (schedule.votingOpens !== e.schedule.votingOpens) return err(conflict('voting has opened: its opening time cannot change'));
    if (was !== undefined && (schedule.votingCloses === undefined || before(schedule.votingCloses, was))) {
      return err(conflict(`voting can only be extended beyond ${was}, not shortened`));
    }
  } else if (e.status !== 'draft' && e.status !== 'nominations') {
    return err(conflict(`the schedule cannot change once the election is ${e.status}`));
  }
  const next = { ...e, schedule };
  const checked = checkElection(next);
  return checked.ok ? ok(next) : checked;
}

/** Sets who may vote; only before a roll is imported, since the roll's eligibility is judged on import. */
export function setEligibility(e: Election, eligibility: EligibilityRules, rollSize: number): Result<Election, DomainError> {
  if (e.status !== 'draft' && e.status !== 'nominations') return err(conflict(`eligibility cannot change once the election is ${e.status}`));
  if (rollSize > 0) return err(conflict('a roll has been imported under the current rules; eligibility can no longer change'));
  const next = { ...e, eligibility };
  const checked = checkElection(next);
  return checked.ok ? ok(next) : checked;
}
