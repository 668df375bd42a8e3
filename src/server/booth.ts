/**
 * A plain HTML voting booth, so the service is usable from a browser without the web app: an election
 * page, a sign-in form for the credential, a ballot of numbered preference menus per contest, a page to
 * check the choices before casting, and the receipt. Forms post urlencoded fields, validated with zod like the JSON API.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CREDENTIAL_REFUSALS, type ElectionService, type VoteRefusal } from '../election/service.ts';
import type { Election, ElectionContest } from '../election/types.ts';
import type { Store } from '../store/store.ts';
import { escapeHtml, page } from './html.ts';

const Params = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const SignInForm = z.strictObject({ credential: z.string().trim().min(1, 'enter your credential').max(100) });
/** The link in a credential email or QR code carries the credential, so the voter need not type it. */
const Prefill = z.strictObject({ credential: z.string().max(100).optional() });
const BallotForm = z.record(z.string().max(100), z.string().max(200));

const ORDINALS = ['1st', '2nd', '3rd'];

function ordinal(n: number): string {
  return ORDINALS[n - 1] ?? `${n}th`;
}

function rankSelect(c: ElectionContest, rank: number): string {
  const name = `rank.${c.id}.${rank}`;
  const options = (c.ballot ?? []).map((n) => `<option>${escapeHtml(n)}</option>`).join('');
  return `<p><label for="${name}">${ordinal(rank)} preference</label>
<select id="${name}" name="${name}"><option value="">(none)</option>${options}</select></p>`;
}

function ballotForm(e: Election, credential: string): string {
  const contests = e.contests
    .map((c) => {
      const ranks = Math.min(c.maxRanks ?? Infinity, c.ballot?.length ?? 0);
      const selects = Array.from({ length: ranks }, (_, i) => rankSelect(c, i + 1)).join('\n');
      return `<fieldset><legend>${escapeHtml(c.title)}: rank as many candidates as you wish, 1st preference first</legend>\n${selects}</fieldset>`;
    })
    .join('\n');
  return `<form method="post" action="/elections/${encodeURIComponent(e.id)}/cast">
<input type="hidden" name="credential" value="${escapeHtml(credential)}">
${contests}
<p><button type="submit">Check my ballot</button></p></form>`;
}

/** The voter sees their choices before casting: the same fields again, hidden, with confirm=yes. */
function confirmation(e: Election, credential: string, rankings: Readonly<Record<string, readonly string[]>>): string {
  const hidden = [`<input type="hidden" name="credential" value="${escapeHtml(credential)}">`, '<input type="hidden" name="confirm" value="yes">'];
  const lists = e.contests.map((c) => {
    const names = rankings[c.id] ?? [];
    names.forEach((n, i) => hidden.push(`<input type="hidden" name="rank.${escapeHtml(c.id)}.${i + 1}" value="${escapeHtml(n)}">`));
    const items = names.length === 0 ? '<p>No preference (you abstain in this contest).</p>' : `<ol>${names.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ol>`;
    return `<h2>${escapeHtml(c.title)}</h2>${items}`;
  });
  const id = encodeURIComponent(e.id);
  return `${lists.join('\n')}
<form method="post" action="/elections/${id}/cast">${hidden.join('')}
<p><button type="submit">Confirm and cast my ballot</button> (it cannot be changed afterwards)</p></form>
<form method="post" action="/elections/${id}/vote"><input type="hidden" name="credential" value="${escapeHtml(credential)}">
<p><button type="submit">Start again</button></p></form>`;
}

/** The rankings a ballot form holds: for each contest, the names chosen at ranks 1, 2, … skipping blanks. */
export function formRankings(e: Election, form: Readonly<Record<string, string>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of e.contests) {
    const names: string[] = [];
    for (let rank = 1; form[`rank.${c.id}.${rank}`] !== undefined; rank++) {
      const chosen = form[`rank.${c.id}.${rank}`] ?? '';
      if (chosen !== '') names.push(chosen);
    }
    out[c.id] = names;
  }
  return out;
}

