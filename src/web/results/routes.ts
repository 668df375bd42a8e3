/** The results page: public once published; administrators see it from the count on, to check it first. */
import type { FastifyInstance } from 'fastify';
import { resultFiles, type PublishedResult } from '../../election/results.ts';
import type { Authenticate } from '../../server/route.ts';
import { ElectionParams } from '../../server/schemas.ts';
import type { Store } from '../../store/store.ts';
import { resultsPage } from './page.ts';

export function resultsRoutes(app: FastifyInstance, store: Store, authenticate: Authenticate): void {
  app.get('/results/:id', async (request, reply) => {
    const p = ElectionParams.safeParse(request.params);
    const e = p.success ? await store.getElection(p.data.id) : undefined;
    const stored = e ? await store.result(e.id) : undefined;
    const visible = e?.status === 'published' || (e?.status === 'counted' && (await authenticate(request)) !== undefined);
    if (!e || !stored || !visible) return reply.code(404).type('text/plain; charset=utf-8').send('There is no published result for this election.');
    const result = stored.result as PublishedResult;
    const files = [...resultFiles(result, stored.ballots, await store.audit(e.id)).keys()];
    const url = (name: string) => `/api/elections/${encodeURIComponent(e.id)}/results/${encodeURIComponent(name)}`;
    return reply.type('text/html; charset=utf-8').send(await resultsPage(result, files, url, stored.ballots));
  });
}
