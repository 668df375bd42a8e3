/**
 * The sign-in form's CSRF token. Every other console form echoes its session's token; before signing in
 * there is no session, so a signed-out visitor is given a random token twice: in a SameSite=Strict,
 * HttpOnly cookie and in the form's hidden field, and a sign-in is taken only when they match (a double
 * submit). Another site can post a form to /admin/login, but the browser sends the cookie with no
 * cross-site post and the other site can neither read nor set it, so it cannot sign a visitor in to an
 * account of its choosing (and then watch what they enter there).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

const LOGIN_COOKIE = 'rollover_login';
/** 24 random bytes, as base64url. */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;
/** A sign-in page left open this long still works; the session it opens has its own lifetime. */
const LIFETIME_SECONDS = 12 * 3600;

/** The visitor's sign-in token: the one their cookie already holds (so two tabs both work), or a new one. */
export function loginToken(request: FastifyRequest, reply: FastifyReply): string {
  const held = request.cookies[LOGIN_COOKIE];
  const token = held !== undefined && TOKEN.test(held) ? held : randomBytes(24).toString('base64url');
  reply.setCookie(LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/admin', maxAge: LIFETIME_SECONDS });
  return token;
}

/** Whether the posted sign-in form carries the token of this browser's cookie. */
export function loginTokenMatches(request: FastifyRequest, posted: string): boolean {
  const held = request.cookies[LOGIN_COOKIE];
  return held !== undefined && TOKEN.test(held) && posted.length === held.length && timingSafeEqual(Buffer.from(posted), Buffer.from(held));
}
