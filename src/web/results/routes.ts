/**
 * The results page: public once published; administrators see it from the count on, to check it first.
 * And /results/segments, which group decided it, for a ballot file with segment columns.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { busyReply, type Admission } from '../../server/admission.ts';
import { marginPool } from '../../server/routes/analysis.ts';
import { analyseSegments, SegmentQuery, SWING_BODY_LIMIT } from '../../server/routes/segment-analysis.ts';
import { resultFiles, type PublishedResult } from '../../election/results.ts';
import type { Authenticate } from '../../server/route.ts';
import { ElectionParams } from '../../server/schemas.ts';
import type { Store } from '../../store/store.ts';
import { resultsPage } from './page.ts';
import { swingsPage, swingsPanel } from './swings.ts';

const SwingBody = z.strictObject({
  text: z.string().min(1, 'paste the ballots'),
  column: z.string().max(100).optional(),
  whatIf: z.string().max(200).optional(),
});

/** How long the page waits for the groups' exact margins before showing the rest. */
const PAGE_WAIT_SECONDS = 5;

function html(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}

export function resultsRoutes(app: FastifyInstance, store: Store, authenticate: Authenticate, admission: Admission): void {
  // Registered before /results/:id; a static path wins over a parameter whatever the order.
  app.get('/results/segments', (_request, reply) => html(reply, 200, swingsPage({})));
  app.post('/results/segments', { bodyLimit: SWING_BODY_LIMIT }, async (request, reply) => {
    const body = SwingBody.safeParse(request.body);
    if (!body.success) return html(reply, 400, swingsPage({}, { error: body.error.issues.map((i) => i.message).join('; ') }));
    const { text, column, whatIf } = body.data;
    const asked = { ...(column ? { column } : {}), ...(whatIf ? { whatIf } : {}) };
    const form = { text, ...asked };
    const query = SegmentQuery.safeParse({ ...asked, wait: PAGE_WAIT_SECONDS });
    if (!query.success) return html(reply, 400, swingsPage(form, { error: query.error.issues.map((i) => i.message).join('; ') }));
    const admitted = await admission.admit(() => analyseSegments(text, query.data, marginPool));
    if (!admitted.ok) return html(busyReply(reply), 503, swingsPage(form, { error: admitted.error.message }));
    const analysis = admitted.value;
    if (!analysis.ok) return html(reply, 422, swingsPage(form, { error: analysis.error.message }));
    return html(reply, 200, swingsPage(form, { html: swingsPanel(analysis.value) }));
  });

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
