/**
 * The "count a file" page: a form for a ballot file (a chosen file is read into the text box by the
 * console script) and one for an RCTab contest (rctab-page.ts), each followed by its result.
 */
import { listRules } from '../../count/index.ts';
import { escapeHtml } from '../../server/html.ts';
import { alertBox, webPage } from '../layout.ts';
import { rctabForm, type RctabOutcome } from './rctab-page.ts';

function rulesOptions(chosen: string | undefined): string {
  const names = [...new Set(listRules().map((r) => r.name))];
  const option = (value: string, text: string) => `<option value="${escapeHtml(value)}"${value === (chosen ?? '') ? ' selected' : ''}>${escapeHtml(text)}</option>`;
  return [option('', 'usual rules (IRV for one seat, Scottish STV for more)'), ...names.map((n) => option(n, n))].join('');
}

export interface CountForm {
  readonly file?: string;
  readonly text?: string;
  readonly rules?: string;
}

export function countPage(form: CountForm, outcome: { error: string } | { html: string } | undefined, rctab?: RctabOutcome): string {
  const shown = outcome === undefined ? '' : 'error' in outcome ? alertBox(outcome.error) : outcome.html;
  return webPage({
    title: 'Count a ballot file',
    script: 'admin.js',
    main: `<p>Counts a BLT, CSV, PrefLib or JSON ballot file on this server with the same rules as <code>rollover count</code>, and shows the rounds, charts and transfers.</p>
<form method="post" action="/count" class="card">
<p><label for="count-file">Ballot file</label><input type="file" id="count-file" data-into="ballots" data-name-into="file-name"></p>
<p><label for="file-name">File name (its extension names the format)</label><input id="file-name" name="file" value="${escapeHtml(form.file ?? 'ballots.blt')}" maxlength="200"></p>
<p><label for="ballots">Or paste the ballots</label><textarea id="ballots" name="text" rows="8" required>${escapeHtml(form.text ?? '')}</textarea></p>
<p><label for="rules">Rules</label><select id="rules" name="rules">${rulesOptions(form.rules)}</select></p>
<p><button type="submit">Count</button></p></form>
${shown}
${rctabForm(rctab)}
${rctab !== undefined && 'html' in rctab ? rctab.html : ''}`,
  });
}
