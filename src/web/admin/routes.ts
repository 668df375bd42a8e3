/**
 * The admin console: the sign-in form until a session cookie is valid, then the dashboards, and the
 * forms they post (actions.ts). Each page shows, once, the message its last form left.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { postalBatches } from '../../election/postal-batches.ts';
import { PRESETS } from '../../election/presets.ts';
import type { Authenticate } from '../../server/route.ts';
import { ROLL_BODY_LIMIT } from '../../server/routes/electorate.ts';
import { ElectionParams } from '../../server/schemas.ts';
import type { Store } from '../../store/store.ts';
import { formRoutes } from './actions.ts';
import { electionPage } from './election-page.ts';
import { FlashStore } from './flash.ts';
import { loginToken } from './login-token.ts';
import type { FormContext } from './forms.ts';
import { accountsPage, dashboardPage, loginPage, type Session } from './pages.ts';

function send(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

export function adminRoutes(app: FastifyInstance, store: Store, authenticate: Authenticate): void {
  const flashes = new FlashStore();
  /** The signed-in session (if any) and what its page's forms need: token, address, the last message. */
  const visit = async (request: FastifyRequest, reply: FastifyReply): Promise<{ session: Session | undefined; ctx: FormContext }> => {
    const session = await authenticate(request);
    const flash = flashes.take(request, reply);
    // Signed out, the page is the sign-in form, which carries a token of its own (login-token.ts).
    const csrf = session?.csrfToken ?? loginToken(request, reply);
    const ctx = { csrf, back: request.url.split('?')[0] ?? '/admin', ...(flash === undefined ? {} : { flash }) };
    return { session, ctx };
  };

  app.get('/admin', async (request, reply) => {
    const { session, ctx } = await visit(request, reply);
    if (!session) return send(reply, 200, loginPage(ctx));
    return send(reply, 200, dashboardPage(session, ctx, await store.listElections(), PRESETS));
  });

  app.get('/admin/accounts', async (request, reply) => {
    const { session, ctx } = await visit(request, reply);
    if (!session) return send(reply, 401, loginPage(ctx));
    if (session.user.role !== 'owner') return reply.code(403).type('text/plain; charset=utf-8').send('Only an owner manages accounts.');
    return send(reply, 200, accountsPage(session, ctx, await store.accounts()));
  });

  app.get('/admin/elections/:id', async (request, reply) => {
    const { session, ctx } = await visit(request, reply);
    if (!session) return send(reply, 401, loginPage(ctx));
    const p = ElectionParams.safeParse(request.params);
    const e = p.success ? await store.getElection(p.data.id) : undefined;
    if (!e) return reply.code(404).type('text/plain; charset=utf-8').send('There is no such election.');
    const audit = await store.audit(e.id);
    return send(reply, 200, electionPage(session, ctx, e, { turnout: await store.turnout(e.id), audit, batches: postalBatches(audit) }));
  });

  // Multipart (the roll's file upload) is parsed for the console's forms only.
  app.register(async (forms) => {
    const { default: multipart } = await import('@fastify/multipart');
    await forms.register(multipart, { attachFieldsToBody: 'keyValues', limits: { files: 1, fileSize: ROLL_BODY_LIMIT, fieldSize: ROLL_BODY_LIMIT, fields: 50 } });
    formRoutes(forms, authenticate, flashes);
  });
}
