/**
 * HTML escaping for every page, and the API documentation page: plain, accessible markup (landmarks, a
 * table with headers, real links). The pages people use are the web app's (src/web).
 */
import type { RouteSpec } from './route.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}
code{background:#f3f3f3;padding:0 .2rem}a{color:#0645ad}</style></head>
<body><header><p><a href="/">Rollover</a> · <a href="/api/docs">API documentation</a></p></header>
<main><h1>${escapeHtml(title)}</h1>${main}</main></body></html>
`;
}

export function docsPage(routes: readonly RouteSpec<unknown, unknown, unknown>[]): string {
  const rows = routes
    .map((r) => `<tr><td><code>${r.method}</code></td><td><code>${escapeHtml(r.url)}</code></td><td>${escapeHtml(r.access)}</td><td>${escapeHtml(r.summary)}</td></tr>`)
    .join('\n');
  return page('Rollover API', `<p>The machine-readable description is the <a href="/api/docs/openapi.json">OpenAPI document</a>.
Errors are JSON <code>{"error": "…"}</code> with a 4xx status. Requests that change anything need an administrator session
cookie and the <code>x-csrf-token</code> header returned by <code>POST /api/login</code>.</p>
<table><caption>Endpoints</caption><thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Access</th><th scope="col">What it does</th></tr></thead>
<tbody>${rows}</tbody></table>`);
}