function refusalText(e: VoteRefusal): string {
  return typeof e === 'string' ? CREDENTIAL_REFUSALS[e] : e.message;
}

function html(reply: FastifyReply, status: number, title: string, main: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page(title, main));
}

export function boothPages(app: FastifyInstance, store: Store, service: ElectionService): void {
  const load = async (params: unknown): Promise<Election | undefined> => {
    const p = Params.safeParse(params);
    return p.success ? store.getElection(p.data.id) : undefined;
  };

  app.get('/elections/:id', async (request, reply) => {
    const e = await load(request.params);
    if (!e) return html(reply, 404, 'Not found', '<p>There is no such election.</p>');
    const id = encodeURIComponent(e.id);
    const contests = e.contests.map((c) => `<li>${escapeHtml(c.title)}: ${escapeHtml((c.ballot ?? c.candidates.filter((x) => !x.withdrawn).map((x) => x.name)).join(', ') || 'no candidates yet')}</li>`).join('');
    const action = e.status === 'voting' ? `<p><a href="/elections/${id}/vote">Vote now</a></p>` : e.status === 'published' ? `<p><a href="/api/elections/${id}/results">Result (JSON)</a> · <a href="/api/elections/${id}/results/results.csv">rounds (CSV)</a></p>` : '';
    return html(reply, 200, e.title, `<p>Status: ${escapeHtml(e.status)}</p><ul>${contests}</ul>${action}`);
  });

  app.get('/elections/:id/vote', async (request, reply) => {
    const e = await load(request.params);
    if (!e) return html(reply, 404, 'Not found', '<p>There is no such election.</p>');
    const given = Prefill.safeParse(request.query);
    const value = given.success && given.data.credential !== undefined ? ` value="${escapeHtml(given.data.credential)}"` : '';
    return html(reply, 200, `Vote: ${e.title}`, `<form method="post" action="/elections/${encodeURIComponent(e.id)}/vote">
<p><label for="credential">Your ballot credential (from your email or ballot paper)</label><br>
<input id="credential" name="credential" autocomplete="off" size="45" required${value}></p>
<p><button type="submit">Show my ballot</button></p></form>`);
  });

  app.post('/elections/:id/vote', async (request, reply) => {
    const e = await load(request.params);
    const form = SignInForm.safeParse(request.body);
    if (!e || !form.success) return html(reply, 400, 'Cannot show the ballot', '<p>Enter the credential you were sent.</p>');
    const paper = await service.ballotPaper(e.id, form.data.credential);
    if (!paper.ok) return html(reply, 403, 'Cannot show the ballot', `<p role="alert">${escapeHtml(refusalText(paper.error))}</p>`);
    return html(reply, 200, `Ballot: ${e.title}`, ballotForm(paper.value, form.data.credential));
  });

  app.post('/elections/:id/cast', async (request, reply) => {
    const e = await load(request.params);
    const form = BallotForm.safeParse(request.body);
    const credential = form.success ? form.data.credential : undefined;
    if (!e || !form.success || credential === undefined) return html(reply, 400, 'Ballot not cast', '<p>The ballot form was incomplete.</p>');
    const rankings = formRankings(e, form.data);
    if (form.data.confirm !== 'yes') return html(reply, 200, `Check your ballot: ${e.title}`, confirmation(e, credential, rankings));
    const cast = await service.vote(e.id, credential, rankings);
    if (!cast.ok) return html(reply, 409, 'Ballot not cast', `<p role="alert">${escapeHtml(refusalText(cast.error))}</p><p><a href="/elections/${encodeURIComponent(e.id)}/vote">Back</a></p>`);
    return html(reply, 201, 'Your ballot is cast', `<p>Thank you. Your receipt code is <strong><code>${escapeHtml(cast.value)}</code></strong>.</p>
<p>Keep it: it lets you check that your ballot is in the box, without showing how you voted
(<code>GET /api/elections/${escapeHtml(e.id)}/receipts/CODE</code>).</p>`);
  });
}
