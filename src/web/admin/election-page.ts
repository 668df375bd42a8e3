/**
 * One election in the console: its stage and the moves it can make, contests with candidates and
 * nominations, the roll and credentials, the postal ballot papers printed, turnout and the audit log.
 */
import type { AuditEntry } from '../../election/audit.ts';
import { canMove } from '../../election/lifecycle.ts';
import { contestProgress } from '../../election/nominations.ts';
import type { PostalBatch } from '../../election/postal-batches.ts';
import type { Election, ElectionContest, Status } from '../../election/types.ts';
import { escapeHtml } from '../../server/html.ts';
import type { ClassTurnout } from '../../store/store.ts';
import { resultsPath } from '../links.ts';
import { actionForm, hiddenField, selectField, textField, type FormContext } from './forms.ts';
import { adminPage, type Session } from './pages.ts';

const MOVES: readonly { to: Status; text: string; done: string; secondary?: boolean }[] = [
  { to: 'nominations', text: 'Open nominations', done: 'Nominations are open.' },
  { to: 'voting', text: 'Open voting', done: 'Voting is open.' },
  { to: 'closed', text: 'Close voting', done: 'Voting is closed.' },
  { to: 'published', text: 'Publish the result', done: 'The result is published.' },
  { to: 'cancelled', text: 'Cancel the election', done: 'The election is cancelled.', secondary: true },
];

function apiOf(e: Election): string {
  return `/api/elections/${encodeURIComponent(e.id)}`;
}

function lifecycle(ctx: FormContext, e: Election): string {
  const moves = MOVES.filter((m) => canMove(e.status, m.to)).map((m) =>
    actionForm(ctx, { api: `${apiOf(e)}/transitions`, submit: m.text, done: m.done, fields: hiddenField('to', m.to), secondary: m.secondary === true }));
  if (e.status === 'closed') moves.unshift(actionForm(ctx, { api: `${apiOf(e)}/count`, submit: 'Count the votes', done: 'The votes are counted: check the result, then publish it.', fields: '' }));
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

function contestSection(ctx: FormContext, e: Election, c: ElectionContest): string {
  const api = `${apiOf(e)}/contests/${encodeURIComponent(c.id)}`;
  const editable = ['draft', 'nominations'].includes(e.status);
  const add = editable
    ? actionForm(ctx, { api: `${api}/candidates`, submit: 'Add candidate', done: 'Candidate added.', label: `Add a candidate to ${c.title}`, fields: (v) => textField('name', 'Candidate name', `add-${c.id}`, 'required maxlength="200"', v.name) })
    : '';
  const standing = c.candidates.filter((x) => !x.withdrawn).map((x) => ({ value: x.name, text: x.name }));
  const withdraw = editable && standing.length > 0
    ? actionForm(ctx, { api: `${api}/withdrawals`, submit: 'Withdraw', done: 'Candidate withdrawn.', label: `Withdraw a candidate from ${c.title}`, fields: (v) => selectField('name', 'Candidate to withdraw', `withdraw-${c.id}`, standing, v.name) })
    : '';
  const nominate = e.status === 'nominations' && c.threshold !== undefined && standing.length > 0 ? nominationForm(ctx, e, c, standing) : '';
  return `<h3>${escapeHtml(c.title)} <span class="hint">${escapeHtml(c.method.toUpperCase())}, ${c.seats} seat${c.seats === 1 ? '' : 's'}</span></h3>${progressTable(e, c)}${add}${withdraw}${nominate}`;
}

function nominationForm(ctx: FormContext, e: Election, c: ElectionContest, standing: readonly { value: string; text: string }[]): string {
  return actionForm(ctx, {
    api: `${apiOf(e)}/nominations`, submit: 'Record nomination', done: 'Nomination recorded.', label: `Record a nomination in ${c.title}`,
    fields: (v) => `${hiddenField('contest', c.id)}
${selectField('candidate', 'Candidate nominated', `nom-candidate-${c.id}`, standing, v.candidate)}
${selectField('body', 'Nominated by (body)', `nom-body-${c.id}`, e.bodies.map((b) => ({ value: b.id, text: b.name })), v.body)}
${textField('nominator', 'Nominator (member or organisation)', `nom-nominator-${c.id}`, 'required maxlength="200"', v.nominator)}
${textField('kind', 'Kind (optional, e.g. union)', `nom-kind-${c.id}`, 'maxlength="64"', v.kind)}`,
  });
}

function electorate(ctx: FormContext, e: Election): string {
  const roll = actionForm(ctx, {
    api: `${apiOf(e)}/roll`, upload: true, submit: 'Check and import the roll', done: 'The roll is imported.', label: 'Import the voter roll',
    fields: (v) => `<p><label for="roll-file">Roll file (CSV)</label><input type="file" id="roll-file" name="file" accept=".csv,text/csv"></p>
<p><label for="roll-csv">Or paste the roll</label><span class="hint" id="roll-hint">Columns: id,name,email,postal_address,class,joined,standing</span>
<textarea id="roll-csv" name="csv" rows="5" aria-describedby="roll-hint">${escapeHtml(v.csv ?? '')}</textarea></p>`,
  });
  const credentials = actionForm(ctx, {
    api: `${apiOf(e)}/credentials`, submit: 'Issue credentials', done: 'Credentials issued.', label: 'Issue credentials',
    fields: (v) => selectField('delivery', 'Delivery', 'delivery', [{ value: 'return', text: 'Show them here (to hand out yourself)' }, { value: 'send', text: 'Email them, or print postal ballot papers' }], v.delivery),
  });
  return `<h2>Voter roll</h2>${roll}<h2>Credentials</h2><p>Issues a credential to every eligible voter who has none.</p>${credentials}`;
}

/** Every batch of postal ballot papers printed for this election, newest first, with who has downloaded it. */
function postalTable(e: Election, batches: readonly PostalBatch[]): string {
  if (batches.length === 0) return '';
  const rows = [...batches].reverse().map((b) => {
    const href = `${apiOf(e)}/postal-batches/${encodeURIComponent(b.name)}`;
    const downloads = b.downloads.length === 0 ? 'not yet' : b.downloads.map((d) => `${d.actor} at ${d.at}`).join('; ');
    return `<tr><td>${escapeHtml(b.at)}</td><td>${escapeHtml(b.actor)}</td><td class="num">${b.papers}</td><td><a href="${escapeHtml(href)}" download>${escapeHtml(b.name)}</a></td><td>${escapeHtml(downloads)}</td></tr>`;
  });
  return `<h2>Postal ballot papers</h2><table><caption>Batches printed (each holds one-time credentials: download only for the print room)</caption>
<thead><tr><th scope="col">Printed</th><th scope="col">By</th><th scope="col" class="num">Papers</th><th scope="col">Download (PDF)</th><th scope="col">Downloaded</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
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

export interface ElectionRecords {
  readonly turnout: readonly ClassTurnout[];
  readonly audit: readonly AuditEntry[];
  readonly batches: readonly PostalBatch[];
}

export function electionPage(s: Session, ctx: FormContext, e: Election, r: ElectionRecords): string {
  return adminPage(s, ctx, e.title, `<p><a href="/admin">All elections</a></p>
${lifecycle(ctx, e)}
<h2>Contests and nominations</h2>${e.contests.map((c) => contestSection(ctx, e, c)).join('\n')}
${['draft', 'nominations', 'voting'].includes(e.status) ? electorate(ctx, e) : ''}
${postalTable(e, r.batches)}
<h2>Turnout</h2>${turnoutTable(r.turnout)}
<h2>Audit log</h2>${auditTable(r.audit)}`);
}
