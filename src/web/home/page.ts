/**
 * The home page: every election with the page a visitor needs now (the booth while voting, the result
 * once published), and the way in for administrators and for counting a ballot file.
 */
import type { Status } from '../../election/types.ts';
import { escapeHtml } from '../../server/html.ts';
import type { ElectionSummary } from '../../store/store.ts';
import { webPage } from '../layout.ts';
import { resultsPath, votePath } from '../links.ts';

function action(e: ElectionSummary): string {
  const next: Partial<Record<Status, string>> = {
    voting: `<a href="${votePath(e.id)}">Vote<span class="sr-only"> in ${escapeHtml(e.title)}</span></a>`,
    published: `<a href="${resultsPath(e.id)}">Result<span class="sr-only"> of ${escapeHtml(e.title)}</span></a>`,
  };
  return next[e.status] ?? '';
}

function electionRow(e: ElectionSummary): string {
  return `<tr><td>${escapeHtml(e.title)}</td><td><span class="status">${escapeHtml(e.status)}</span></td><td>${action(e)}</td></tr>`;
}

export function homePage(elections: readonly ElectionSummary[]): string {
  const table = elections.length === 0
    ? '<p>No elections yet.</p>'
    : `<table><caption>Elections</caption><thead><tr><th scope="col">Election</th><th scope="col">Status</th><th scope="col">Vote or result</th></tr></thead>
<tbody>${elections.map(electionRow).join('\n')}</tbody></table>`;
  return webPage({
    title: 'Elections',
    main: `${table}
<h2>Voting</h2><p>Follow the link in your credential email or scan the QR code on your ballot paper, or choose <em>Vote</em> above and enter the credential you were sent.</p>
<h2>Counting and running elections</h2><ul>
<li><a href="/count">Count a ballot file</a> (IRV, STV and more; the file is counted, not kept)</li>
<li><a href="/admin">Administration</a> for returning officers and scrutineers</li>
<li><a href="/api/docs">API documentation</a> for programs</li></ul>`,
  });
}
