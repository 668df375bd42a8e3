/** GET /count shows the form; POST /count counts the posted file and shows the same views as a published result. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countSection } from '../results/page.ts';
import { countPage } from './page.ts';
import { countUpload } from './upload.ts';

/** A ward of a Scottish council election is about 1 MB of BLT; larger files belong to `rollover count`. */
export const UPLOAD_LIMIT = 16 * 1024 * 1024;

const CountBody = z.strictObject({
  file: z.string().trim().min(1).max(200).default('ballots.blt'),
  text: z.string().min(1, 'paste or choose a ballot file'),
  rules: z.string().max(40).optional(),
});

export function countRoutes(app: FastifyInstance): void {
  app.get('/count', (_request, reply) => reply.type('text/html; charset=utf-8').send(countPage({}, undefined)));

  app.post('/count', { bodyLimit: UPLOAD_LIMIT }, async (request, reply) => {
    const body = CountBody.safeParse(request.body);
    if (!body.success) return reply.code(400).type('text/html; charset=utf-8').send(countPage({}, { error: body.error.issues.map((i) => i.message).join('; ') }));
    const { file, text, rules } = body.data;
    const form = { file, text, ...(rules === undefined || rules === '' ? {} : { rules }) };
    const counted = countUpload(form);
    if (!counted.ok) return reply.code(422).type('text/html; charset=utf-8').send(countPage(form, { error: counted.error }));
    const html = await countSection('upload', counted.value.title, counted.value.count);
    return reply.type('text/html; charset=utf-8').send(countPage(form, { html }));
  });
}
