/** The roll and credentials: admin only. */
import type { ElectionService } from '../../election/service.ts';
import { err, ok } from '../../result.ts';
import type { Store } from '../../store/store.ts';
import type { Routes } from '../route.ts';
import { CredentialsBody, CsvText, ElectionParams, Page } from '../schemas.ts';

/** Rolls of a few hundred thousand voters fit; other bodies keep the server's small default limit. */
export const ROLL_BODY_LIMIT = 64 * 1024 * 1024;

export function electorateRoutes(routes: Routes, store: Store, service: ElectionService): void {
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
    summary: 'Issue credentials to the listed voters (reissue revokes the old one), or to every eligible voter without one; the plain credentials are returned once',
    access: 'write', params: ElectionParams, body: CredentialsBody,
    handler: async ({ params, body, user }) => {
      const voters = body.voters ?? (await service.votersWithoutCredential(params.id));
      const r = await service.issueCredentials(params.id, voters, user?.username ?? '');
      return r.ok ? ok({ status: 201, json: { credentials: r.value } }) : r;
    },
  });
}
