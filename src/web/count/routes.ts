/**
 * GET /count shows the forms; POST /count counts the posted ballot file, POST /count/rctab an uploaded RCTab
 * contest, and both show the same views as a published result. GET /count/rctab/KEY/N downloads a report.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { busyReply, type Admission } from '../../server/admission.ts';
import { countSection } from '../results/page.ts';
import { countPage } from './page.ts';
import { rctabResult, type RctabOutcome } from './rctab-page.ts';
import { countRctab, RCTAB_UPLOAD_BYTES, RCTAB_UPLOAD_FILES, receiveFiles } from './rctab-upload.ts';
import { ReportStore } from './report-store.ts';
import { countUpload, type Upload } from './upload.ts';

/** A ward of a Scottish council election is about 1 MB of BLT; larger files belong to `rollover count`. */
export const UPLOAD_LIMIT = 16 * 1024 * 1024;

const CountBody = z.strictObject({
  file: z.string().trim().min(1).max(200).default('ballots.blt'),
  text: z.string().min(1, 'paste or choose a ballot file'),
  rules: z.string().max(40).optional(),
});

const FORM_FIELDS = 8;

const ReportParams = z.strictObject({ key: z.uuid(), index: z.coerce.number().int().min(0) });

function html(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}

export function countRoutes(app: FastifyInstance, admission: Admission): void {
  app.get('/count', (_request, reply) => html(reply, 200, countPage({}, undefined)));

  app.post('/count', { bodyLimit: UPLOAD_LIMIT }, async (request, reply) => {
    const body = CountBody.safeParse(request.body);
    if (!body.success) return html(reply, 400, countPage({}, { error: body.error.issues.map((i) => i.message).join('; ') }));
    const { file, text, rules } = body.data;
    const form = { file, text, ...(rules === undefined || rules === '' ? {} : { rules }) };
    const shown = await admission.admit(() => countedPage(form));
    if (!shown.ok) return html(busyReply(reply), 503, countPage(form, { error: shown.error.message }));
    return html(reply, shown.value.status, shown.value.page);
  });

  const reports = new ReportStore();
  // Multipart parsing is registered for this route alone: the API takes JSON and plain forms only.
  void app.register(async (scope) => {
    const { default: multipart } = await import('@fastify/multipart');
    // Fields are not read (the form has none), but a few are let through rather than refused as too large.
    await scope.register(multipart, { limits: { fileSize: RCTAB_UPLOAD_BYTES, files: RCTAB_UPLOAD_FILES, fields: FORM_FIELDS, parts: RCTAB_UPLOAD_FILES + FORM_FIELDS } });
    scope.post('/count/rctab', async (request, reply) => {
      if (!request.isMultipart()) return html(reply, 400, countPage({}, undefined, { refusal: { status: 400, message: 'send the contest as a multipart form (the form on this page)' } }));
      // The parts are not read when refused: nothing of the upload reaches the disk.
      const outcome = await admission.admit(() => countUploadedContest(request.parts(), reports));
      if (!outcome.ok) return html(busyReply(reply), 503, countPage({}, undefined, { refusal: { status: 503, message: outcome.error.message } }));
      return html(reply, 'refusal' in outcome.value ? outcome.value.refusal.status : 200, countPage({}, undefined, outcome.value));
    });
  });

  app.get('/count/rctab/:key/:index', (request, reply) => {
    const params = ReportParams.safeParse(request.params);
    const file = params.success ? reports.file(params.data.key, params.data.index) : undefined;
    if (file === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('This report is no longer kept: count the contest again.');
    const name = file.name.split('/').pop() ?? file.name;
    return reply
      .type(name.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
      .send(file.content);
  });
}

/** The page for a posted ballot file: its count, or the problem with it. */
async function countedPage(form: Upload): Promise<{ status: number; page: string }> {
  const counted = countUpload(form);
  if (!counted.ok) return { status: 422, page: countPage(form, { error: counted.error }) };
  const shown = await countSection('upload', counted.value.title, counted.value.count);
  return { status: 200, page: countPage(form, { html: shown }) };
}

/** Receives and counts the contest in a temporary folder that is always removed, whatever happens. */
async function countUploadedContest(parts: Parameters<typeof receiveFiles>[0], reports: ReportStore): Promise<RctabOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'rollover-count-'));
  try {
    const files = await receiveFiles(parts, dir);
    if (!files.ok) return { refusal: files.error };
    const counted = await countRctab(files.value, dir);
    if (!counted.ok) return { refusal: counted.error };
    const shown = await rctabResult(counted.value, reports.keep(counted.value.reports));
    return shown.ok ? { html: shown.value } : { refusal: { status: 422, message: shown.error } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
