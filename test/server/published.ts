/**
 * A published IRV election worked by hand, for the analysis tests: Ann, Bob, Cat; 26 voters in three
 * elector classes (12 members, 11 supporters, 3 affiliates), every one voting.
 *
 *   11 × [Ann]   9 × [Bob, Ann]   6 × [Cat, Bob]
 *
 * Round 1: Ann 11, Bob 9, Cat 6 → Cat excluded, her 6 go to Bob. Round 2: Bob 15, Ann 11 → Bob wins.
 *
 * Margin: one changed ballot moves a tally by at most one, so it closes a gap by at most 2. Bob is
 * 3 ahead of Cat in round 1 and 4 ahead of Ann in round 2, so at least ⌈3/2⌉ = ⌈4/2⌉ = 2 ballots are
 * needed. Two suffice: 2 × [Bob, Ann] → [Cat] gives Ann 11, Bob 7, Cat 8; Bob is excluded, his 7 go to Ann,
 * who wins 18 to 8. So the margin is exactly 2, and the new winner is Ann (Cat cannot reach Ann with 2).
 * The last-round bound moves ⌊(15 − 11)/2⌋ + 1 = 3 ballots from Bob to Ann.
 */
import type { TestServer } from './helpers.ts';

export const HAND_WORKED: readonly (readonly string[])[] = [
  ...Array.from({ length: 11 }, () => ['Ann']),
  ...Array.from({ length: 9 }, () => ['Bob', 'Ann']),
  ...Array.from({ length: 6 }, () => ['Cat', 'Bob']),
];

const CLASSES = [...Array.from({ length: 12 }, () => 'member'), ...Array.from({ length: 11 }, () => 'supporter'), ...Array.from({ length: 3 }, () => 'affiliate')];

const CHAIR = { id: 'office', title: 'Chair', method: 'irv', seats: 1, candidates: [{ name: 'Ann' }, { name: 'Bob' }, { name: 'Cat' }] };

/**
 * Runs an election of one contest (by default the hand-worked chair) to `counted`, one voter per ballot,
 * classes as above unless given (voters past the last ballot do not vote); returns its id and a function
 * that publishes it.
 */
export async function countedElection(
  s: TestServer,
  contest: object = CHAIR,
  ballots: readonly (readonly string[])[] = HAND_WORKED,
  classes: readonly string[] = CLASSES,
): Promise<{ id: string; publish: () => Promise<void> }> {
  const spec = { title: 'Chair', eligibility: { classes: [...new Set(classes)] }, contests: [contest] };
  const created = await s.post('/api/elections', { spec });
  if (created.statusCode !== 201 && created.statusCode !== 200) throw new Error(`create: ${created.body}`);
  const id = created.json<{ id: string }>().id;
  const base = `/api/elections/${id}`;
  const step = async (url: string, body: unknown): Promise<unknown> => {
    const r = await s.post(`${base}${url}`, body);
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  await step('/transitions', { to: 'nominations' });
  const rows = classes.map((c, i) => `v${i + 1},Voter ${i + 1},v${i + 1}@example.org,,${c},2020-01-01,good`);
  await step('/roll', `id,name,email,postal_address,class,joined,standing\n${rows.join('\n')}\n`);
  const { credentials } = (await step('/credentials', {})) as { credentials: { voterId: string; credential: string }[] };
  // By voter id, not by place in the reply: with more voters than ballots, the first voters of the roll vote.
  const byVoter = new Map(credentials.map((c) => [c.voterId, c.credential]));
  await step('/transitions', { to: 'voting' });
  for (const [i, ranking] of ballots.entries()) await step('/votes', { credential: byVoter.get(`v${i + 1}`), rankings: { office: ranking } });
  await step('/transitions', { to: 'closed' });
  await step('/count', {});
  return { id, publish: async () => void (await step('/transitions', { to: 'published' })) };
}
