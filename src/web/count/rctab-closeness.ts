/**
 * "Is it close?" for an uploaded single-winner RCTab contest (multi-winner ones: rctab-seat-closeness.ts):
 * the bounds on the margin of victory that the rounds give at once (analysis/irv-bounds.ts), on the
 * contest's ballots read with RCTab's ballot rules (analysis/rctab-contest.ts, as `rollover analyze
 * --rctab-config` reads them). The exact margin's search can take minutes on a real contest, too long for
 * a page, so the panel names the command that runs it.
 */
import { basename, dirname } from 'node:path';
import { totalWeight } from '../../count/ballots.ts';
import { whole } from '../../formats/figures.ts';
import { escapeHtml } from '../../server/html.ts';
import { describeInputError } from '../../result.ts';

/** The panel, headed "Is it close?" and the contest's (or pass's) title; `id` is its heading's. */
export function closenessSection(id: string, title: string, body: string): string {
  return `<section class="closeness" aria-labelledby="${id}"><h2 id="${id}">Is it close? ${escapeHtml(title)}</h2>
${body}</section>`;
}

/** `configPath` is the contest's config on disk, beside its CVR files; `winner` is RCTab's. */
export async function rctabCloseness(configPath: string, title: string, winner: string): Promise<string> {
  const { readRctabContest } = await import('../../analysis/rctab-contest.ts');
  const { cheapIrvBounds } = await import('../../analysis/irv-margin.ts');
  const { changedBallots } = await import('../../analysis/witness.ts');
  const panel = (body: string) => closenessSection('close-rctab', title, `${body}
<p>The exact margin, with the ballots to change, takes longer to find: <code>rollover analyze --rctab-config ${escapeHtml(basename(configPath))} --margin</code>.</p>`);
  const contest = await readRctabContest(configPath);
  // Named as uploaded: the temporary folder's path would only confuse.
  if (!contest.ok) return panel(`<p>No margin for this contest: ${escapeHtml(describeInputError(contest.error).replaceAll(`${dirname(configPath)}/`, ''))}.</p>`);
  const bounds = cheapIrvBounds(contest.value);
  if (!bounds.ok) return panel(`<p>No margin for this contest: ${escapeHtml(bounds.error)}.</p>`);
  const elected = contest.value.candidates[bounds.value.winner];
  // The bounds come from a count with Rollover's IRV tie-breaks; they speak of RCTab's result only if it is the same.
  if (elected !== winner) return panel(`<p>No bounds for this contest: counted with Rollover's IRV tie-breaks it elects ${escapeHtml(elected ?? '')}, not ${escapeHtml(winner)}.</p>`);
  const ballots = whole(totalWeight(contest.value.ballots));
  const upper = bounds.value.upper === undefined ? '' : `, and changing ${whole(changedBallots(bounds.value.upper))} (moving ballots from the winner to the runner-up in the last round) would`;
  return panel(`<p class="margin"><strong>From the rounds alone: electing someone else needs at least ${whole(bounds.value.lower)} of ${ballots} ballots changed${upper}.</strong></p>`);
}
