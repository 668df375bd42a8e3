/**
 * "Is it close? Which group decided it": the page at /results/segments. A ballot file with segment columns
 * (analysis/segments.ts) is posted as a plain form, and the page shows, for each group that may be
 * published (small ones pooled), the smallest swing that alters the winner in words, from the same
 * analysis as POST /api/analysis/segments. Works without JavaScript.
 */
import type { GroupSwingJson, SegmentAnalysis } from '../../server/routes/segment-analysis.ts';
import { escapeHtml } from '../../server/html.ts';
import { alertBox, webPage } from '../layout.ts';
import { whole } from '../../formats/figures.ts';

export interface SwingForm {
  readonly text?: string;
  readonly column?: string;
  readonly whatIf?: string;
}

function factorWords(f: NonNullable<GroupSwingJson['raise']>, direction: 'more' | 'fewer'): string {
  const value = f.factor.includes('/') ? `${f.factor} (about ${f.approximately})` : f.factor;
  const exactly = f.attained ? `at ${value} times` : `just ${direction === 'more' ? 'above' : 'below'} ${value} times (not at exactly that)`;
  return `Had its voters counted ${exactly} as much, ${f.winner} would have won.`;
}

/** The group's swings as sentences, smallest change first in kind: turnout, moved ballots, any re-ranking. */
export function swingWords(s: GroupSwingJson): string[] {
  const words: string[] = [];
  if (s.raise) words.push(factorWords(s.raise, 'more'));
  if (s.lower) words.push(factorWords(s.lower, 'fewer'));
  if (s.move) words.push(`Moving ${whole(s.move.ballots)} of its ${whole(s.move.of)} ballots from ${s.winner} to ${s.runnerUp ?? ''} would have elected ${s.move.winner}.`);
  const m = s.margin;
  if (m && m.ballots !== null) {
    const size = m.exact ? whole(m.ballots) : `at most ${whole(m.ballots)} (at least ${whole(m.lowerBound)})`;
    words.push(`Re-ranking ${size} of its ballots, and no fewer, could have elected ${m.newWinner}.`);
  } else if (m) {
    words.push(m.exact ? 'No re-ranking of its ballots alone could change the winner.' : `No re-ranking of its ballots found to change the winner (any would need at least ${whole(m.lowerBound)}).`);
  }
  if (s.marginSearch) words.push(`Exact margin of the group: ${s.marginSearch}.`);
  if (!s.altersWinner && words.length === 0) words.push('No change of its turnout or of its ballots alters the winner.');
  return words;
}

function group(title: string, ballots: number, s: GroupSwingJson): string {
  const items = swingWords(s).map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return `<h3>${escapeHtml(title)} (${whole(ballots)} ballots)</h3><ul class="swings">${items}</ul>`;
}

export function swingsPanel(a: SegmentAnalysis): string {
  const parts = [`<p class="margin"><strong>${escapeHtml(a.winner)} won with ${whole(a.ballots)} ballots.</strong></p>`];
  if (a.whatIf) {
    const w = a.whatIf;
    parts.push(`<p>What if ${escapeHtml(w.spec)}: ${escapeHtml(w.winners.join(', '))} ${w.changesWinner ? 'would have won instead' : 'as before'}.</p>`);
    parts.push(group('The ballots this changes', w.smallestSwing.ballots, w.smallestSwing));
  }
  if (a.segments) {
    const { column, privacyThreshold, swings } = a.segments;
    parts.push(`<p>Groups of fewer than ${privacyThreshold} ballots are pooled, so no small group can be singled out.</p>`);
    if (swings.length === 0) parts.push(`<p>Too few ballots to show any ${escapeHtml(column)} without revealing a small group.</p>`);
    for (const s of swings) parts.push(group(s.segment ?? `Other ${column} values, ${s.segments} pooled`, s.ballots, s));
  }
  if (a.computing) parts.push('<p>Some exact margins are still being computed: send the form again shortly to see them.</p>');
  return `<section class="closeness" aria-labelledby="close-swings"><h2 id="close-swings">Is it close? Which group decided it</h2>\n${parts.join('\n')}</section>`;
}

export function swingsPage(form: SwingForm, outcome?: { readonly html: string } | { readonly error: string }): string {
  const error = outcome && 'error' in outcome ? alertBox(outcome.error) : '';
  return webPage({
    title: 'Which group decided it?',
    main: `<p>Paste ballots as CSV with segment columns first (<code>segment:region,segment:class,rank1,rank2,…</code>, one ballot a row) and name a column to break down, a what-if change (<code>class=registered*2</code>, <code>-region=London</code>), or both. Instant runoff, one winner.</p>
${error}<form method="post" action="/results/segments" class="card">
<p><label for="swing-ballots">Ballots (CSV)</label><textarea id="swing-ballots" name="text" rows="8" required>${escapeHtml(form.text ?? '')}</textarea></p>
<p><label for="swing-column">Segment column</label><input id="swing-column" name="column" value="${escapeHtml(form.column ?? '')}" maxlength="100"></p>
<p><label for="swing-what-if">What if</label><input id="swing-what-if" name="whatIf" value="${escapeHtml(form.whatIf ?? '')}" maxlength="200"></p>
<p><button type="submit">Analyse</button></p></form>
${outcome && 'html' in outcome ? outcome.html : ''}`,
  });
}
