/**
 * The public results page of an election: for each contest the winners, every round as a table and as a
 * bar chart, the transfers as a Sankey diagram with the same transfers written out in words, exhausted
 * ballots; then turnout by elector class and the published files. Figures are the count's exact strings.
 */
import type { CountJson, RoundJson } from '../../formats/count-json.ts';
import { turnoutByClass, type ContestResult, type PublishedResult, type TurnoutRow } from '../../election/results.ts';
import { escapeHtml } from '../../server/html.ts';
import { webPage } from '../layout.ts';
import { roundBarChart, transferSankey } from './charts.ts';
import { DEFAULT_PRIVACY_THRESHOLD } from '../../analysis/breakdown.ts';
import { whole } from '../../formats/figures.ts';
import { closenessPanels } from './closeness.ts';

function outcome(r: RoundJson): string {
  const parts = [...r.elected.map((n) => `${n} elected`), ...r.excluded.map((n) => `${n} excluded`)];
  return parts.join('; ');
}

/** Candidates as rows and rounds as columns, as count sheets are printed; a dash once a candidate is out. */
function roundsTable(id: string, title: string, rounds: readonly RoundJson[]): string {
  const names = Object.keys(rounds[0]?.tally ?? {});
  const head = rounds.map((r) => `<th scope="col" class="num">Round ${r.round}</th>`).join('');
  const cell = (v: string | undefined) => `<td class="num">${v === undefined ? '–' : escapeHtml(v)}</td>`;
  const rows = names.map((n) => `<tr><th scope="row">${escapeHtml(n)}</th>${rounds.map((r) => cell(r.tally[n])).join('')}</tr>`);
  rows.push(`<tr><th scope="row">Exhausted</th>${rounds.map((r) => cell(r.exhausted)).join('')}</tr>`);
  rows.push(`<tr><th scope="row">Threshold</th>${rounds.map((r) => cell(r.threshold)).join('')}</tr>`);
  rows.push(`<tr><th scope="row">Outcome</th>${rounds.map((r) => `<td>${escapeHtml(outcome(r))}</td>`).join('')}</tr>`);
  return `<div class="table-wrap" tabindex="0" role="region" aria-labelledby="rounds-${escapeHtml(id)}">
<table class="rounds"><caption id="rounds-${escapeHtml(id)}">${escapeHtml(title)}: votes at each round</caption>
<thead><tr><th scope="col">Candidate</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

function transfersInWords(rounds: readonly RoundJson[]): string {
  const items = rounds.flatMap((r) => {
    const t = r.transfer;
    if (!t) return [];
    const to = Object.entries(t.to).filter(([, v]) => Number(v) !== 0).map(([n, v]) => `${v} to ${n}`);
    if (Number(t.exhausted) !== 0) to.push(`${t.exhausted} exhausted`);
    const what = t.kind === 'surplus' ? `surplus of ${t.from.join(', ')}` : `votes of ${t.from.join(', ')}`;
    return [`<li>After round ${r.round}, the ${escapeHtml(what)}: ${escapeHtml(to.join(', ') || 'none moved')}.</li>`];
  });
  return items.length === 0 ? '<p>No votes were transferred.</p>' : `<ul class="transfers">${items.join('\n')}</ul>`;
}

function summary(count: CountJson): string {
  const quota = count.quota === undefined ? '' : `, quota ${escapeHtml(count.quota)}`;
  const rules = count.rules === count.method ? '' : ` (${escapeHtml(count.rules)} rules)`;
  return `<p>${escapeHtml(count.method.toUpperCase())}${rules}, ${count.seats} seat${count.seats === 1 ? '' : 's'}: valid votes ${escapeHtml(count.validVotes)}${quota}.</p>`;
}

/** One counted contest: winners, rounds as a table and as bar charts, transfers as a Sankey diagram and in words. */
export async function countSection(id: string, title: string, count: CountJson, after = ''): Promise<string> {
  const rounds = count.rounds;
  const bars = await Promise.all(rounds.map(async (r) => `<figure class="chart bar" aria-describedby="rounds-${escapeHtml(id)}">${await roundBarChart(r, title)}
<figcaption>Round ${r.round}: votes per candidate${outcome(r) === '' ? '' : ` (${escapeHtml(outcome(r))})`}; the figures are in the table above.</figcaption></figure>`));
  const sankey = await transferSankey(rounds, title);
  const winners = count.winners.map(escapeHtml).join(', ');
  return `<section aria-labelledby="contest-${escapeHtml(id)}"><h2 id="contest-${escapeHtml(id)}">${escapeHtml(title)}</h2>
<p class="winners">Elected: <strong>${winners || 'no one'}</strong></p>
${summary(count)}
${roundsTable(id, title, rounds)}
<h3>Each round as a chart</h3>
${bars.join('\n')}
<h3>Transfers between rounds</h3>
${sankey === undefined ? '' : `<figure class="chart sankey" tabindex="0" aria-label="${escapeHtml(title)}: transfers between rounds (scrolls sideways)">${sankey}<figcaption>Bands show votes moving between rounds; grey is exhausted ballots.</figcaption></figure>`}
${transfersInWords(rounds)}
${after}</section>`;
}

function contestSection(c: ContestResult): Promise<string> {
  return countSection(c.id, c.title, c.count, `<p><a href="${escapeHtml(c.ballotFile)}">Download the ballots of this contest (BLT)</a></p>`);
}

/**
 * Turnout by elector class with classes of fewer voters than the privacy threshold pooled, as the analysis
 * API shows it: a class of a few voters, next to the count, would narrow down how they voted.
 */
function turnoutTable(published: readonly TurnoutRow[]): string {
  const threshold = Number(DEFAULT_PRIVACY_THRESHOLD);
  const rows = turnoutByClass(published, threshold);
  if (rows.length === 0) return '<p>Too few voters to show turnout by class without revealing small groups.</p>';
  const body = rows.map((r) => `<tr><th scope="row">${escapeHtml(r.electorClass.replaceAll('_', ' '))}</th><td class="num">${whole(r.eligible)}</td><td class="num">${whole(r.voted)}</td><td class="num">${escapeHtml(r.percent)}%</td></tr>`);
  return `<p>Classes with fewer than ${threshold} voters are pooled, so no small group can be singled out.</p>
<table class="turnout"><caption>Turnout by elector class (small classes pooled)</caption>
<thead><tr><th scope="col">Class</th><th scope="col" class="num">Eligible</th><th scope="col" class="num">Voted</th><th scope="col" class="num">Turnout</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table>`;
}

/** `fileUrl` turns a published file's name into its download address; `ballots` (contest id → BLT) feed the closeness panel. */
export async function resultsPage(r: PublishedResult, files: readonly string[], fileUrl: (name: string) => string, ballots: Readonly<Record<string, string>> = {}): Promise<string> {
  const sections = await Promise.all(r.contests.map((c) => contestSection({ ...c, ballotFile: fileUrl(c.ballotFile) })));
  const downloads = files.map((f) => `<li><a href="${escapeHtml(fileUrl(f))}" download>${escapeHtml(f)}</a></li>`).join('');
  return webPage({
    title: `Result: ${r.election.title}`,
    main: `${sections.join('\n')}
${await closenessPanels(r, ballots)}
<h2>Turnout</h2>${turnoutTable(r.turnout)}
<h2>Downloads</h2><ul>${downloads}</ul>`,
  });
}
