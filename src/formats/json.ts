/**
 * Rollover's native contest JSON, for hand-made contests and the service's exports:
 *
 *   { "title": "Board 2026", "candidates": ["Ann", "Bob", "Cy"], "seats": 1, "withdrawn": ["Cy"],
 *     "tieOrder": ["Bob", "Cy", "Ann"],
 *     "ballots": [ { "ranking": ["Ann", "Bob"], "count": 3 }, { "ranking": [["Ann", "Bob"], "Cy"] } ] }
 *
 * A ranking lists candidate names, first preference first; an inner array is a rank of candidates ranked
 * equal. `count` (default 1) is how many identical ballots the entry stands for: a whole number, or a
 * string of digits when it is too large for a JSON number to hold exactly. `seats` defaults to 1.
`tieOrder` (optional) lists every candidate once: the order declared for breaking ties, as BLT's `[tie …]`
(Contest.tieOrder), so a contest converted from BLT keeps it.
 */
import { z } from 'zod';
import { rankGroups, type CandidateIndex, type Contest } from '../count/ballots.ts';
import { err, inputError, ok, type InputError, type Result } from '../result.ts';
import { BallotGroups } from './groups.ts';

const Count = z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9]\d*$/, 'a whole number above 0')]);

const ContestJson = z.strictObject({
  title: z.string(),
  candidates: z.array(z.string().min(1)).min(1),
  seats: z.number().int().positive().default(1),
  withdrawn: z.array(z.string()).default([]),
  tieOrder: z.array(z.string()).optional(),
  ballots: z.array(
    z.strictObject({
      ranking: z.array(z.union([z.string(), z.array(z.string()).min(1)])),
      count: Count.default(1),
    }),
  ),
});

type ContestJsonValue = z.infer<typeof ContestJson>;

export function parseContestJson(text: string, file: string): Result<Contest, InputError> {
  if (text.trim() === '') return err(inputError('empty file: expected a contest as a JSON object', { file, line: 1 }));
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    return err(syntaxError(text, file, e));
  }
  const parsed = ContestJson.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const record = issue ? recordOf(issue.path) : undefined;
    return err(inputError(issue?.message ?? 'not a contest', { file, ...(record ? { record } : {}) }));
  }
  return toContest(parsed.data, file);
}

/** People need the line of a syntax error; JSON.parse does not always say where (Node 20). */
function syntaxError(text: string, file: string, e: unknown): InputError {
  const message = `not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  const line = text.slice(0, firstBadOffset(text)).split('\n').length;
  return inputError(message, { file, line });
}

/**
 * Where the text stops being the start of some valid JSON: the shortest prefix that fails for a reason
 * other than ending early. Every longer prefix fails too, so a binary search finds it. Only runs on the
 * error path.
 */
function firstBadOffset(text: string): number {
  if (!brokenBeforeEnd(text)) return text.length;
  let valid = 0;
  let broken = text.length;
  while (broken - valid > 1) {
    const mid = (valid + broken) >>> 1;
    if (brokenBeforeEnd(text.slice(0, mid))) broken = mid;
    else valid = mid;
  }
  return broken - 1;
}

function brokenBeforeEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (message.includes('end of JSON input')) return false;
    const position = /at position (\d+)/.exec(message)?.[1];
    return position === undefined || Number(position) < prefix.length;
  }
}

function recordOf(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('');
}

function toContest(json: ContestJsonValue, file: string): Result<Contest, InputError> {
  const index = new Map<string, CandidateIndex>();
  for (const [i, name] of json.candidates.entries()) {
    if (index.has(name)) return err(inputError(`candidate "${name}" is listed twice`, { file, record: `candidates[${i}]` }));
    index.set(name, i);
  }
  if (json.seats > json.candidates.length) {
    return err(inputError(`${json.seats} seats for ${json.candidates.length} candidates`, { file, record: 'seats' }));
  }
  const withdrawn: CandidateIndex[] = [];
  for (const [i, name] of json.withdrawn.entries()) {
    const c = index.get(name);
    if (c === undefined) return err(inputError(`withdrawn candidate "${name}" is not among the candidates`, { file, record: `withdrawn[${i}]` }));
    if (!withdrawn.includes(c)) withdrawn.push(c);
  }
  const tieOrder = json.tieOrder === undefined ? undefined : readTieOrder(json.tieOrder, index, file);
  if (tieOrder?.ok === false) return tieOrder;
  const groups = new BallotGroups();
  for (const [i, ballot] of json.ballots.entries()) {
    const problem = addBallot(groups, ballot, index);
    if (problem !== undefined) return err(inputError(problem.message, { file, record: `ballots[${i}]${problem.at}` }));
  }
  const contest = { title: json.title, candidates: json.candidates, withdrawn: withdrawn.sort((a, b) => a - b), seats: json.seats, ballots: groups.ballots() };
  return ok(tieOrder === undefined ? contest : { ...contest, tieOrder: tieOrder.value });
}

/** Complete, as BLT's [tie] must be (Droop's rule): every tie the count may meet then has an answer. */
function readTieOrder(names: readonly string[], index: ReadonlyMap<string, CandidateIndex>, file: string): Result<CandidateIndex[], InputError> {
  const order: CandidateIndex[] = [];
  for (const [i, name] of names.entries()) {
    const c = index.get(name);
    const record = `tieOrder[${i}]`;
    if (c === undefined) return err(inputError(`tie order candidate "${name}" is not among the candidates`, { file, record }));
    if (order.includes(c)) return err(inputError(`tie order lists "${name}" twice: it must list each of the ${index.size} candidates once`, { file, record }));
    order.push(c);
  }
  if (order.length !== index.size) return err(inputError(`tie order lists ${order.length} candidates: it must list each of the ${index.size} once`, { file, record: 'tieOrder' }));
  return ok(order);
}

function addBallot(
  groups: BallotGroups,
  ballot: ContestJsonValue['ballots'][number],
  index: ReadonlyMap<string, CandidateIndex>,
): { message: string; at: string } | undefined {
  const ranking: CandidateIndex[] = [];
  const tied: number[] = [];
  for (const [r, rank] of ballot.ranking.entries()) {
    const names = typeof rank === 'string' ? [rank] : rank;
    for (const [j, name] of names.entries()) {
      const c = index.get(name);
      if (c === undefined) return { message: `unknown candidate "${name}"`, at: `.ranking[${r}]` };
      if (ranking.includes(c)) return { message: `candidate "${name}" appears twice on one ballot`, at: `.ranking[${r}]` };
      if (j > 0) tied.push(ranking.length);
      ranking.push(c);
    }
  }
  groups.add(ranking, tied, BigInt(ballot.count));
  return undefined;
}

/** The contest as native JSON, ballot groups with their counts; parseContestJson reads it back. */
export function writeContestJson(contest: Contest): string {
  const name = (c: CandidateIndex): string => {
    const found = contest.candidates[c];
    if (found === undefined) throw new Error(`bug: ballot ranks candidate ${c} of ${contest.candidates.length}`);
    return found;
  };
  const ballots = contest.ballots.map((b) => {
    const ranks = rankGroups(b).map((rank) => rank.map(name));
    const count = b.weight <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b.weight) : b.weight.toString();
    return { ranking: ranks.map((rank) => (rank.length === 1 ? rank[0] : rank)), count };
  });
  const json = {
    title: contest.title,
    candidates: contest.candidates,
    seats: contest.seats,
    ...(contest.withdrawn.length > 0 ? { withdrawn: contest.withdrawn.map(name) } : {}),
    ...(contest.tieOrder ? { tieOrder: contest.tieOrder.map(name) } : {}),
    ballots,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
