/**
 * The rounds of RCTab's detailed report, as the page draws them (rctab-report.ts), read back as a count
 * result for the analysis: the multi-winner "Is it close?" panel works from the figures the page shows
 * and the report records, so that each of its numbers can be checked against that report by hand.
 */
import { Rational } from '../../count/arithmetic.ts';
import type { CandidateIndex } from '../../count/ballots.ts';
import type { CountResult, Round } from '../../count/types.ts';
import type { CountJson, RoundJson } from '../../formats/count-json.ts';

/** Candidates are numbered in the order the report's rounds first name them. */
export function reportRounds(count: CountJson): CountResult {
  const candidates = [...new Set([...count.rounds.flatMap((r) => Object.keys(r.tally)), ...count.winners])];
  const index = new Map(candidates.map((name, i) => [name, i]));
  const at = (name: string): CandidateIndex => index.get(name) as CandidateIndex;
  const round = (r: RoundJson): Round => ({
    round: r.round,
    tally: new Map(Object.entries(r.tally).map(([name, v]) => [at(name), exact(v)])),
    exhausted: exact(r.exhausted),
    loss: exact(r.loss),
    threshold: exact(r.threshold),
    elected: r.elected.map(at),
    excluded: r.excluded.map(at),
  });
  return {
    method: count.method, rules: count.rules, seats: count.seats, candidates, places: count.places,
    validVotes: exact(count.validVotes), winners: count.winners.map(at), rounds: count.rounds.map(round),
  };
}

/** The report's schema has checked every figure's form (rctab-report.ts), so parsing cannot fail here. */
function exact(text: string): Rational {
  const v = Rational.parse(text);
  if (v === undefined) throw new Error(`"${text}" passed the report schema but is not a decimal`);
  return v;
}
