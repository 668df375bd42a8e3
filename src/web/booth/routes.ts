/** The booth's routes: every step re-checks the credential, so a stale page cannot cast a refused ballot. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CREDENTIAL_REFUSALS, type ElectionService, type VoteRefusal } from '../../election/service.ts';
import type { Election } from '../../election/types.ts';
import { err, ok, type Result } from '../../result.ts';
import { ElectionParams } from '../../server/schemas.ts';
import type { Store } from '../../store/store.ts';
import { ballotPage, notOpenPage, receiptCheckPage, receiptPage, refusedPage, reviewPage, signInPage } from './pages.ts';
import { readMarks, type ContestMarks } from './ranking.ts';

/** The credential arrives typed, or in the link of an email or a paper ballot's QR code. */
const Prefill = z.strictObject({ credential: z.string().trim().max(100).optional() });
const ReceiptQuery = z.strictObject({ code: z.string().trim().min(1).max(64).optional() });
const BallotForm = z.record(z.string().max(100), z.string().max(100)).refine((f) => (f.credential ?? '').trim() !== '', 'enter your credential');

function refusalText(e: VoteRefusal): string {
  return typeof e === 'string' ? CREDENTIAL_REFUSALS[e] : e.message;
}

function send(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

function marksOf(e: Election, form: Readonly<Record<string, string>>): ContestMarks[] {
  return e.contests.map((c) => readMarks(c, form));
}

/** A booth form as posted: the election it is for, its fields and the credential typed in. */
interface BoothForm {
  readonly election: Election;
  readonly form: Readonly<Record<string, string>>;
  readonly credential: string;
}

/** The ballot paper the credential may still vote on, with the form that signed in to it. */
interface SignedIn extends BoothForm {
  readonly paper: Election;
}

export function boothRoutes(app: FastifyInstance, store: Store, service: ElectionService): void {
  const load = async (params: unknown): Promise<Election | undefined> => {
    const p = ElectionParams.safeParse(params);
    return p.success ? store.getElection(p.data.id) : undefined;
  };
  const notFound = (reply: FastifyReply) => reply.code(404).type('text/plain; charset=utf-8').send('There is no such election.');

  /** Every post starts by reading its form; a missing election or credential is answered here (the error is the reply sent). */
  const readForm = async (request: FastifyRequest, reply: FastifyReply): Promise<Result<BoothForm, FastifyReply>> => {
    const election = await load(request.params);
    if (!election) return err(notFound(reply));
    const form = BallotForm.safeParse(request.body);
    if (!form.success) return err(send(reply, 400, signInPage(election, undefined, 'Enter the credential you were sent.')));
    return ok({ election, form: form.data, credential: (form.data.credential ?? '').trim() });
  };

  /** /ballot and /review show the ballot paper, so the credential must still be able to vote. */
  const signIn = async (request: FastifyRequest, reply: FastifyReply): Promise<Result<SignedIn, FastifyReply>> => {
    const read = await readForm(request, reply);
    if (!read.ok) return read;
    const paper = await service.ballotPaper(read.value.election.id, read.value.credential);
    if (!paper.ok) return err(send(reply, 403, refusedPage(read.value.election, refusalText(paper.error))));
    return ok({ ...read.value, paper: paper.value });
  };

  app.get('/vote/:id', async (request, reply) => {
    const e = await load(request.params);
    if (!e) return notFound(reply);
    if (e.status !== 'voting') return send(reply, 409, notOpenPage(e));
    const q = Prefill.safeParse(request.query);
    return send(reply, 200, signInPage(e, q.success ? q.data.credential : undefined));
  });

  /** Signs in (from the credential form) or returns to the ballot from the review, keeping the numbers. */
  app.post('/vote/:id/ballot', async (request, reply) => {
    const s = await signIn(request, reply);
    if (!s.ok) return s.error;
    const { paper, form, credential } = s.value;
    const returning = Object.keys(form).some((k) => k.startsWith('pref.'));
    return send(reply, 200, ballotPage(paper, credential, returning ? marksOf(paper, form) : undefined));
  });

  app.post('/vote/:id/review', async (request, reply) => {
    const s = await signIn(request, reply);
    if (!s.ok) return s.error;
    const { paper, form, credential } = s.value;
    const marks = marksOf(paper, form);
    const invalid = marks.some((m) => m.problems.length > 0);
    return invalid ? send(reply, 422, ballotPage(paper, credential, marks)) : send(reply, 200, reviewPage(paper, credential, marks));
  });

  app.get('/vote/:id/receipt', async (request, reply) => {
    const e = await load(request.params);
    if (!e) return notFound(reply);
    const q = ReceiptQuery.safeParse(request.query);
    const code = q.success ? q.data.code : undefined;
    const inBox = code === undefined ? undefined : await service.hasReceipt(e.id, code);
    return send(reply, 200, receiptCheckPage(e, code, inBox));
  });

  app.post('/vote/:id/cast', async (request, reply) => {
    const read = await readForm(request, reply);
    if (!read.ok) return read.error;
    const { election: e, form, credential } = read.value;
    const marks = marksOf(e, form);
    if (marks.some((m) => m.problems.length > 0)) return send(reply, 422, ballotPage(e, credential, marks));
    const cast = await service.vote(e.id, credential, Object.fromEntries(marks.map((m) => [m.contest.id, [...m.ranking]])));
    return cast.ok ? send(reply, 201, receiptPage(e, cast.value)) : send(reply, 409, refusedPage(e, refusalText(cast.error)));
  });
}
