/**
 * The admin console's pages, rendered on the server from the store; actions go through the JSON API (see
 * forms.ts). A scrutineer sees everything and changes nothing: the API refuses, and the page says so.
 */
import type { AuditEntry } from '../../election/audit.ts';
import { canMove } from '../../election/lifecycle.ts';
import { contestProgress } from '../../election/nominations.ts';
import type { Preset } from '../../election/presets.ts';
import type { Election, ElectionContest, Status } from '../../election/types.ts';
import { escapeHtml } from '../../server/html.ts';
import type { Account, ClassTurnout, ElectionSummary, Role, User } from '../../store/store.ts';
import { webPage } from '../layout.ts';
import { resultsPath } from '../links.ts';
import { actionForm, hiddenField, selectField, textField } from './forms.ts';

export interface Session {
  readonly user: User;
  readonly csrfToken: string;
}

function adminPage(s: Session | undefined, title: string, main: string): string {
  const head = s === undefined ? '' : `<meta name="csrf-token" content="${escapeHtml(s.csrfToken)}">`;
  const who = s === undefined ? '' : `<p>Signed in as <strong>${escapeHtml(s.user.username)}</strong> (${escapeHtml(s.user.role.replace('_', ' '))}).</p>`;
  return webPage({ title, head, script: 'admin.js', main: `${who}${main}` });
}

export function loginPage(): string {
  return adminPage(undefined, 'Administrator sign-in', `<form method="post" action="/api/login" data-api="/api/login" data-then="reload" class="card">
${textField('username', 'Username', 'username', 'autocomplete="username" required')}
${textField('password', 'Password', 'password', 'type="password" autocomplete="current-password" required')}
<p><button type="submit">Sign in</button></p><div class="output" role="status" aria-live="polite"></div></form>`);
}

function electionRow(e: ElectionSummary): string {
  return `<tr><td><a href="/admin/elections/${encodeURIComponent(e.id)}">${escapeHtml(e.title)}</a></td><td><span class="status">${escapeHtml(e.status)}</span></td></tr>`;
}

export function dashboardPage(s: Session, elections: readonly ElectionSummary[], presets: readonly Preset[]): string {
  const table = elections.length === 0
    ? '<p>No elections yet.</p>'
    : `<table><caption>Elections</caption><thead><tr><th scope="col">Election</th><th scope="col">Status</th></tr></thead><tbody>${elections.map(electionRow).join('\n')}</tbody></table>`;
  const create = actionForm({
    api: '/api/elections', then: 'open-election', submit: 'Create election', label: 'Create an election',
    fields: `${textField('title', 'Title', 'new-title', 'required maxlength="200"')}
${selectField('preset', 'Rules', 'new-preset', presets.map((p) => ({ value: p.name, text: p.summary })))}`,
  });
  return adminPage(s, 'Elections', `${table}<h2>Create an election from a preset</h2>${create}${s.user.role === 'owner' ? accountForm() : ''}`);
}

const ROLES: readonly { value: Role; text: string }[] = [
  { value: 'returning_officer', text: 'Returning officer: runs elections' },
  { value: 'scrutineer', text: 'Scrutineer: watches, changes nothing' },
  { value: 'owner', text: 'Owner: also manages accounts' },
];

/** Owners add administrators: returning officers run elections, scrutineers only watch. */
function accountForm(): string {
  return `<h2>Administrator accounts</h2><p><a href="/admin/accounts">Manage accounts: roles and disabling</a></p>${actionForm({
    api: '/api/users', then: 'show-account', submit: 'Create account', label: 'Create an administrator account',
    fields: `${textField('username', 'Username', 'new-username', 'required maxlength="100" autocomplete="off"')}
${textField('password', 'Password (at least 10 characters)', 'new-password', 'type="password" required minlength="10" autocomplete="new-password"')}
${selectField('role', 'Role', 'new-role', ROLES)}`,
  })}`;
}

