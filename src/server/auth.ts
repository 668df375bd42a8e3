/**
 * Admin sign-in: a random session token in an HttpOnly, SameSite=Strict cookie (Secure behind https),
 * stored only as a hash; each session has a CSRF token that state-changing requests must echo in the
 * x-csrf-token header, so another site cannot make a signed-in browser act.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sha256Hex } from '../election/audit.ts';
import { conflict, invalid } from '../election/types.ts';
import { err, ok } from '../result.ts';
import type { Store } from '../store/store.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import type { Authenticate, Routes } from './route.ts';

export const SESSION_COOKIE = 'rollover_session';
const SESSION_HOURS = 12;

export function authenticator(store: Store, clock: () => Date): Authenticate {
  return async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined) return undefined;
    const session = await store.session(sha256Hex(token), clock().toISOString());
    return session ? { user: session.user, csrfToken: session.csrfToken } : undefined;
  };
}

const Credentials = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
const NewUser = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(10, 'use at least 10 characters').max(1000),
  role: z.enum(['owner', 'returning_officer', 'scrutineer']),
});

function secure(request: FastifyRequest, alwaysSecure: boolean): boolean {
  return alwaysSecure || request.protocol === 'https';
}

export function authRoutes(routes: Routes, store: Store, clock: () => Date, secureCookies: boolean): void {
  routes.add({
    method: 'POST', url: '/api/login', summary: 'Sign in as an administrator; sets the session cookie and returns the CSRF token', access: 'public',
    body: Credentials,
    // Signing a browser in is a change too: a form posted from another site must not sign it in to an
    // account of that site's choosing. The console's form has its token (web/admin/login-token.ts).
    jsonOnly: true,
    handler: async ({ body, request, reply }) => {
      const user = await store.userByName(body.username);
      // Check a password even for an unknown name, so response time does not reveal which names exist.
      const good = await checkPassword(body.password, user?.passwordHash ?? (await hashPassword('')));
      const at = clock().toISOString();
      if (!user || !good) {
        await store.appendSystemAudit({ actor: body.username, action: 'sign-in refused', data: {} }, at);
        return err(invalid('wrong username or password'));
      }
      await store.appendSystemAudit({ actor: user.username, action: 'signed in', data: { role: user.role } }, at);
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const expires = new Date(clock().getTime() + SESSION_HOURS * 3600_000);
      await store.createSession(sha256Hex(token), user.id, csrfToken, expires.toISOString());
      setSessionCookie(reply, token, expires, secure(request, secureCookies));
      return ok({ json: { username: user.username, role: user.role, csrfToken } });
    },
  });
  routes.add({
    method: 'POST', url: '/api/logout', summary: 'Sign out', access: 'read',
    handler: async ({ request, reply }) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token !== undefined) await store.deleteSession(sha256Hex(token));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return ok({ json: { signedOut: true } });
    },
  });
  routes.add({
    method: 'POST', url: '/api/users', summary: 'Create an administrator account (owner only)', access: 'owner',
    body: NewUser,
    handler: async ({ body, user }) => {
      const created = await createUser(store, body.username, body.password, body.role);
      if (!created.ok) return created;
      await store.appendSystemAudit({ actor: user?.username ?? '', action: 'account created', data: { username: body.username, role: body.role } }, clock().toISOString());
      return ok({ status: 201, json: { username: body.username, role: body.role } });
    },
  });
  routes.add({
    method: 'GET', url: '/api/audit', summary: 'The hash-chained log of admin actions outside elections (accounts, sign-ins)', access: 'read',
    handler: async () => {
      const entries = await store.systemAudit();
      return ok({ json: { head: entries[entries.length - 1]?.hash ?? null, entries } });
    },
  });
}

export async function createUser(store: Store, username: string, password: string, role: z.infer<typeof NewUser>['role']) {
  if (await store.userByName(username)) return err(conflict(`user ${username} exists`));
  return store.createUser({ id: randomUUID(), username, role, passwordHash: await hashPassword(password) });
}

function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secureCookie: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: secureCookie, path: '/', expires });
}
