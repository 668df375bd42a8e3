/**
 * Addresses of the first, plain booth that went out in credential emails, on printed ballot papers and in
 * notices: they move permanently (301) to the web app, keeping the query, so a credential link still
 * opens the booth with the credential filled in.
 */
import type { FastifyInstance } from 'fastify';
import { votePath } from './links.ts';

function query(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at);
}

export function legacyRedirects(app: FastifyInstance): void {
  // The old election page offered "Vote now"; the booth now says when voting is closed and links the result.
  for (const old of ['/elections/:id', '/elections/:id/vote']) {
    app.get<{ Params: { id: string } }>(old, (request, reply) => reply.redirect(`${votePath(request.params.id)}${query(request.url)}`, 301));
  }
}
