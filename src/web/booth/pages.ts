/**
 * The voting booth's pages, rendered on the server so that they work without JavaScript: sign in with the
 * credential, number the candidates, read the ranking back in words, confirm, keep the receipt. The
 * booth script (client/booth.ts) turns each contest's menus into a list ranked by buttons, keys or drag
 * and drop, writing into the same menus.
 */
import type { Election } from '../../election/types.ts';
import { escapeHtml } from '../../server/html.ts';
import { alertBox, ordinal, webPage } from '../layout.ts';
import { resultsPath, votePath } from '../links.ts';
import { prefField, rankingInWords, rankLimit, type BallotPaperContest, type ContestMarks } from './ranking.ts';

function credentialField(credential: string): string {
  return `<input type="hidden" name="credential" value="${escapeHtml(credential)}">`;
}

export function signInPage(e: Election, prefill: string | undefined, refusal?: string): string {
  const value = prefill === undefined ? '' : ` value="${escapeHtml(prefill)}"`;
  return webPage({
    title: `Vote: ${e.title}`,
    main: `${refusal === undefined ? '' : alertBox(refusal)}
<form method="post" action="${votePath(e.id, '/ballot')}" class="card">
<p><label for="credential">Your ballot credential</label>
<span class="hint" id="credential-hint">It is in your email or printed on your ballot paper; scanning the paper's QR code fills it in.</span>
<input id="credential" name="credential" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="credential-hint"${value}></p>
<p><button type="submit">Show my ballot</button></p></form>`,
  });
}

export function notOpenPage(e: Election): string {
  const why = e.status === 'voting' ? '' : ['draft', 'nominations'].includes(e.status) ? 'Voting has not opened yet.' : 'Voting has closed: no more ballots can be cast.';
  const results = e.status === 'published' ? `<p><a href="${resultsPath(e.id)}">See the result</a></p>` : '';
  return webPage({ title: `Vote: ${e.title}`, main: `${alertBox(why)}${results}` });
}

export function refusedPage(e: Election, message: string): string {
  return webPage({
    title: `Vote: ${e.title}`,
    main: `${alertBox(`Your ballot cannot be shown or cast: ${message}.`)}
<p><a href="${votePath(e.id)}">Enter a different credential</a></p>`,
  });
}

function numberMenu(c: BallotPaperContest, index: number, name: string, chosen: number | undefined): string {
  const id = prefField(c.id, index);
  const options = Array.from({ length: rankLimit(c) }, (_, r) => {
    const selected = chosen === r + 1 ? ' selected' : '';
    return `<option value="${r + 1}"${selected}>${ordinal(r + 1)}</option>`;
  }).join('');
  return `<li data-index="${index}" data-name="${escapeHtml(name)}"><label for="${id}">${escapeHtml(name)}</label>
<select id="${id}" name="${id}"><option value="">not ranked</option>${options}</select></li>`;
}

function contestFieldset(c: BallotPaperContest, marks: ContestMarks | undefined): string {
  const names = c.ballot ?? [];
  const problems = marks && marks.problems.length > 0
    ? `<div class="alert" role="alert"><ul>${marks.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></div>`
    : '';
  const menus = names.map((name, i) => numberMenu(c, i, name, marks?.numbers[i])).join('\n');
  const limit = rankLimit(c);
  const cap = limit < names.length ? ` You may rank up to ${limit}.` : '';
  return `<fieldset class="contest" data-contest="${escapeHtml(c.id)}" data-limit="${limit}">
<legend>${escapeHtml(c.title)}</legend>
<p class="hint" id="how-${escapeHtml(c.id)}">Give your favourite your 1st preference, your next choice your 2nd, and so on.
Rank as many or as few as you like.${cap}</p>
${problems}<ol class="numbers" aria-describedby="how-${escapeHtml(c.id)}">
${menus}</ol></fieldset>`;
}

export function ballotPage(e: Election, credential: string, marks?: readonly ContestMarks[]): string {
  const fieldsets = e.contests.map((c) => contestFieldset(c, marks?.find((m) => m.contest.id === c.id))).join('\n');
  return webPage({
    title: `Ballot: ${e.title}`,
    script: 'booth.js',
    main: `<form method="post" action="${votePath(e.id, '/review')}" class="ballot">
${credentialField(credential)}
${fieldsets}
<p><button type="submit">Review my ballot</button></p></form>`,
  });
}

function hiddenMarks(m: ContestMarks): string {
  return m.numbers
    .map((n, i) => (n === undefined ? '' : `<input type="hidden" name="${prefField(m.contest.id, i)}" value="${n}">`))
    .join('');
}

export function reviewPage(e: Election, credential: string, marks: readonly ContestMarks[]): string {
  const rows = marks.map((m) => `<dt>${escapeHtml(m.contest.title)}</dt><dd>${escapeHtml(rankingInWords(m.ranking))}</dd>`).join('\n');
  return webPage({
    title: `Check your ballot: ${e.title}`,
    main: `<p>This is how your ballot will be counted. Once cast it cannot be changed.</p>
<dl class="review">${rows}</dl>
<form method="post" action="${votePath(e.id, '/cast')}">
${credentialField(credential)}${marks.map(hiddenMarks).join('')}
<p class="actions"><button type="submit">Confirm and cast my ballot</button>
<button type="submit" class="secondary" formaction="${votePath(e.id, '/ballot')}">Change my ranking</button></p></form>`,
  });
}

export function receiptPage(e: Election, receipt: string): string {
  return webPage({
    title: 'Your ballot is cast',
    main: `<div class="card" role="status"><p>Thank you: your ballot for ${escapeHtml(e.title)} is in the ballot box.</p>
<p>Your receipt code is <strong class="receipt" id="receipt">${escapeHtml(receipt)}</strong></p></div>
<p>Keep it. With it you can <a href="${votePath(e.id, '/receipt')}">check that your ballot is in the box</a>; it does not show how you voted.</p>`,
  });
}

/** Anyone holding a receipt code can check that the ballot is in the box; the answer says nothing of its content. */
export function receiptCheckPage(e: Election, code: string | undefined, inBox: boolean | undefined): string {
  const value = code === undefined ? '' : ` value="${escapeHtml(code)}"`;
  const answer = inBox === undefined
    ? ''
    : inBox
      ? `<div class="ok" role="status"><p>A ballot with receipt code ${escapeHtml(code ?? '')} is in the ballot box.</p></div>`
      : alertBox(`No ballot with receipt code ${code ?? ''} is in the ballot box. Check the code as printed on your receipt.`);
  return webPage({
    title: `Check a receipt: ${e.title}`,
    main: `${answer}<form method="get" action="${votePath(e.id, '/receipt')}" class="card">
<p><label for="code">Receipt code</label><input id="code" name="code" autocomplete="off" spellcheck="false" required${value}></p>
<p><button type="submit">Check</button></p></form>`,
  });
}
