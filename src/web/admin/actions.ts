/**
 * The console's forms, posted without JavaScript to /admin/… . Each is turned into the very API call it
 * mirrors (/api/…, JSON or the roll as text/csv, the hidden CSRF field as the x-csrf-token header) and
 * handed to the API in-process, so access, CSRF, validation and the election service have one code path
 * for the console and for API clients. The answer becomes a message and a redirect (Post/Redirect/Get).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Authenticate } from '../../server/route.ts';
import { ROLL_BODY_LIMIT } from '../../server/routes/electorate.ts';
import { alertBox, webPage } from '../layout.ts';
import type { Flash, FlashStore } from './flash.ts';
import { loginTokenMatches } from './login-token.ts';

/**
 * The page to come back to must be where the browser will land: a path with `..` or `%2e%2e` segments
 * passes the pattern but resolves outside the console.
 */
function isResolved(path: string): boolean {
  return new URL(path, 'http://console.invalid').pathname === path;
}

/** The console's own hidden fields; the rest of the form is the API call's body. */
const Meta = z.object({
  _csrf: z.string().max(200).default(''),
  _back: z.string().regex(/^\/admin(\/[A-Za-z0-9_.~%-]+)*$/, 'not a console page').refine(isResolved, 'not a console page'),
  _form: z.string().max(500),
  _done: z.string().max(200),
  _then: z.enum(['reload', 'open-election']).default('reload'),
  _method: z.literal('PATCH').optional(),
});
type Meta = z.infer<typeof Meta>;

/** Form fields: text, or (in a multipart upload) a file's bytes. A repeated name is not a console form. */
const Fields = z.record(z.string().max(100), z.union([z.string(), z.instanceof(Buffer)]));
type Fields = z.infer<typeof Fields>;

/** The parts of an API answer the messages use. */
interface Answer {
  readonly error?: string;
  readonly id?: string;
  readonly imported?: number;
  readonly errors?: readonly { line?: number; record?: string; message: string }[];
  readonly credentials?: readonly { voterId: string; credential: string }[];
  readonly emailed?: number;
  readonly posted?: number;
  readonly postalBatch?: string;
  readonly username?: string;
  readonly role?: string;
}

/** A refusal that cannot go back to a page as a message: the form itself is not to be trusted. */
function refusedPage(reply: FastifyReply, status: number, message: string): FastifyReply {
  const main = `${alertBox(message)}<p><a href="/admin">Back to the console</a></p>`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(webPage({ title: 'Not done', main }));
}

/** The API call's body as the console's script would send it: the roll as CSV (a chosen file before pasted text), the rest as JSON without empty fields. */
function apiBody(fields: Fields): { payload: string; type: string } {
  const { file, csv } = fields;
  if (csv !== undefined) return { payload: file instanceof Buffer && file.length > 0 ? file.toString('utf8') : String(csv), type: 'text/csv' };
  const json = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !k.startsWith('_') && typeof v === 'string' && v !== ''));
  return { payload: JSON.stringify(json), type: 'application/json' };
}

/** A pasted roll longer than this is not held for the page it goes back to: the file is still on the user's side. */
const MAX_KEPT = 1024 * 1024;

/** What the user typed, to put back into a refused form; never a password or an uploaded file. */
function keptInput(fields: Fields): Record<string, string> {
  const kept = (e: [string, string | Buffer]): e is [string, string] => typeof e[1] === 'string' && e[1].length <= MAX_KEPT && !e[0].startsWith('_') && e[0] !== 'password';
  return Object.fromEntries(Object.entries(fields).filter(kept));
}

function success(meta: Meta, api: string, a: Answer): Flash {
  if (a.credentials !== undefined) return { ok: true, message: `Issued ${a.credentials.length} credentials. They are shown once: hand them out now.`, credentials: a.credentials };
  if (a.emailed !== undefined) {
    const message = `Emailed ${a.emailed}; ${a.posted ?? 0} printed on postal ballot papers.`;
    const link = a.postalBatch === undefined ? {} : { link: { href: `${api.replace(/credentials$/, 'postal-batches')}/${encodeURIComponent(a.postalBatch)}`, text: 'Download the postal ballot papers (PDF)' } };
    return { ok: true, message, ...link };
  }
  if (a.imported !== undefined) return { ok: true, message: `Imported ${a.imported} voters.` };
  if (api === '/api/users' && a.username !== undefined) return { ok: true, message: `Account ${a.username} created (${(a.role ?? '').replace('_', ' ')}).` };
  return { ok: true, message: meta._done };
}

