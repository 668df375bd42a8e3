/** Elections, contests, candidates and nominations: the admin's setup and the public view. */
import { contestProgress, findContest } from '../../election/nominations.ts';
import { findPreset, PRESETS } from '../../election/presets.ts';
import type { ElectionService } from '../../election/service.ts';
import { invalid, notFound, type DomainError, type Election, type EligibilityRules, type Nomination, type Schedule } from '../../election/types.ts';
import type { ElectionSpec } from '../../election/election.ts';
import { err, ok, type Result } from '../../result.ts';
import type { Store } from '../../store/store.ts';
import type { Reply, Routes } from '../route.ts';
import { CandidateBody, ContestParams, ElectionParams, EligibilitySchema, NewElection, NominationBatch, NominationBody, ScheduleSchema, TransitionBody, WithdrawBody } from '../schemas.ts';

/** What anyone may see of an election: never the roll or the nominators' details beyond counts. */
export function publicView(e: Election): object {
  return {
    id: e.id, title: e.title, status: e.status, schedule: e.schedule,
    contests: e.contests.map((c) => ({
      id: c.id, title: c.title, method: c.method, seats: c.seats, ...(c.maxRanks === undefined ? {} : { maxRanks: c.maxRanks }),
      candidates: c.candidates.filter((x) => !x.withdrawn).map((x) => x.name),
      ...(c.ballot ? { ballot: c.ballot } : {}),
    })),
  };
}

function viewed(r: Result<Election, DomainError>, status = 200): Result<Reply, DomainError> {
  return r.ok ? ok({ status, json: publicView(r.value) }) : r;
}

/** Drops keys zod left undefined, so optional fields are absent rather than undefined. */
function defined<T extends object>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

export function electionRoutes(routes: Routes, store: Store, service: ElectionService): void {
  routes.add({
    method: 'GET', url: '/api/elections', summary: 'List elections (id, title, status)', access: 'public',
    handler: async () => ok({ json: { elections: await store.listElections() } }),
  });
  routes.add({
    method: 'GET', url: '/api/presets', summary: 'Rule presets an election can start from', access: 'public',
    handler: () => Promise.resolve(ok({ json: { presets: PRESETS.map((p) => ({ name: p.name, summary: p.summary })) } })),
  });
  routes.add({
    method: 'POST', url: '/api/elections', summary: 'Create an election from a preset or a full specification', access: 'write',
    body: NewElection,
    handler: async ({ body, user }) => {
      let spec: ElectionSpec;
      if (body.spec !== undefined) spec = defined(body.spec) as ElectionSpec;
      else {
        const preset = findPreset(body.preset ?? '');
        if (!preset) return err(invalid(`unknown preset "${body.preset ?? ''}" (known: ${PRESETS.map((p) => p.name).join(', ')})`));
        spec = preset.spec(body.title ?? '');
      }
      return viewed(await service.create(spec, user?.username ?? ''), 201);
    },
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id', summary: 'An election: status, schedule, contests and candidates', access: 'public',
    params: ElectionParams,
    handler: async ({ params }) => {
      const e = await store.getElection(params.id);
      return e ? ok({ json: publicView(e) }) : err(notFound(`no election ${params.id}`));
    },
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id/admin', summary: 'The whole election document (rules, nominations) with turnout so far and sealed envelopes held, for administrators', access: 'read',
    params: ElectionParams,
    handler: async ({ params }) => {
      const e = await store.getElection(params.id);
      if (!e) return err(notFound(`no election ${params.id}`));
      return ok({ json: { election: e, turnout: await store.turnout(e.id), envelopesHeld: (await store.envelopes(e.id)).length } });
    },
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/transitions', summary: 'Move the election to its next stage (checked and audited)', access: 'write',
    params: ElectionParams, body: TransitionBody,
    handler: async ({ params, body, user }) => viewed(await service.move(params.id, body.to, user?.username ?? '')),
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/schedule', summary: 'Set when voting opens and closes (once open, the close can only be extended)', access: 'write',
    params: ElectionParams, body: ScheduleSchema,
    handler: async ({ params, body, user }) => viewed(await service.schedule(params.id, defined(body) as Schedule, user?.username ?? '')),
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/eligibility', summary: 'Set elector classes, freeze date and standing rule (before the roll is imported)', access: 'write',
    params: ElectionParams, body: EligibilitySchema,
    handler: async ({ params, body, user }) => viewed(await service.eligibility(params.id, defined(body) as EligibilityRules, user?.username ?? '')),
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/contests/:contest/candidates', summary: 'Add a candidate (draft or nominations)', access: 'write',
    params: ContestParams, body: CandidateBody,
    handler: async ({ params, body, user }) => viewed(await service.addCandidate(params.id, params.contest, body.name, body.incumbent, user?.username ?? ''), 201),
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/contests/:contest/withdrawals', summary: 'Withdraw a candidate before voting opens', access: 'write',
    params: ContestParams, body: WithdrawBody,
    handler: async ({ params, body, user }) => viewed(await service.withdraw(params.id, params.contest, body.name, user?.username ?? '')),
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/nominations', summary: 'Record a nomination of a candidate by a member of a nominating body', access: 'write',
    params: ElectionParams, body: NominationBody,
    handler: async ({ params, body, user }) => viewed(await service.nominate(params.id, defined(body) as Nomination, user?.username ?? ''), 201),
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/nominations/batch', summary: 'Record up to 1000 nominations at once, all or nothing', access: 'write',
    params: ElectionParams, body: NominationBatch,
    handler: async ({ params, body, user }) => viewed(await service.nominateAll(params.id, body.nominations.map((n) => defined(n) as Nomination), user?.username ?? ''), 201),
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id/contests/:contest/nominations', summary: "Each candidate's progress towards the threshold", access: 'public',
    params: ContestParams,
    handler: async ({ params }) => {
      const e = await store.getElection(params.id);
      if (!e) return err(notFound(`no election ${params.id}`));
      const contest = findContest(e, params.contest);
      return contest.ok ? ok({ json: { contest: contest.value.id, candidates: contestProgress(e, contest.value) } }) : contest;
    },
  });
}
