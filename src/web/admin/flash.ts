/**
 * The message a console form leaves for the page it redirects to (Post/Redirect/Get): what happened, or
 * the service's refusal with the user's input to put back in the form. It is kept on the server, under a
 * random id in a short-lived cookie, because it can hold a whole roll's validation report or credentials
 * shown once, which must travel in neither a cookie nor an address. Read once, then gone.
 */
import { randomBytes } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../../server/html.ts';

export interface Flash {
  readonly ok: boolean;
  readonly message: string;
  /** The form whose fields `input` refills (see formKey). */
  readonly form?: string;
  readonly input?: Readonly<Record<string, string>>;
  /** A refused roll's report: line and problem. */
  readonly rows?: readonly (readonly [string, string])[];
  /** Credentials to hand out, shown this once. */
  readonly credentials?: readonly { readonly voterId: string; readonly credential: string }[];
  readonly link?: { readonly href: string; readonly text: string };
}

const FLASH_COOKIE = 'rollover_flash';
/** Long enough for the redirect, short enough that credentials do not linger in memory. */
const LIFETIME_MS = 5 * 60_000;
/** A bound on memory if redirects are never followed: the oldest message goes first. */
const MAX_HELD = 1000;
/** And on the characters held, as one message may keep a pasted roll of up to a megabyte to refill its form. */
export const MAX_HELD_CHARS = 16 * 1024 * 1024;

export class FlashStore {
  private readonly held = new Map<string, { flash: Flash; expires: number; chars: number }>();
  private chars = 0;
  /** Wall-clock milliseconds: a message expires in real time whatever clock the elections run on. */
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  leave(reply: FastifyReply, flash: Flash): void {
    const now = this.now();
    const chars = JSON.stringify(flash).length;
    // Oldest first (a Map iterates in insertion order): the expired, then any over either bound.
    for (const [id, h] of this.held) if (h.expires <= now || this.held.size >= MAX_HELD || this.chars + chars > MAX_HELD_CHARS) this.drop(id);
    const id = randomBytes(18).toString('base64url');
    this.held.set(id, { flash, expires: now + LIFETIME_MS, chars });
    this.chars += chars;
    reply.setCookie(FLASH_COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: reply.request.protocol === 'https', path: '/admin', maxAge: LIFETIME_MS / 1000 });
  }

  take(request: FastifyRequest, reply: FastifyReply): Flash | undefined {
    const id = request.cookies[FLASH_COOKIE];
    if (id === undefined) return undefined;
    reply.clearCookie(FLASH_COOKIE, { path: '/admin' });
    const h = this.held.get(id);
    this.drop(id);
    return h !== undefined && h.expires > this.now() ? h.flash : undefined;
  }

  private drop(id: string): void {
    this.chars -= this.held.get(id)?.chars ?? 0;
    this.held.delete(id);
  }
}

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A refusal is an alert; a success is a status message. Either is the first thing in the page. */
export function flashBox(f: Flash): string {
  const rows = f.rows === undefined ? '' : table('Rows to correct', ['Line', 'Problem'], f.rows);
  const credentials = f.credentials === undefined ? '' : table('Credentials', ['Voter', 'Credential'], f.credentials.map((c) => [c.voterId, c.credential]));
  const link = f.link === undefined ? '' : ` <a href="${escapeHtml(f.link.href)}" download>${escapeHtml(f.link.text)}</a>`;
  const role = f.ok ? 'status' : 'alert';
  return `<div class="${f.ok ? 'ok' : 'alert'}" role="${role}" id="flash"><p>${escapeHtml(f.message)}${link}</p>${rows}${credentials}</div>`;
}
