/** The OpenAPI 3.1 document, built from the same route declarations that validate requests. */
import { z } from 'zod';
import { RETRY_AFTER_SECONDS } from './admission.ts';
import type { RouteSpec } from './route.ts';

type AnyRoute = RouteSpec<unknown, unknown, unknown>;

function schema(s: z.ZodType): object {
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
}

function parameters(route: AnyRoute): object[] {
  const out: object[] = [];
  for (const [where, s] of [['path', route.params], ['query', route.query]] as const) {
    if (!s) continue;
    const json = schema(s) as { properties?: Record<string, object>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: prop });
    }
  }
  return out;
}

const ERROR_JSON = { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } } };

/** A compute job's answer when the server already runs as many as its limit allows (admission.ts). */
const BUSY = {
  description: `Busy: the server already runs as many counts and analyses as its limit allows (rollover serve --compute-jobs); nothing was started. Ask again after Retry-After seconds (${RETRY_AFTER_SECONDS}).`,
  headers: { 'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'integer' } } },
  content: ERROR_JSON,
};

function operation(route: AnyRoute): object {
  const body = route.body
    ? { requestBody: { required: true, content: { [route.csvBody ? 'text/csv' : 'application/json']: { schema: schema(route.body) } } } }
    : {};
  const security = route.access === 'public' ? {} : { security: [{ session: [] }] };
  return {
    summary: route.summary,
    ...(route.access === 'public' ? {} : { description: `Requires an administrator session (${route.access}).` }),
    parameters: parameters(route),
    ...body,
    ...security,
    responses: {
      '200': { description: 'Success (201 when something is created)' },
      '4XX': { description: 'Refused: JSON {"error": "..."} saying why', content: ERROR_JSON },
      ...(route.computeJob === true ? { '503': BUSY } : {}),
    },
  };
}

export function openApiDocument(routes: readonly AnyRoute[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: operation(r) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Rollover election service', version: '0.1.0', description: 'Run a preferential election from nominations to a published, verifiable result.' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'rollover_session' } } },
    paths,
  };
}
