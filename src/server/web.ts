/**
 * The web app as one Fastify plugin: the home page (/), the voting booth (/vote/ID), the results pages
 * (/results/ID), the admin console (/admin), the count page (/count), redirects from the first booth's
 * addresses, and their bundled assets (/assets, built by scripts/build-web.mjs into
 * dist/web). Pages are rendered here from the election service; the console's actions use the JSON API.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ElectionService } from '../election/service.ts';
import type { Store } from '../store/store.ts';
import { adminRoutes } from '../web/admin/routes.ts';
import { boothRoutes } from '../web/booth/routes.ts';
import { countRoutes } from '../web/count/routes.ts';
import { homePage } from '../web/home/page.ts';
import { legacyRedirects } from '../web/legacy.ts';
import { resultsRoutes } from '../web/results/routes.ts';
import type { Admission } from './admission.ts';
import { authenticator } from './auth.ts';

export interface WebOptions {
  readonly store: Store;
  readonly service: ElectionService;
  readonly clock: () => Date;
  /** The limit on simultaneous counts and analyses, shared with the API's. */
  readonly admission: Admission;
}

/** dist/web beside the bundled CLI (dist/cli.js), or at the project root when running from source. */
function assetsDir(): string | undefined {
  const candidates = [new URL('./web/', import.meta.url), new URL('../../dist/web/', import.meta.url)];
  const found = candidates.find((u) => existsSync(new URL('style.css', u)));
  return found === undefined ? undefined : fileURLToPath(found);
}

/**
 * Pages may load only from this server (no third-party requests, by the browser's enforcement too) and
 * may not be framed by another site, so a booth cannot be overlaid to trick a voter's clicks. Inline
 * style attributes stay allowed: the server-drawn SVG charts use them.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export async function webApp(app: FastifyInstance, options: WebOptions): Promise<void> {
  // Registered without fastify-plugin, so this hook covers the web app's responses only.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
  });
  const root = assetsDir();
  if (root !== undefined) {
    const { default: serveStatic } = await import('@fastify/static');
    await app.register(serveStatic, { root, prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  }
  const authenticate = authenticator(options.store, options.clock);
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(homePage(await options.store.listElections())));
  boothRoutes(app, options.store, options.service);
  legacyRedirects(app);
  resultsRoutes(app, options.store, authenticate, options.admission);
  adminRoutes(app, options.store, authenticate);
  countRoutes(app, options.admission);
}
