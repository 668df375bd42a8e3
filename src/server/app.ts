/**
 * The HTTP shell of the election service: Fastify with JSON errors, a small body limit (the roll import
 * has its own), the route table, the OpenAPI document and the web app. No business logic lives here.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ElectionService, type ServiceDeps } from '../election/service.ts';
import { Admission } from './admission.ts';
import { authenticator, authRoutes } from './auth.ts';
import type { Delivery } from './delivery.ts';
import { docsPage } from './html.ts';
import { openApiDocument } from './openapi.ts';
import { Routes } from './route.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { electionRoutes } from './routes/elections.ts';
import { electorateRoutes } from './routes/electorate.ts';
import { resultRoutes } from './routes/results.ts';
import { userRoutes } from './routes/users.ts';
import { votingRoutes } from './routes/voting.ts';

export interface AppOptions extends ServiceDeps {
  /** Mark cookies Secure even when the request arrives over plain http (behind a TLS proxy). */
  readonly secureCookies?: boolean;
  readonly logger?: boolean;
  /** How credentials are sent; without it they are only returned to the caller. */
  readonly delivery?: Delivery;
  /** The address voters reach the service at, for links in emails and QR codes. */
  readonly publicUrl?: string;
  /** How many uploaded counts and segment analyses may run at once (default 2); more are refused with 503. */
  readonly computeJobs?: number;
}

/** JSON bodies of the API are small; 100 kB holds the largest ballot or election specification. */
export const BODY_LIMIT = 100 * 1024;

/** Fastify is loaded on demand, so that CLI commands without a server start without it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { default: Fastify } = await import('fastify');
  const { default: cookie } = await import('@fastify/cookie');
  const { default: formbody } = await import('@fastify/formbody');
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT, trustProxy: true });
  await app.register(cookie);
  await app.register(formbody);
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) app.log.error(error);
    void reply.code(status).send({ error: status === 500 ? 'internal error' : error.message });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: `no route ${request.method} ${request.url}` });
  });

  const { store, clock } = options;
  const service = new ElectionService(options);
  const admission = new Admission(options.computeJobs);
  const routes = new Routes(app, authenticator(store, clock));
  authRoutes(routes, store, clock, options.secureCookies ?? false);
  userRoutes(routes, store, clock);
  electionRoutes(routes, store, service);
  electorateRoutes(routes, store, service, options.delivery, options.publicUrl ?? 'http://localhost:3000');
  votingRoutes(routes, service);
  resultRoutes(routes, store, service);
  analysisRoutes(routes, store, admission);

  await app.register((await import('./web.ts')).webApp, { store, service, clock, admission });

  const document = openApiDocument(routes.declared);
  app.get('/api/docs/openapi.json', () => document);
  app.get('/api/docs', (_req, reply) => reply.type('text/html; charset=utf-8').send(docsPage(routes.declared)));
  return app;
}
