/**
 * The RCTab part of the count page: a plain multipart form (config and CVR files, working without
 * JavaScript) whose problems are linked to the field to correct, and the counted contest: the same views
 * as any count, one per pass of a sequential contest, "Is it close?" (bounds for a single winner, what
 * the rounds tell for several seats), and RCTab's report files to download.
 */
import { escapeHtml } from '../../server/html.ts';
import type { ReportFile } from '../../formats/rctab/run.ts';
import { err, ok, type Result } from '../../result.ts';
import { countSection } from '../results/page.ts';
import { KEPT_MINUTES } from './report-store.ts';
import { closenessSection, rctabCloseness } from './rctab-closeness.ts';
import { seatCloseness } from './rctab-seat-closeness.ts';
import { reportCount } from './rctab-report.ts';
import { RCTAB_UPLOAD_BYTES, RCTAB_UPLOAD_FILES, type Refusal, type RctabField, type RctabUpload } from './rctab-upload.ts';

export type RctabOutcome = { readonly refusal: Refusal } | { readonly html: string };

const LABELS: Readonly<Record<RctabField, string>> = { config: 'Contest configuration', cvr: 'Cast vote record files' };

function described(field: RctabField, refusal: Refusal | undefined): string {
  const ids = [`rctab-${field}-hint`, ...(refusal?.field === field ? ['rctab-error'] : [])];
  return ` aria-describedby="${ids.join(' ')}"${refusal?.field === field ? ' aria-invalid="true"' : ''}`;
}

function refusalBox(r: Refusal): string {
  const fix = r.field === undefined ? '' : ` <a href="#rctab-${r.field}">Choose the ${LABELS[r.field].toLowerCase()} again</a>.`;
  return `<div class="alert" role="alert"><p id="rctab-error">${escapeHtml(r.message)}${fix}</p></div>`;
}

/** The answer opens at this form (the action's fragment), where a refusal is shown and the result follows. */
export function rctabForm(outcome: RctabOutcome | undefined): string {
  const refusal = outcome !== undefined && 'refusal' in outcome ? outcome.refusal : undefined;
  const mb = RCTAB_UPLOAD_BYTES / 1024 / 1024;
  return `<form method="post" action="/count/rctab#rctab-heading" enctype="multipart/form-data" class="card" aria-labelledby="rctab-heading">
<h2 id="rctab-heading">Count an RCTab contest</h2>
<p>Counts a contest configuration of RCTab (the Universal RCV Tabulator) with its cast vote records, by RCTab's rules as the configuration sets them, as <code>rollover count --rctab-config</code> does. Up to ${mb} MB and ${RCTAB_UPLOAD_FILES} files altogether; the files are deleted once counted.</p>
${refusal === undefined ? '' : refusalBox(refusal)}
<p><label for="rctab-config">${LABELS.config}</label><input type="file" id="rctab-config" name="config" accept=".json,application/json" required${described('config', refusal)}></p>
<p class="hint" id="rctab-config-hint">The configuration's JSON file, as RCTab saves it.</p>
<p><label for="rctab-cvr">${LABELS.cvr}</label><input type="file" id="rctab-cvr" name="cvr" multiple required${described('cvr', refusal)}></p>
<p class="hint" id="rctab-cvr-hint">Every file the configuration's CVR sources name, matched by file name (their folders do not matter). For a Dominion or Hart source, which is a folder, choose the files inside it.</p>
<p><button type="submit">Count the contest</button></p></form>`;
}

/** The contest's views, one section per detailed report (one per pass), and the report files to download. */
export async function rctabResult(upload: RctabUpload, key: string): Promise<Result<string, string>> {
  const main = upload.reports.map((f, i) => ({ ...f, index: i })).filter((f) => !f.name.includes('/') && /^detailed_report(_\d+)?\.json$/.test(f.name));
  const sections: string[] = [];
  for (const [n, report] of main.entries()) {
    const counted = reportCount(report.content, upload.mode);
    if (!counted.ok) return err(`${report.name}: ${counted.error}`);
    const title = main.length > 1 ? `${counted.value.contest}, pass ${n + 1}` : counted.value.contest;
    sections.push(await countSection(`rctab-${n + 1}`, title, counted.value.count));
    const winner = counted.value.count.winners[0];
    // The margin of victory is an IRV notion: one winner, one pass, searched on the ballots. Several seats
    // (or passes) get what the report's rounds tell, labelled for what it is.
    if (upload.mode === 'singleWinnerMajority') {
      if (winner !== undefined) sections.push(await rctabCloseness(upload.configPath, title, winner));
      continue;
    }
    const seats = seatCloseness({ mode: upload.mode, count: counted.value.count, ballots: counted.value.ballots, pass: n + 1 });
    if (seats !== undefined) sections.push(closenessSection(`close-rctab-${n + 1}`, title, seats));
  }
  return ok(`${sections.join('\n')}
<h2>RCTab's reports</h2>
<p>The files <code>rollover count --rctab-config</code> writes for this contest, kept here for ${KEPT_MINUTES} minutes.</p>
${downloads(upload.reports, key)}`);
}

function downloads(reports: readonly ReportFile[], key: string): string {
  const link = (f: ReportFile, i: number) => `<li><a href="/count/rctab/${escapeHtml(key)}/${i}" download="${escapeHtml(f.name.split('/').pop() ?? f.name)}">${escapeHtml(f.name)}</a></li>`;
  const top = reports.flatMap((f, i) => (f.name.includes('/') ? [] : [link(f, i)]));
  const slices = reports.flatMap((f, i) => (f.name.includes('/') ? [link(f, i)] : []));
  const more = slices.length === 0 ? '' : `<details><summary>By precinct or batch (${slices.length} files)</summary><ul>${slices.join('')}</ul></details>`;
  return `<ul class="downloads">${top.join('')}</ul>${more}`;
}
