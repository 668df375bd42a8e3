/**
 * Every route is declared once, with zod schemas for its params, query and body: the same declaration
 * validates requests (unknown fields rejected), decides who may call it, and feeds the OpenAPI document.
 * Handlers return a Result; refusals become JSON errors with a status from their kind.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DomainError } from '../election/types.ts';
import type { Result } from '../result.ts';
import type { Role, User } from '../store/store.ts';

/** public: anyone; read: any admin; write: owner or returning officer (with CSRF token); owner: owner only. */
export type Access = 'public' | 'read' | 'write' | 'owner';

export interface Reply {
  readonly status?: number;
  readonly json?: unknown;
  readonly text?: string;
  /** A file to download (a PDF), sent as an attachment under `fileName`. */
  readonly file?: { readonly bytes: Buffer; readonly fileName: string };
  readonly contentType?: string;
}

export interface Call<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly user: User | undefined;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export interface RouteSpec<P, Q, B> {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: string;
  readonly summary: string;
  readonly access: Access;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** A CSV upload (Content-Type text/csv) instead of JSON; `body` is then a string schema. */
  readonly csvBody?: boolean;
  /**
   * Only a JSON body is taken (Content-Type application/json), not the form bodies the server also parses
   * for the console: another site's page can post a form anywhere, but cannot send JSON to this origin
   * without a CORS preflight, which the server never grants.
   */
  readonly jsonOnly?: boolean;
  /**
   * Runs under the public compute-job limit (admission.ts): the handler may answer 503 with Retry-After,
   * which the OpenAPI document then lists.
   */
  readonly computeJob?: boolean;
  readonly bodyLimit?: number;
  readonly handler: (call: Call<P, Q, B>) => Promise<Result<Reply, DomainError>>;
}

/** Who is calling: resolved once per request by the auth plugin. */
export type Authenticate = (request: FastifyRequest) => Promise<{ user: User; csrfToken: string } | undefined>;

const STATUS: Readonly<Record<DomainError['code'], number>> = { 'not-found': 404, conflict: 409, invalid: 422 };

const WRITERS: readonly Role[] = ['owner', 'returning_officer'];

export class Routes {
  readonly declared: RouteSpec<unknown, unknown, unknown>[] = [];
  private readonly app: FastifyInstance;
  private readonly authenticate: Authenticate;

  constructor(app: FastifyInstance, authenticate: Authenticate) {
    this.app = app;
    this.authenticate = authenticate;
  }

  add<P = Record<string, never>, Q = Record<string, never>, B = undefined>(spec: RouteSpec<P, Q, B>): void {
    this.declared.push(spec as RouteSpec<unknown, unknown, unknown>);
    this.app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
      handler: async (request, reply) => this.run(spec, request, reply),
    });
  }

  private async run<P, Q, B>(spec: RouteSpec<P, Q, B>, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const who = await this.authenticate(request);
    const denied = checkAccess(spec.access, who, request);
    if (denied) return reply.code(denied.status).send({ error: denied.message });
    if (spec.jsonOnly === true && !isJson(request)) return reply.code(415).send({ error: 'send the body as JSON (Content-Type: application/json)' });
    const params = parse(spec.params, request.params, 'path');
    const query = parse(spec.query, request.query, 'query');
    const body = spec.csvBody && typeof request.body !== 'string' ? csvRequired() : parse(spec.body, request.body, 'body');
    if (!params.ok) return reply.code(400).send({ error: params.message, issues: params.issues });
    if (!query.ok) return reply.code(400).send({ error: query.message, issues: query.issues });
    if (!body.ok) return reply.code(400).send({ error: body.message, issues: body.issues });
    const result = await spec.handler({
      params: params.value as P, query: query.value as Q, body: body.value as B, user: who?.user, request, reply,
    });
    if (!result.ok) return reply.code(STATUS[result.error.code]).send({ error: result.error.message });
    const r = result.value;
    reply.code(r.status ?? 200);
    if (r.file !== undefined) {
      return reply.type(r.contentType ?? 'application/octet-stream').header('content-disposition', `attachment; filename="${r.file.fileName}"`).send(r.file.bytes);
    }
    if (r.text !== undefined) return reply.type(r.contentType ?? 'text/plain; charset=utf-8').send(r.text);
    return reply.send(r.json ?? {});
  }
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string; issues: { path: string; message: string }[] };

function parse(schema: z.ZodType | undefined, input: unknown, where: string): Parsed {
  if (!schema) return { ok: true, value: undefined };
  const r = schema.safeParse(input ?? {});
  if (r.success) return { ok: true, value: r.data };
  const issues = r.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  return { ok: false, message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}

function isJson(request: FastifyRequest): boolean {
  return /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '');
}

function csvRequired(): Parsed {
  return { ok: false, message: 'send a text/csv body', issues: [{ path: 'body', message: 'expected a CSV text body' }] };
}

function checkAccess(access: Access, who: { user: User; csrfToken: string } | undefined, request: FastifyRequest): { status: number; message: string } | undefined {
  if (access === 'public') return undefined;
  if (!who) return { status: 401, message: 'sign in as an administrator first (POST /api/login)' };
  if (access === 'read') return undefined;
  const allowed = access === 'owner' ? who.user.role === 'owner' : WRITERS.includes(who.user.role);
  if (!allowed) return { status: 403, message: `a ${who.user.role.replace('_', ' ')} may not do this` };
  // A GET changes nothing, so a download link (which cannot send a header) needs no CSRF token.
  if (request.method !== 'GET' && request.headers['x-csrf-token'] !== who.csrfToken) return { status: 403, message: 'missing or wrong x-csrf-token header' };
  return undefined;
}
