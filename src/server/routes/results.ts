/** Counting, results and their downloads, and the audit log. */
import { publicAudit } from '../../election/audit.ts';
import { resultFiles, type PublishedResult } from '../../election/results.ts';
import type { ElectionService } from '../../election/service.ts';
import { conflict, notFound, type DomainError, type Election } from '../../election/types.ts';
import { err, ok, type Result } from '../../result.ts';
import type { Store, User } from '../../store/store.ts';
import type { Routes } from '../route.ts';
import { ElectionParams, FileParams } from '../schemas.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  blt: 'text/plain; charset=utf-8',
};

/** A result is public once published; administrators see it from the count on, to check before publishing. */
async function visible(store: Store, id: string, user: User | undefined): Promise<Result<Election, DomainError>> {
  const e = await store.getElection(id);
  if (!e) return err(notFound(`no election ${id}`));
  const shown = e.status === 'published' || (user !== undefined && e.status === 'counted');
  return shown ? ok(e) : err(conflict(`no published result (the election is ${e.status})`));
}

async function files(store: Store, id: string, user: User | undefined): Promise<Result<Map<string, string>, DomainError>> {
  const e = await visible(store, id, user);
  if (!e.ok) return e;
  const stored = await store.result(id);
  if (!stored) return err(notFound(`election ${id} has no result`));
  return ok(resultFiles(stored.result as PublishedResult, stored.ballots, await store.audit(id)));
}

export function resultRoutes(routes: Routes, store: Store, service: ElectionService): void {
  routes.add({
    method: 'POST', url: '/api/elections/:id/count', summary: 'Count a closed election (closed → counted)', access: 'write',
    params: ElectionParams,
    handler: async ({ params, user }) => {
      const r = await service.count(params.id, user?.username ?? '');
      return r.ok ? ok({ json: r.value }) : r;
    },
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id/results', summary: 'The result: every round of every contest, turnout by class (classes under 10 voters pooled), and the audit chain head', access: 'public',
    params: ElectionParams,
    handler: async ({ params, user }) => {
      const f = await files(store, params.id, user);
      if (!f.ok) return f;
      const names = [...f.value.keys()];
      const result = JSON.parse(f.value.get('result.json') ?? '{}') as object;
      return ok({ json: { ...result, files: names.map((n) => `/api/elections/${params.id}/results/${n}`) } });
    },
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id/results/:file', summary: 'A published file: result.json, results.csv, audit.json, ballots-CONTEST.blt (shuffled)', access: 'public',
    params: FileParams,
    handler: async ({ params, user }) => {
      const f = await files(store, params.id, user);
      if (!f.ok) return f;
      const text = f.value.get(params.file);
      if (text === undefined) return err(notFound(`no file ${params.file} (files: ${[...f.value.keys()].join(', ')})`));
      return ok({ text, contentType: CONTENT_TYPES[params.file.split('.').pop() ?? ''] ?? 'text/plain; charset=utf-8' });
    },
  });
  routes.add({
    method: 'GET', url: '/api/elections/:id/audit', summary: 'The hash-chained audit log (administrators; everyone once published, with voter ids withheld)', access: 'public',
    params: ElectionParams,
    handler: async ({ params, user }) => {
      const e = await store.getElection(params.id);
      if (!e) return err(notFound(`no election ${params.id}`));
      if (!user && e.status !== 'published') return err(conflict('the audit log is public once the result is published'));
      const entries = await store.audit(params.id);
      // Officers see who was issued a credential or voted by post; the public, how many (election/audit.ts).
      return ok({ json: { head: entries[entries.length - 1]?.hash ?? null, entries: user ? entries : publicAudit(entries) } });
    },
  });
}
