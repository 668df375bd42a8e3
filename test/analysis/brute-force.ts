/**
 * An IRV margin found the slow, obvious way, to check the branch and bound against: try every way of
 * changing k ballots, k = 1, 2, …, recounting each changed election with the engine. The changed election
 * depends only on which ballots are taken (a multiset of the contest's rankings) and which rankings are
 * put in their place (a multiset of every possible ranking, the blank one included), so both are
 * enumerated as multisets. A segment's margin takes only ballots the segment holds (`changeable`, by index
 * into contest.ballots); the others stay as they are.
 */
import type { Ballot, CandidateIndex, Contest } from '../../src/count/ballots.ts';
import { groupBallots } from '../../src/count/ballots.ts';
import { count } from '../../src/count/index.ts';
import type { TieBreakOptions } from '../../src/count/types.ts';

/** Every ranking of the candidates: each ordered selection of 0..n of them. */
export function everyRanking(n: number): CandidateIndex[][] {
  const out: CandidateIndex[][] = [];
  const extend = (prefix: CandidateIndex[]): void => {
    out.push(prefix);
    for (let c = 0; c < n; c++) if (!prefix.includes(c)) extend([...prefix, c]);
  };
  extend([]);
  return out;
}

/** Multisets of size k over items with the given maximum multiplicities, as counts per item. */
function* multisets(limits: readonly number[], k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield limits.map(() => 0);
    return;
  }
  for (let i = from; i < limits.length; i++) {
    for (let take = 1; take <= Math.min(k, limits[i] ?? 0); take++) {
      for (const rest of multisets(limits, k - take, i + 1)) {
        rest[i] = take;
        yield rest;
      }
    }
  }
}

function winner(contest: Contest, ballots: Ballot[], tieBreak: TieBreakOptions): CandidateIndex | undefined {
  const result = count({ ...contest, ballots }, { method: 'irv', tieBreak });
  if (!result.ok) throw new Error(result.error);
  return result.value.winners[0];
}

/** The ballots a change may take (grouped) and those it must leave. */
function split(contest: Contest, changeable: (ballot: number) => boolean): { movable: Ballot[]; fixed: Ballot[] } {
  return {
    movable: groupBallots(contest.ballots.filter((_, i) => changeable(i))),
    fixed: contest.ballots.filter((_, i) => !changeable(i)),
  };
}

const everyBallot = (_ballot: number): boolean => true;

/** How many elections changing k ballots gives, to keep a test's enumeration affordable. */
export function enumerationSize(contest: Contest, k: number, changeable = everyBallot): number {
  const limits = split(contest, changeable).movable.map((b) => Number(b.weight));
  const takes = [...multisets(limits, k)].length;
  const rankings = everyRanking(contest.candidates.length).length;
  let puts = 1;
  for (let i = 0; i < k; i++) puts = (puts * (rankings + i)) / (i + 1);
  return takes * puts;
}

/** The fewest ballots whose change alters the winner, trying k = 1..maxK; undefined if none up to maxK. */
export function bruteForceMargin(contest: Contest, tieBreak: TieBreakOptions, maxK: number, changeable = everyBallot): number | undefined {
  const { movable, fixed } = split(contest, changeable);
  const original = winner(contest, [...fixed, ...movable], tieBreak);
  const rankings = everyRanking(contest.candidates.length);
  for (let k = 1; k <= maxK; k++) {
    for (const taken of multisets(movable.map((g) => Number(g.weight)), k)) {
      const left = movable.map((g, i) => ({ ranking: g.ranking, weight: g.weight - BigInt(taken[i] ?? 0) }));
      const kept = [...fixed, ...left.filter((g) => g.weight > 0n)];
      for (const put of multisets(rankings.map(() => k), k)) {
        const added = rankings.flatMap((ranking, i) => ((put[i] ?? 0) > 0 ? [{ ranking, weight: BigInt(put[i] ?? 0) }] : []));
        if (winner(contest, [...kept, ...added], tieBreak) !== original) return k;
      }
    }
  }
  return undefined;
}

/** Who wins once each change takes `count` ballots ranked `from` and ranks them `to` instead. */
export function winnerAfter(
  contest: Contest,
  changes: readonly { from: readonly CandidateIndex[]; to: readonly CandidateIndex[]; count: bigint }[],
  tieBreak: TieBreakOptions,
): CandidateIndex | undefined {
  const ballots = groupBallots(contest.ballots).map((b) => ({ ...b }));
  for (const change of changes) {
    let left = change.count;
    for (const b of ballots) {
      if (left === 0n || b.ranking.join() !== change.from.join()) continue;
      const n = b.weight < left ? b.weight : left;
      b.weight -= n;
      left -= n;
    }
    if (left !== 0n) throw new Error(`the witness takes more ballots ranked [${change.from.join()}] than there are`);
    ballots.push({ ranking: change.to, weight: change.count });
  }
  return winner(contest, ballots.filter((b) => b.weight > 0n), tieBreak);
}
