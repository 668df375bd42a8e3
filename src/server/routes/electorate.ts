/** The roll and credentials: admin only. */
import { z } from 'zod';
import type { ElectionService } from '../../election/service.ts';
import { conflict, notFound, type DomainError } from '../../election/types.ts';
import { err, ok, type Result } from '../../result.ts';
import type { Store } from '../../store/store.ts';
import { credentialPath } from '../../web/links.ts';
import { POSTAL_BATCH_NAME, type Delivery, type PaperInput } from '../delivery.ts';
import type { Routes } from '../route.ts';
import { CredentialsBody, CsvText, ElectionParams, Page } from '../schemas.ts';

const BatchParams = ElectionParams.extend({ batch: z.string().regex(POSTAL_BATCH_NAME, 'not a postal batch name') });

/** Rolls of a few hundred thousand voters fit; other bodies keep the server's small default limit. */
export const ROLL_BODY_LIMIT = 64 * 1024 * 1024;

export function electorateRoutes(routes: Routes, store: Store, service: ElectionService, delivery: Delivery | undefined, publicUrl: string): void {
  routes.add({
    method: 'POST', url: '/api/elections/:id/roll',
    summary: 'Import the voter roll (text/csv: id,name,email,postal_address,class,joined,standing,+segments); all or nothing, with a row-by-row report',
    access: 'write', params: ElectionParams, body: CsvText, csvBody: true, bodyLimit: ROLL_BODY_LIMIT,
    handler: async ({ params, body, user }) => {
      const r = await service.importRoll(params.id, body, user?.username ?? '');
      if (r.ok) return ok({ status: 201, json: { imported: r.value.voters.length, rows: r.value.rows, duplicates: r.value.duplicates } });
      if ('code' in r.error) return err(r.error);
      return ok({ status: 422, json: { error: `the roll was not imported: ${r.error.errors.length} invalid row(s)`, errors: r.error.errors, duplicates: r.error.duplicates } });
    },
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id/voters', summary: 'The roll, a page at a time, with eligibility and whether each has voted', access: 'read',
    params: ElectionParams, query: Page,
    handler: async ({ params, query }) => ok({ json: { voters: await store.voters(params.id, query.offset, query.limit) } }),
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id/turnout', summary: 'Turnout by elector class', access: 'read',
    params: ElectionParams,
    handler: async ({ params }) => ok({ json: { turnout: await store.turnout(params.id) } }),
  });
  routes.add({
    method: 'POST', url: '/api/elections/:id/credentials',
    summary: 'Issue credentials to the listed voters (reissue revokes the old one), or to every eligible voter without one; returned once, or with delivery "send" emailed or printed on postal ballot papers',
    access: 'write', params: ElectionParams, body: CredentialsBody,
    handler: async ({ params, body, user }) => {
      if (body.delivery === 'send') {
        const ready = await canSend(store, params.id, delivery);
        if (!ready.ok) return ready;
      }
      const voters = body.voters ?? (await service.votersWithoutCredential(params.id));
      const r = await service.issueCredentials(params.id, voters, user?.username ?? '');
      if (!r.ok) return r;
      if (body.delivery !== 'send' || !delivery) return ok({ status: 201, json: { credentials: r.value } });
      const sent = await send(store, service, delivery, params.id, r.value, publicUrl, user?.username ?? '');
      return sent.ok ? ok({ status: 201, json: sent.value }) : sent;
    },
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id/postal-batches/:batch',
    summary: 'Download a batch of postal ballot papers (PDF) that issuing credentials with delivery "send" printed for this election (the download is audited)',
    access: 'write', params: BatchParams,
    handler: async ({ params, user }) => {
      if (!(await store.getElection(params.id))) return err(notFound(`no election ${params.id}`));
      const pdf = await delivery?.postalBatchPdf?.(params.batch);
      if (!pdf) return err(notFound(`no postal batch ${params.batch} on this server`));
      const logged = await service.downloadPostalBatch(params.id, params.batch, user?.username ?? '');
      if (!logged.ok) return logged;
      return ok({ contentType: 'application/pdf', file: { bytes: pdf, fileName: params.batch } });
    },
  });
}

async function canSend(store: Store, id: string, delivery: Delivery | undefined): Promise<Result<true, DomainError>> {
  if (!delivery) return err(conflict('no email or print delivery is configured on this server'));
  const e = await store.getElection(id);
  return e?.status === 'voting' ? ok(true) : err(conflict('credentials are sent once voting is open (the ballot paper must be final)'));
}

/** Emails each credential where the roll has an address, and puts the rest on printed ballot papers (audited). */
async function send(
  store: Store, service: ElectionService, delivery: Delivery, id: string, issued: readonly { voterId: string; credential: string }[], publicUrl: string, actor: string,
): Promise<Result<{ emailed: number; posted: number; postalBatch?: string }, DomainError>> {
  const e = await store.getElection(id);
  const title = e?.title ?? id;
  const papers: PaperInput[] = [];
  let emailed = 0;
  for (const { voterId, credential } of issued) {
    const v = (await store.voter(id, voterId))?.voter;
    const voteUrl = `${publicUrl}${credentialPath(id, credential)}`;
    if (v?.email !== undefined) {
      const text = `Dear ${v.name},\n\nYour ballot credential for ${title} is:\n\n    ${credential}\n\nVote at ${voteUrl}\n\nIt works once; keep it private.\n`;
      await delivery.email({ to: v.email, subject: `Your ballot for ${title}`, text });
      emailed++;
    } else papers.push({ voterId, name: v?.name ?? voterId, postalAddress: v?.postalAddress ?? '', credential, voteUrl });
  }
  const contests = (e?.contests ?? []).map((c) => ({ title: c.title, ballot: c.ballot ?? [] }));
  const batch = papers.length > 0 ? await delivery.postalBatch(title, contests, papers) : undefined;
  if (batch === undefined) return ok({ emailed, posted: 0 });
  // Unlogged, the batch could be downloaded by nobody (downloads are checked against the log): say so.
  const logged = await service.recordPostalBatch(id, batch, papers.length, actor);
  return logged.ok ? ok({ emailed, posted: papers.length, postalBatch: batch }) : logged;
}
