/**
 * The frame of every web-app page: language, viewport, skip link, landmarks, one local stylesheet and the
 * page's own small script (deferred, so the HTML works first and the script only enhances it). Nothing
 * is loaded from another site.
 */
import { escapeHtml } from '../server/html.ts';

export interface PageOptions {
  readonly title: string;
  readonly main: string;
  /** A bundled client script from /assets (e.g. "booth.js"), if the page has one. */
  readonly script?: string;
  /** Extra <head> markup, such as the admin's CSRF token. */
  readonly head?: string;
}

export function webPage(o: PageOptions): string {
  const script = o.script === undefined ? '' : `<script type="module" src="/assets/${o.script}"></script>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)} · Rollover</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/style.css">${o.head ?? ''}${script}</head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="site"><a href="/" class="brand">Rollover</a>
<nav aria-label="Site"><a href="/count">Count a file</a> <a href="/admin">Administration</a></nav></header>
<main id="main" tabindex="-1"><h1>${escapeHtml(o.title)}</h1>
${o.main}</main></body></html>
`;
}

/** A message the user must not miss (a refusal, an invalid form), announced by screen readers. */
export function alertBox(message: string): string {
  return `<div class="alert" role="alert"><p>${escapeHtml(message)}</p></div>`;
}

/** English ordinals, as a voter reads a ranking: 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