/** One account's row: its role, a form to change it, and (while enabled) a form to disable it. */
function accountRow(a: Account, i: number): string {
  const api = `/api/users/${encodeURIComponent(a.username)}`;
  // The account's current role is offered first, so the select shows it.
  const roles = [...ROLES].sort((x, y) => Number(y.value === a.role) - Number(x.value === a.role));
  const change = actionForm({ api, method: 'PATCH', then: 'reload', submit: 'Change role', label: `Change the role of ${a.username}`, fields: selectField('role', 'Role', `role-${i}`, roles) });
  const disable = a.disabled
    ? actionForm({ api, method: 'PATCH', then: 'reload', submit: 'Enable', label: `Enable ${a.username}`, fields: hiddenField('disabled', 'false') })
    : actionForm({ api, method: 'PATCH', then: 'reload', submit: 'Disable', label: `Disable ${a.username}`, fields: hiddenField('disabled', 'true'), secondary: true });
  return `<tr><th scope="row">${escapeHtml(a.username)}</th><td>${escapeHtml(a.role.replace('_', ' '))}</td><td>${a.disabled ? 'disabled' : 'enabled'}</td><td>${change}</td><td>${disable}</td></tr>`;
}

/** The owner's account list; the API refuses to demote or disable the last enabled owner. */
export function accountsPage(s: Session, accounts: readonly Account[]): string {
  return adminPage(s, 'Administrator accounts', `<p><a href="/admin">All elections</a></p>
<table><caption>Administrator accounts (the last enabled owner can be neither demoted nor disabled)</caption>
<thead><tr><th scope="col">Account</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Change role</th><th scope="col">Disable</th></tr></thead>
<tbody>${accounts.map(accountRow).join('\n')}</tbody></table>${accountForm()}`);
}

const MOVES: readonly { to: Status; text: string; secondary?: boolean }[] = [
  { to: 'nominations', text: 'Open nominations' },
  { to: 'voting', text: 'Open voting' },
  { to: 'closed', text: 'Close voting' },
  { to: 'published', text: 'Publish the result' },
  { to: 'cancelled', text: 'Cancel the election', secondary: true },
];

function lifecycle(e: Election): string {
  const api = `/api/elections/${encodeURIComponent(e.id)}`;
  const moves = MOVES.filter((m) => canMove(e.status, m.to)).map((m) => actionForm({ api: `${api}/transitions`, then: 'reload', submit: m.text, fields: hiddenField('to', m.to), secondary: m.secondary === true }));
  if (e.status === 'closed') moves.unshift(actionForm({ api: `${api}/count`, then: 'reload', submit: 'Count the votes', fields: '' }));
  const results = ['counted', 'published'].includes(e.status) ? `<p><a href="${resultsPath(e.id)}">See the result</a></p>` : '';
  return `<p>Status: <span class="status" id="status">${escapeHtml(e.status)}</span></p><div class="actions">${moves.join('')}</div>${results}`;
}