/** A roll with every row wrong has as many problems as rows: a page lists the first ones to start on. */
const ROWS_LISTED = 500;

function failure(meta: Meta, a: Answer, fields: Fields): Flash {
  const rows = a.errors?.slice(0, ROWS_LISTED).map((e) => [String(e.line ?? ''), e.record === undefined ? e.message : `${e.record}: ${e.message}`] as const);
  const more = (a.errors?.length ?? 0) > ROWS_LISTED ? ` (the first ${ROWS_LISTED} are listed)` : '';
  return { ok: false, message: `${a.error ?? 'the request failed'}${more}`, form: meta._form, input: keptInput(fields), ...(rows === undefined ? {} : { rows }) };
}

function answerOf(body: string): Answer {
  try {
    return JSON.parse(body) as Answer;
  } catch {
    return { error: body };
  }
}

export function formRoutes(app: FastifyInstance, authenticate: Authenticate, flashes: FlashStore): void {
  /** Sends the form on to its API call and redirects with the answer as a message. */
  const forward = async (request: FastifyRequest, reply: FastifyReply, meta: Meta, fields: Fields): Promise<FastifyReply> => {
    const api = `/api${request.url.split('?')[0]?.slice('/admin'.length) ?? ''}`;
    const { payload, type } = apiBody(fields);
    const res = await app.inject({
      method: meta._method ?? 'POST', url: api, payload,
      headers: { 'content-type': type, cookie: request.headers.cookie ?? '', 'x-csrf-token': meta._csrf, 'x-forwarded-proto': request.protocol },
    });
    // Signing in and out set the session cookie: it is this browser's.
    const cookies = res.headers['set-cookie'];
    if (cookies !== undefined) void reply.header('set-cookie', cookies);
    const answer = answerOf(res.body);
    const done = res.statusCode < 400;
    flashes.leave(reply, done ? success(meta, api, answer) : failure(meta, answer, fields));
    const to = done && meta._then === 'open-election' && answer.id !== undefined ? `/admin/elections/${encodeURIComponent(answer.id)}` : meta._back;
    return reply.redirect(to, 303);
  };

  const read = (request: FastifyRequest): { meta: Meta; fields: Fields } | undefined => {
    const fields = Fields.safeParse(request.body ?? {});
    const meta = fields.success ? Meta.safeParse(fields.data) : undefined;
    return fields.success && meta?.success === true ? { meta: meta.data, fields: fields.data } : undefined;
  };

  const submit = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const form = read(request);
    if (!form) return refusedPage(reply, 400, 'This is not a form the console sends.');
    if (request.url.split('?')[0] === '/admin/login') {
      if (!loginTokenMatches(request, form.meta._csrf)) return refusedPage(reply, 403, 'This sign-in form did not come from this site\'s sign-in page (its security token is missing or out of date): reload the page and sign in again.');
      return forward(request, reply, form.meta, form.fields);
    }
    // Checked here as well as by the API, so a forged or stale form is refused outright, not turned into a message on a page.
    const session = await authenticate(request);
    if (!session) return refusedPage(reply, 401, 'Your session has ended: sign in again.');
    if (form.meta._csrf !== session.csrfToken) return refusedPage(reply, 403, 'This form did not come from your console session (its security token is missing or out of date): reload the page and try again.');
    return forward(request, reply, form.meta, form.fields);
  };

  app.post('/admin/*', submit);
  // The roll may be large: only its form gets the roll's body limit, as only its API call does.
  app.post('/admin/elections/:id/roll', { bodyLimit: ROLL_BODY_LIMIT }, submit);
}

