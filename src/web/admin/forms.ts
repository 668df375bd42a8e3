/**
 * The admin console's action forms: plain HTML forms that work without JavaScript. Each posts to the
 * console's mirror of an API call (/admin/… for /api/…) with the session's CSRF token in a hidden field;
 * the server sends it on to that API call (see actions.ts) and redirects back here with a message.
 */
import { escapeHtml } from '../../server/html.ts';
import type { Flash } from './flash.ts';

/** What follows success: back to the page, or on to the new election (its id is in the API's answer). */
type Then = 'reload' | 'open-election';

/** Field values to put back into a refused form, by field name. */
export type Input = Readonly<Record<string, string>>;

/** What every form on a page shares. */
export interface FormContext {
  /** The session's CSRF token ('' when signed out: only the sign-in form is offered then). */
  readonly csrf: string;
  /** The page the forms are on, to come back to. */
  readonly back: string;
  readonly flash?: Flash;
}

export interface ActionForm {
  readonly api: string;
  readonly submit: string;
  /** What the message says on success (the roll, credentials and accounts say more; see actions.ts). */
  readonly done: string;
  readonly fields: string | ((input: Input) => string);
  readonly then?: Then;
  /** A file upload (the roll): sent as multipart/form-data. */
  readonly upload?: boolean;
  readonly label?: string;
  /** An action that cannot be undone (cancelling): drawn as a secondary button so it is not the obvious one. */
  readonly secondary?: boolean;
  /** The API method when it is not POST (changing an account is a PATCH). */
  readonly method?: 'PATCH';
}

/** Names a form among those on a page, so a refusal refills that form only. */
function formKey(f: Pick<ActionForm, 'api' | 'label' | 'submit'>): string {
  return `${f.api} ${f.label ?? f.submit}`;
}

/** The console's address for an API call: /api/elections/… is posted to /admin/elections/…. */
function formAction(api: string): string {
  return `/admin${api.slice('/api'.length)}`;
}

export function actionForm(ctx: FormContext, f: ActionForm): string {
  const key = formKey(f);
  const input = ctx.flash?.form === key ? (ctx.flash.input ?? {}) : {};
  const hidden = [
    hiddenField('_csrf', ctx.csrf), hiddenField('_back', ctx.back), hiddenField('_form', key), hiddenField('_done', f.done),
    ...(f.then === undefined ? [] : [hiddenField('_then', f.then)]),
    ...(f.method === undefined ? [] : [hiddenField('_method', f.method)]),
  ].join('');
  const enctype = f.upload === true ? ' enctype="multipart/form-data"' : '';
  const label = f.label === undefined ? '' : ` aria-label="${escapeHtml(f.label)}"`;
  const fields = typeof f.fields === 'string' ? f.fields : f.fields(input);
  return `<form class="inline" method="post" action="${escapeHtml(formAction(f.api))}"${enctype}${label}>${hidden}
${fields}<p><button type="submit"${f.secondary === true ? ' class="secondary"' : ''}>${escapeHtml(f.submit)}</button></p></form>`;
}

export function textField(name: string, label: string, id: string, extra = '', value?: string): string {
  const v = value === undefined ? '' : ` value="${escapeHtml(value)}"`;
  return `<p><label for="${id}">${escapeHtml(label)}</label><input id="${id}" name="${name}"${v} ${extra}></p>`;
}

export function hiddenField(name: string, value: string): string {
  return `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

export function selectField(name: string, label: string, id: string, options: readonly { value: string; text: string }[], selected?: string): string {
  const opts = options.map((o) => `<option value="${escapeHtml(o.value)}"${o.value === selected ? ' selected' : ''}>${escapeHtml(o.text)}</option>`).join('');
  return `<p><label for="${id}">${escapeHtml(label)}</label><select id="${id}" name="${name}">${opts}</select></p>`;
}
