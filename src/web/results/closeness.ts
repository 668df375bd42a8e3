/**
 * The "Is it close?" panel of the results page, one per contest: the margin of victory in words, the
 * bounds known before the search and the witness.
 * Rendered on the server from the same analysis the API returns (server/routes/analysis.ts).
 */
import { Rational } from '../../count/arithmetic.ts';
import { whole } from '../../formats/figures.ts';
import type { PublishedResult } from '../../election/results.ts';
import { escapeHtml } from '../../server/html.ts';
import { AnalysisQuery, analyseContest, type ChangeJson, type ContestAnalysis, type MarginJson } from '../../server/routes/analysis.ts';

/** Percentage to one decimal place, truncated, as turnout is shown. */
function percentOf(n: number, total: number): string {
  return total === 0 ? '0.0' : Rational.of(n * 100, total).toFixed(1);
}

/** "Changing 127 of 8,980 ballots (1.4%) could have elected Kurt Wright instead." */
export function marginInWords(margin: MarginJson, ballots: number): string {
  const share = `${whole(margin.ballots)} of ${whole(ballots)} ballots (${percentOf(margin.ballots, ballots)}%)`;
  if (margin.kind === 'stv-estimate') {
    return `Moving about ${share} from ${margin.lastElected} to ${margin.runnerUp} could have given the last seat to ${margin.runnerUp} instead (an estimate from round ${margin.round}, where they were ${margin.gap} votes apart).`;
  }
  const bound = margin.exact ? '' : ` The search was stopped: the true margin is between ${whole(margin.lowerBound)} and ${whole(margin.ballots)} ballots.`;
  return `Changing ${margin.exact ? '' : 'at most '}${share} could have elected ${margin.newWinner} instead.${bound}`;
}

function ranking(names: readonly string[]): string {
  return names.length === 0 ? '(blank)' : names.join(' → ');
}

function witnessList(witness: readonly ChangeJson[]): string {
  if (witness.length === 0) return '';
  const items = witness.map((c) => `<li>${whole(c.count)} ballot${c.count === 1 ? '' : 's'} ranked ${escapeHtml(ranking(c.from))} changed to ${escapeHtml(ranking(c.to))}</li>`);
  return `<p>One way to do it (a recount with these changes confirms it):</p><ul class="witness">${items.join('')}</ul>`;
}

function boundsLine(a: ContestAnalysis): string {
  if (!a.bounds) return '';
  const upper = a.bounds.upper === undefined ? '' : ` and at most ${whole(a.bounds.upper)} (moving ballots from the winner to the runner-up in the last round)`;
  return `<p>From the rounds alone: at least ${whole(a.bounds.lower)} ballots${upper}.</p>`;
}

/** One contest's panel: the margin in words, or why there is none yet, then the bounds and the witness. */
export function closenessPanel(a: ContestAnalysis): string {
  const id = escapeHtml(a.contest);
  const words = a.margin !== undefined
    ? `<p class="margin"><strong>${escapeHtml(marginInWords(a.margin, a.ballots))}</strong></p>`
    : a.computing
      ? '<p class="margin">The exact margin is still being computed; the bounds below already hold. Reload the page shortly to see it.</p>'
      : `<p>No margin for this contest: ${escapeHtml(a.noMargin ?? '')}.</p>`;
  const witness = a.margin?.kind === 'irv' ? witnessList(a.margin.witness) : '';
  return `<section class="closeness" aria-labelledby="close-${id}"><h3 id="close-${id}">Is it close? ${escapeHtml(a.title)}</h3>
${words}
${boundsLine(a)}
${witness}</section>`;
}

/** How long the page waits for an exact margin before showing the bounds with "still being computed". */
const PAGE_WAIT_SECONDS = 5;

/**
 * Every contest's panel; nothing without the contests' ballots. A contest the
 * analysis cannot read says so rather than hiding the page.
 */
export async function closenessPanels(r: PublishedResult, ballots: Readonly<Record<string, string>>): Promise<string> {
  const options = AnalysisQuery.parse({ wait: PAGE_WAIT_SECONDS });
  const contests = r.contests.filter((c) => ballots[c.id] !== undefined);
  if (contests.length === 0) return '';
  const analyses = await Promise.all(contests.map((c) => analyseContest(r, ballots[c.id] ?? '', c.id, options)));
  const panels = analyses.map((a, i) => (a.ok ? closenessPanel(a.value) : `<section class="closeness"><h3>Is it close? ${escapeHtml(contests[i]?.title ?? '')}</h3><p>${escapeHtml(a.error.message)}</p></section>`));
  // The published ballots carry no voter's class (the ballot is secret), so which group decided it is
  // answered only for ballot files that do: say where.
  const groups = '<p>Which group decided it cannot be told from published ballots: they are not linked to voters. A ballot file with segment columns can be <a href="/results/segments">analysed by group</a>.</p>';
  return `<h2>Is it close?</h2>\n${panels.join('\n')}\n${groups}`;
}
