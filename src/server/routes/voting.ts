/** The voter's side: see the ballot paper with a credential, vote once, check a receipt. */
import { CREDENTIAL_REFUSALS, type ElectionService, type VoteRefusal } from '../../election/service.ts';
import { ok, type Result } from '../../result.ts';
import type { Reply, Routes } from '../route.ts';
import { ChallengeBody, CredentialOnly, ElectionParams, OpenEnvelopesBody, PostalBody, ReceiptParams, VoteBody } from '../schemas.ts';
import { publicView } from './elections.ts';
import type { DomainError } from '../../election/types.ts';

/** Credential refusals are 403 (unknown or replaced) or 409 (already used); rule refusals keep their code. */
function refused(e: VoteRefusal): Result<Reply, DomainError> {
  if (typeof e !== 'string') return { ok: false, error: e };
  return ok({ status: e === 'used' ? 409 : 403, json: { error: CREDENTIAL_REFUSALS[e] } });
}

export function votingRoutes(routes: Routes, service: ElectionService): void {
  routes.add({
    method: 'POST', url: '/api/elections/:id/ballot-paper', summary: 'Sign in with a credential: the ballot paper, if the credential may still vote', access: 'public',
    params: ElectionParams, body: CredentialOnly,
    handler: async ({ params, body }) => {
      const r = await service.ballotPaper(params.id, body.credential);
      return r.ok ? ok({ json: publicView(r.value) }) : refused(r.error);
    },
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/votes', summary: 'Cast a ballot: rankings by contest id, first preference first; returns a receipt code', access: 'public',
    params: ElectionParams, body: VoteBody,
    handler: async ({ params, body }) => {
      const r = await service.vote(params.id, body.credential, body.rankings);
      return r.ok ? ok({ status: 201, json: { receipt: r.value } }) : refused(r.error);
    },
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/postal-ballots',
    summary: "Enter a returned postal ballot: refused if the voter has voted online; cancels the voter's online credential", access: 'write',
    params: ElectionParams, body: PostalBody,
    handler: async ({ params, body, user }) => {
      const r = await service.postalBallot(params.id, body.voterId, body.rankings, user?.username ?? '');
      return r.ok ? ok({ status: 201, json: { entered: true } }) : r;
    },
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/challenges', summary: "Rule a voter ineligible before the challenge deadline: their sealed envelope is cancelled unread", access: 'write',
    params: ElectionParams, body: ChallengeBody,
    handler: async ({ params, body, user }) => {
      const r = await service.challenge(params.id, body.voterId, body.reason, user?.username ?? '');
      return r.ok ? ok({ json: { cancelled: body.voterId } }) : r;
    },
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/envelopes/open', summary: "After the challenge deadline, open the sealed envelopes with the returning officer's private key (PEM) into the box", access: 'write',
    params: ElectionParams, body: OpenEnvelopesBody,
    handler: async ({ params, body, user }) => {
      const r = await service.openEnvelopes(params.id, body.privateKey, user?.username ?? '');
      return r.ok ? ok({ json: { opened: r.value } }) : r;
    },
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id/receipts/:receipt', summary: 'Whether a ballot with this receipt code is in the box', access: 'public',
    params: ReceiptParams,
    handler: async ({ params }) => ok({ json: { receipt: params.receipt, inBallotBox: await service.hasReceipt(params.id, params.receipt) } }),
  });
}
