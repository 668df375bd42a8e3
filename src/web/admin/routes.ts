/** The admin console's pages: the sign-in form until a session cookie is valid, then the dashboards. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PRESETS } from '../../election/presets.ts';
import type { Authenticate } from '../../server/route.ts';
import { ElectionParams } from '../../server/schemas.ts';
import type { Store } from '../../store/store.ts';
import { accountsPage, dashboardPage, electionPage, loginPage } from './pages.ts';

function send(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

export function adminRoutes(app: FastifyInstance, store: Store, authenticate: Authenticate): void {
  app.get('/admin', async (request, reply) => {
    const session = await authenticate(request);
    if (!session) return send(reply, 200, loginPage());
    return send(reply, 200, dashboardPage(session, await store.listElections(), PRESETS));
  });

  app.get('/admin/accounts', async (request, reply) => {
    const session = await authenticate(request);
    if (!session) return send(reply, 401, loginPage());
    if (session.user.role !== 'owner') return reply.code(403).type('text/plain; charset=utf-8').send('Only an owner manages accounts.');
    return send(reply, 200, accountsPage(session, await store.accounts()));
  });

  app.get('/admin/elections/:id', async (request, reply) => {
    const session = await authenticate(request);
    if (!session) return send(reply, 401, loginPage());
    const p = ElectionParams.safeParse(request.params);
    const e = p.success ? await store.getElection(p.data.id) : undefined;
    if (!e) return reply.code(404).type('text/plain; charset=utf-8').send('There is no such election.');
    return send(reply, 200, electionPage(session, e, await store.turnout(e.id), await store.audit(e.id)));
  });
}