function progressTable(e: Election, c: ElectionContest): string {
  const rows = contestProgress(e, c).map((p) => {
    const counts = p.counts.map((n) => `${n.body}${n.kind === undefined ? '' : ` (${n.kind})`}: ${n.received} of ${n.required}`).join('; ');
    return `<tr><th scope="row">${escapeHtml(p.name)}</th><td>${escapeHtml(counts || '–')}</td><td>${p.onBallot ? 'yes' : 'no'}</td><td>${escapeHtml(p.reason)}</td></tr>`;
  });
  if (rows.length === 0) return '<p>No candidates yet.</p>';
  return `<table><caption>${escapeHtml(c.title)}: candidates and nominations</caption>
<thead><tr><th scope="col">Candidate</th><th scope="col">Nominations</th><th scope="col">On the ballot</th><th scope="col">Why</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function contestSection(e: Election, c: ElectionContest): string {
  const api = `/api/elections/${encodeURIComponent(e.id)}/contests/${encodeURIComponent(c.id)}/candidates`;
  const editable = ['draft', 'nominations'].includes(e.status);
  const add = editable
    ? actionForm({ api, then: 'reload', submit: 'Add candidate', label: `Add a candidate to ${c.title}`, fields: textField('name', 'Candidate name', `add-${c.id}`, 'required maxlength="200"') })
    : '';
  const standing = c.candidates.filter((x) => !x.withdrawn).map((x) => ({ value: x.name, text: x.name }));
  const withdraw = editable && standing.length > 0
    ? actionForm({ api: api.replace(/candidates$/, 'withdrawals'), then: 'reload', submit: 'Withdraw', label: `Withdraw a candidate from ${c.title}`, fields: selectField('name', 'Candidate to withdraw', `withdraw-${c.id}`, standing) })
    : '';
  const nominate = e.status === 'nominations' && c.threshold !== undefined && standing.length > 0 ? nominationForm(e, c, standing) : '';
  return `<h3>${escapeHtml(c.title)} <span class="hint">${escapeHtml(c.method.toUpperCase())}, ${c.seats} seat${c.seats === 1 ? '' : 's'}</span></h3>${progressTable(e, c)}${add}${withdraw}${nominate}`;
}

function nominationForm(e: Election, c: ElectionContest, standing: readonly { value: string; text: string }[]): string {
  return actionForm({
    api: `/api/elections/${encodeURIComponent(e.id)}/nominations`, then: 'reload', submit: 'Record nomination', label: `Record a nomination in ${c.title}`,
    fields: `${hiddenField('contest', c.id)}
${selectField('candidate', 'Candidate nominated', `nom-candidate-${c.id}`, standing)}
${selectField('body', 'Nominated by (body)', `nom-body-${c.id}`, e.bodies.map((b) => ({ value: b.id, text: b.name })))}
${textField('nominator', 'Nominator (member or organisation)', `nom-nominator-${c.id}`, 'required maxlength="200"')}
${textField('kind', 'Kind (optional, e.g. union)', `nom-kind-${c.id}`, 'maxlength="64"')}`,
  });
}

function electorate(e: Election): string {
  const api = `/api/elections/${encodeURIComponent(e.id)}`;
  const roll = actionForm({
    api: `${api}/roll`, then: 'show-roll', csv: true, submit: 'Check and import the roll', label: 'Import the voter roll',
    fields: `<p><label for="roll-file">Roll file (CSV)</label><input type="file" id="roll-file" accept=".csv,text/csv" data-into="roll-csv"></p>
<p><label for="roll-csv">Or paste the roll</label><span class="hint" id="roll-hint">Columns: id,name,email,postal_address,class,joined,standing</span>
<textarea id="roll-csv" name="csv" rows="5" aria-describedby="roll-hint"></textarea></p>`,
  });
  const credentials = actionForm({
    api: `${api}/credentials`, then: 'show-credentials', submit: 'Issue credentials', label: 'Issue credentials',
    fields: selectField('delivery', 'Delivery', 'delivery', [{ value: 'return', text: 'Show them here (to hand out yourself)' }, { value: 'send', text: 'Email them, or print postal ballot papers' }]),
  });
  return `<h2>Voter roll</h2>${roll}<h2>Credentials</h2><p>Issues a credential to every eligible voter who has none.</p>${credentials}`;
}

function turnoutTable(rows: readonly ClassTurnout[]): string {
  if (rows.length === 0) return '<p>No voters on the roll yet.</p>';
  const body = rows.map((r) => `<tr><th scope="row">${escapeHtml(r.electorClass.replaceAll('_', ' '))}</th><td class="num">${r.eligible}</td><td class="num">${r.voted}</td></tr>`);
  return `<table><caption>Turnout by elector class (who voted, never how)</caption><thead><tr><th scope="col">Class</th><th scope="col" class="num">Eligible</th><th scope="col" class="num">Voted</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function auditTable(entries: readonly AuditEntry[]): string {
  const rows = entries.map((a) => `<tr><td class="num">${a.seq}</td><td>${escapeHtml(a.at)}</td><td>${escapeHtml(a.actor)}</td><td>${escapeHtml(a.action)}</td></tr>`);
  return `<div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-caption"><table><caption id="audit-caption">Audit log (hash chain head ${escapeHtml(entries[entries.length - 1]?.hash.slice(0, 16) ?? 'none')}…)</caption>
<thead><tr><th scope="col" class="num">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

export function electionPage(s: Session, e: Election, turnout: readonly ClassTurnout[], audit: readonly AuditEntry[]): string {
  return adminPage(s, e.title, `<p><a href="/admin">All elections</a></p>
${lifecycle(e)}
<h2>Contests and nominations</h2>${e.contests.map((c) => contestSection(e, c)).join('\n')}
${['draft', 'nominations', 'voting'].includes(e.status) ? electorate(e) : ''}
<h2>Turnout</h2>${turnoutTable(turnout)}
<h2>Audit log</h2>${auditTable(audit)}`);
}
