/**
 * The numbers a voter wrote beside the candidates, read into a ranking. The no-JavaScript ballot has one
 * menu per candidate (field `pref.CONTEST.INDEX`, INDEX the candidate's place on the ballot paper); the
 * enhanced ballot fills the same menus, so both reach the server in one form. A ranking must use each
 * number once and leave no gap, so the voter is asked to correct it rather than have it silently cut.
 */
import type { ElectionContest } from '../../election/types.ts';
import { ordinal } from '../layout.ts';

export type BallotPaperContest = Pick<ElectionContest, 'id' | 'title' | 'ballot' | 'maxRanks'>;

export interface ContestMarks {
  readonly contest: BallotPaperContest;
  /** The number written beside each candidate on the paper (undefined: left blank). */
  readonly numbers: readonly (number | undefined)[];
  /** Names, 1st preference first, when the numbers are a valid ranking. */
  readonly ranking: readonly string[];
  readonly problems: readonly string[];
}

export function prefField(contestId: string, index: number): string {
  return `pref.${contestId}.${index}`;
}

/** How many preferences the contest allows: every candidate, unless the rules cap the ranks. */
export function rankLimit(c: BallotPaperContest): number {
  return Math.min(c.maxRanks ?? Infinity, c.ballot?.length ?? 0);
}

function readNumber(text: string | undefined, limit: number): number | undefined | 'bad' {
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,4}$/.test(text)) return 'bad';
  const n = Number(text);
  return n >= 1 && n <= limit ? n : 'bad';
}

export function readMarks(c: BallotPaperContest, form: Readonly<Record<string, string | undefined>>): ContestMarks {
  const names = c.ballot ?? [];
  const limit = rankLimit(c);
  const problems: string[] = [];
  const numbers = names.map((name, i) => {
    const n = readNumber(form[prefField(c.id, i)], limit);
    if (n !== 'bad') return n;
    problems.push(`${name}: choose a number from 1 to ${limit}, or leave it blank`);
    return undefined;
  });
  const byRank = new Map<number, string[]>();
  numbers.forEach((n, i) => {
    if (n !== undefined) byRank.set(n, [...(byRank.get(n) ?? []), names[i] ?? '']);
  });
  for (const [rank, holders] of [...byRank].sort(([a], [b]) => a - b)) {
    if (holders.length > 1) problems.push(`${holders.join(' and ')} both have your ${ordinal(rank)} preference: give each number to one candidate only`);
  }
  const highest = Math.max(0, ...byRank.keys());
  for (let rank = 1; rank < highest; rank++) {
    if (!byRank.has(rank)) problems.push(`no candidate has your ${ordinal(rank)} preference, but a later one is used: number from 1 without gaps`);
  }
  const ranking = problems.length > 0 ? [] : Array.from({ length: highest }, (_, r) => byRank.get(r + 1)?.[0] ?? '');
  return { contest: c, numbers, ranking, problems };
}

/** The ranking in words, as the review page reads it back: "1st: Cat, 2nd: Ann". */
export function rankingInWords(ranking: readonly string[]): string {
  return ranking.length === 0 ? 'no preferences (a blank vote in this contest)' : ranking.map((name, i) => `${ordinal(i + 1)}: ${name}`).join(', ');
}
