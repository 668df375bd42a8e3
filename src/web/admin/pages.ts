/**
 * The admin console's pages, rendered on the server from the store. Every action is a plain form (see
 * forms.ts); the message of the last one heads the page. A scrutineer sees everything and changes
 * nothing: the API refuses, and the page says so.
 */
import type { Preset } from '../../election/presets.ts';
import { escapeHtml } from '../../server/html.ts';
import type { Account, ElectionSummary, Role, User } from '../../store/store.ts';
import { webPage } from '../layout.ts';
import { flashBox } from './flash.ts';
import { actionForm, hiddenField, selectField, textField, type FormContext } from './forms.ts';

export interface Session {
  readonly user: User;
  readonly csrfToken: string;
}

/** The page frame: the last form's message, who is signed in (with a way out), then the page. */
export function adminPage(s: Session | undefined, ctx: FormContext, title: string, main: string): string {
  const flash = ctx.flash === undefined ? '' : flashBox(ctx.flash);
  const signOut = actionForm({ ...ctx, back: '/admin' }, { api: '/api/logout', submit: 'Sign out', done: 'Signed out.', fields: '', secondary: true });
  const who = s === undefined ? '' : `<div class="who"><p>Signed in as <strong>${escapeHtml(s.user.username)}</strong> (${escapeHtml(s.user.role.replace('_', ' '))}).</p>${signOut}</div>`;
  return webPage({ title, script: 'admin.js', main: `${flash}${who}${main}` });
}

export function loginPage(ctx: FormContext): string {
  return adminPage(undefined, ctx, 'Administrator sign-in', actionForm(ctx, {
    api: '/api/login', submit: 'Sign in', done: 'Signed in.', label: 'Sign in',
    fields: (v) => `${textField('username', 'Username', 'username', 'autocomplete="username" required', v.username)}
${textField('password', 'Password', 'password', 'type="password" autocomplete="current-password" required')}`,
  }));
}

function electionRow(e: ElectionSummary): string {
  return `<tr><td><a href="/admin/elections/${encodeURIComponent(e.id)}">${escapeHtml(e.title)}</a></td><td><span class="status">${escapeHtml(e.status)}</span></td></tr>`;
}

export function dashboardPage(s: Session, ctx: FormContext, elections: readonly ElectionSummary[], presets: readonly Preset[]): string {
  const table = elections.length === 0
    ? '<p>No elections yet.</p>'
    : `<table><caption>Elections</caption><thead><tr><th scope="col">Election</th><th scope="col">Status</th></tr></thead><tbody>${elections.map(electionRow).join('\n')}</tbody></table>`;
  const create = actionForm(ctx, {
    api: '/api/elections', then: 'open-election', submit: 'Create election', done: 'Election created.', label: 'Create an election',
    fields: (v) => `${textField('title', 'Title', 'new-title', 'required maxlength="200"', v.title)}
${selectField('preset', 'Rules', 'new-preset', presets.map((p) => ({ value: p.name, text: p.summary })), v.preset)}`,
  });
  return adminPage(s, ctx, 'Elections', `${table}<h2>Create an election from a preset</h2>${create}${s.user.role === 'owner' ? accountForm(ctx) : ''}`);
}

const ROLES: readonly { value: Role; text: string }[] = [
  { value: 'returning_officer', text: 'Returning officer: runs elections' },
  { value: 'scrutineer', text: 'Scrutineer: watches, changes nothing' },
  { value: 'owner', text: 'Owner: also manages accounts' },
];

/** Owners add administrators: returning officers run elections, scrutineers only watch. */
function accountForm(ctx: FormContext): string {
  return `<h2>Administrator accounts</h2><p><a href="/admin/accounts">Manage accounts: roles and disabling</a></p>${actionForm(ctx, {
    api: '/api/users', submit: 'Create account', done: 'Account created.', label: 'Create an administrator account',
    fields: (v) => `${textField('username', 'Username', 'new-username', 'required maxlength="100" autocomplete="off"', v.username)}
${textField('password', 'Password (at least 10 characters)', 'new-password', 'type="password" required minlength="10" autocomplete="new-password"')}
${selectField('role', 'Role', 'new-role', ROLES, v.role)}`,
  })}`;
}

/** One account's row: its role, a form to change it, and (while enabled) a form to disable it. */
function accountRow(ctx: FormContext, a: Account, i: number): string {
  const api = `/api/users/${encodeURIComponent(a.username)}`;
  const change = actionForm(ctx, { api, method: 'PATCH', submit: 'Change role', done: `Role of ${a.username} changed.`, label: `Change the role of ${a.username}`, fields: selectField('role', 'Role', `role-${i}`, ROLES, a.role) });
  const disable = a.disabled
    ? actionForm(ctx, { api, method: 'PATCH', submit: 'Enable', done: `${a.username} enabled.`, label: `Enable ${a.username}`, fields: hiddenField('disabled', 'false') })
    : actionForm(ctx, { api, method: 'PATCH', submit: 'Disable', done: `${a.username} disabled.`, label: `Disable ${a.username}`, fields: hiddenField('disabled', 'true'), secondary: true });
  return `<tr><th scope="row">${escapeHtml(a.username)}</th><td>${escapeHtml(a.role.replace('_', ' '))}</td><td>${a.disabled ? 'disabled' : 'enabled'}</td><td>${change}</td><td>${disable}</td></tr>`;
}

/** The owner's account list; the API refuses to demote or disable the last enabled owner. */
export function accountsPage(s: Session, ctx: FormContext, accounts: readonly Account[]): string {
  return adminPage(s, ctx, 'Administrator accounts', `<p><a href="/admin">All elections</a></p>
<table><caption>Administrator accounts (the last enabled owner can be neither demoted nor disabled)</caption>
<thead><tr><th scope="col">Account</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Change role</th><th scope="col">Disable</th></tr></thead>
<tbody>${accounts.map((a, i) => accountRow(ctx, a, i)).join('\n')}</tbody></table>${accountForm(ctx)}`);
}
