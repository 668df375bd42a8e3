/**
 * A weighted electoral college: IRV over sections that each carry a fixed share of the whole.
 *
 * Source: the Labour Party's 2010 leadership rules, as reported with the result (see
 * ../shared/data/labour/results.json, contest "labour-leader-2010": "Electoral college, three equal
 * sections (MPs+MEPs; members; affiliates); transferable eliminating ballot (AV) within sections;
 * weighted totals"). Each section votes by preferential ballot; a candidate's score is
 *
 *     score(c) = 100 × Σ over sections s of  share(s) / Σ shares  ×  votes_s(c) / continuing_s
 *
 * where continuing_s is the section's votes not yet exhausted. Scores are percentages of the college,
 * held as exact rationals; reports show them to 2 places, as Labour published them. A candidate with
 * more than 50% wins; otherwise the lowest scorer is excluded in every section at once (ties broken as
 * in IRV, over the earlier rounds' scores) and their ballots move to the next continuing preference.
 *
 * Because each section is renormalised by its continuing votes, exhausted ballots do not lower anyone's
 * score. A round's `exhausted` is the share of the college whose section has no continuing vote left
 * (usually 0), so scores + exhausted = 100 in every round. `threshold` is 50: a winner needs MORE.
 */
import { Rational, sumRationals } from './arithmetic.ts';
import type { Ballot, CandidateIndex } from './ballots.ts';
import { BallotPiles, lowestCandidate, type Scores } from './irv.ts';
import type { CountResult, Round, TieBreakOptions, Transfer } from './types.ts';
import { DEFAULT_TIEBREAK } from './types.ts';

export interface CollegeSection {
  readonly name: string;
  /** The section's weight; shares are taken relative to their sum (1/3 each, or 1 each: the same). */
  readonly share: Rational;
  /** Ranked ballots without equal rankings. */
  readonly ballots: readonly Ballot[];
}

export interface College {
  readonly title: string;
  readonly candidates: readonly string[];
  readonly withdrawn: readonly CandidateIndex[];
  readonly sections: readonly CollegeSection[];
}

/** One section's own figures at the start of a round, in ballots. */
export interface SectionRound {
  readonly tally: ReadonlyMap<CandidateIndex, bigint>;
  readonly exhausted: bigint;
}

export interface SectionResult {
  readonly name: string;
  readonly share: Rational;
  readonly rounds: readonly SectionRound[];
}

export interface CollegeResult extends CountResult {
  /** Each section's ballots round by round, beside the college's percentages in `rounds`. */
  readonly sections: readonly SectionResult[];
}

const HUNDRED = Rational.of(100);
const MAJORITY = Rational.of(50);

/** Counts an electoral college. Shares must be positive; the college format validates them. */
export function countCollege(college: College, tieBreak: TieBreakOptions = DEFAULT_TIEBREAK): CollegeResult {
  const total = sumRationals(college.sections.map((s) => s.share));
  if (college.sections.length === 0 || !total.gt(Rational.ZERO)) throw new Error('a college needs sections with positive shares');
  const weights = college.sections.map((s) => s.share.div(total).mul(HUNDRED));
  const piles = college.sections.map((s) => new BallotPiles(s.ballots, college.candidates.length, college.withdrawn));
  const sectionRounds: SectionRound[][] = college.sections.map(() => []);
  const rounds: Round[] = [];
  for (;;) {
    const standing = piles[0]?.standing() ?? [];
    if (standing.length === 0) throw new Error('college count with no candidate standing');
    piles.forEach((p, s) => sectionRounds[s]?.push(sectionRound(p, standing)));
    const score = scores(piles, weights, standing);
    const exhausted = HUNDRED.sub(sumRationals(score.values()));
    const base = { round: rounds.length + 1, tally: score, exhausted, loss: Rational.ZERO, threshold: MAJORITY };
    const leader = standing.reduce((best, c) => (at(score, c).gt(at(score, best)) ? c : best));
    if (standing.length === 1 || at(score, leader).gt(MAJORITY)) {
      rounds.push({ ...base, elected: [leader], excluded: [] });
      break;
    }
    const byScore: Scores<Rational> = { of: (c) => at(score, c), cmp: (a, b) => a.cmp(b) };
    const choice = lowestCandidate(standing, byScore, rounds.map((r) => r.tally), college.candidates, tieBreak);
    for (const p of piles) p.exclude(choice.excluded);
    const transfer = scoreTransfer(choice.excluded, score, exhausted, scores(piles, weights, piles[0]?.standing() ?? []));
    rounds.push({ ...base, elected: [], excluded: choice.excluded, transfer, ...(choice.tieBreaks.length > 0 ? { tieBreaks: choice.tieBreaks } : {}) });
  }
  const winner = rounds[rounds.length - 1]?.elected[0];
  return {
    method: 'college',
    rules: 'college',
    seats: 1,
    candidates: college.candidates,
    places: 2,
    validVotes: HUNDRED,
    winners: winner === undefined ? [] : [winner],
    rounds,
    sections: college.sections.map((s, i) => ({ name: s.name, share: s.share, rounds: sectionRounds[i] ?? [] })),
  };
}

function at(score: ReadonlyMap<CandidateIndex, Rational>, c: CandidateIndex): Rational {
  return score.get(c) ?? Rational.ZERO;
}

function sectionRound(piles: BallotPiles, standing: readonly CandidateIndex[]): SectionRound {
  return { tally: new Map(standing.map((c) => [c, piles.votesOf(c)])), exhausted: piles.exhausted() };
}

/** Each standing candidate's percentage of the college; a section with no continuing vote adds nothing. */
function scores(piles: readonly BallotPiles[], weights: readonly Rational[], standing: readonly CandidateIndex[]): Map<CandidateIndex, Rational> {
  const score = new Map(standing.map((c) => [c, Rational.ZERO]));
  piles.forEach((p, s) => {
    const continuing = standing.reduce((sum, c) => sum + p.votesOf(c), 0n);
    const weight = weights[s];
    if (continuing === 0n || weight === undefined) return;
    for (const c of standing) score.set(c, at(score, c).add(weight.mul(Rational.of(p.votesOf(c), continuing))));
  });
  return score;
}

/**
 * The exclusion as a change of scores: what each candidate gained, and the share newly exhausted. A
 * section's continuing votes only shrink and a candidate's only grow, so no score falls.
 */
function scoreTransfer(
  from: readonly CandidateIndex[],
  before: ReadonlyMap<CandidateIndex, Rational>,
  exhaustedBefore: Rational,
  after: ReadonlyMap<CandidateIndex, Rational>,
): Transfer {
  const to = new Map<CandidateIndex, Rational>();
  for (const [c, v] of after) {
    const gain = v.sub(at(before, c));
    if (gain.gt(Rational.ZERO)) to.set(c, gain);
  }
  const exhaustedAfter = HUNDRED.sub(sumRationals(after.values()));
  return { kind: 'exclusion', from, to, exhausted: exhaustedAfter.sub(exhaustedBefore) };
}
