/**
 * The admin console's action forms. Each names the API call it makes (data-api) and what follows success
 * (data-then: reload the page, open the new election, or show the answer in the form's output region).
 * The console script sends them as JSON (or CSV) with the session's CSRF token; the API does the checks.
 */
import { escapeHtml } from '../../server/html.ts';

export type Then = 'reload' | 'open-election' | 'show-roll' | 'show-credentials' | 'show-account';

export interface ActionForm {
  readonly api: string;
  readonly then: Then;
  readonly fields: string;
  readonly submit: string;
  /** Send the `csv` field as a text/csv body instead of JSON. */
  readonly csv?: boolean;
  readonly label?: string;
  /** An action that cannot be undone (cancelling): drawn as a secondary button so it is not the obvious one. */
  readonly secondary?: boolean;
  /** The API method when it is not POST (changing an account is a PATCH). */
  readonly method?: 'PATCH';
}

export function actionForm(f: ActionForm): string {
  const csv = f.csv === true ? ' data-kind="csv"' : '';
  const label = f.label === undefined ? '' : ` aria-label="${escapeHtml(f.label)}"`;
  const method = f.method === undefined ? '' : ` data-method="${f.method}"`;
  return `<form class="inline" method="post" action="${escapeHtml(f.api)}" data-api="${escapeHtml(f.api)}" data-then="${f.then}"${method}${csv}${label}>
${f.fields}<p><button type="submit"${f.secondary === true ? ' class="secondary"' : ''}>${escapeHtml(f.submit)}</button></p>
<div class="output" role="status" aria-live="polite"></div></form>`;
}

export function textField(name: string, label: string, id: string, extra = ''): string {
  return `<p><label for="${id}">${escapeHtml(label)}</label><input id="${id}" name="${name}" ${extra}></p>`;
}

export function hiddenField(name: string, value: string): string {
  return `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

export function selectField(name: string, label: string, id: string, options: readonly { value: string; text: string }[]): string {
  const opts = options.map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.text)}</option>`).join('');
  return `<p><label for="${id}">${escapeHtml(label)}</label><select id="${id}" name="${name}">${opts}</select></p>`;
}
