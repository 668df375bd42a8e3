/**
 * Made-up but plausible data for the demo: a Labour-style leadership election with three elector classes,
 * from a seeded generator so the same seed gives the same roll, nominations and votes. First-preference
 * shares by class follow the published 2020 leadership result (../shared/data/labour/results.json);
 * everything else (names, later preferences, arrears, duplicates) is invented.
 */
import type { RandomBytes } from './credentials.ts';
import { csvField } from './csv.ts';
import { seededInt } from './seeded.ts';

export const DEMO_LEADER = ['Keir Starmer', 'Rebecca Long-Bailey', 'Lisa Nandy', 'Emily Thornberry'];
export const DEMO_DEPUTY = ['Angela Rayner', 'Rosena Allin-Khan', 'Richard Burgon', 'Ian Murray', 'Dawn Butler'];

/**
 * Nominations, 2020: MPs/MEPs as published, CLPs and affiliate totals for leader as published; the split of
 * affiliates into unions and societies and the deputy CLPs are invented.
 */
export const DEMO_NOMINATIONS: readonly { contest: string; candidate: string; plp: number; clp: number; unions: number; societies: number }[] = [
  { contest: 'leader', candidate: 'Keir Starmer', plp: 88, clp: 374, unions: 3, societies: 12 },
  { contest: 'leader', candidate: 'Rebecca Long-Bailey', plp: 33, clp: 164, unions: 3, societies: 4 },
  { contest: 'leader', candidate: 'Lisa Nandy', plp: 31, clp: 72, unions: 2, societies: 2 },
  // 31 CLPs is below 5% of 650 (33) and no affiliate nominated her, so she does not reach the ballot.
  { contest: 'leader', candidate: 'Emily Thornberry', plp: 23, clp: 31, unions: 0, societies: 0 },
  { contest: 'deputy', candidate: 'Angela Rayner', plp: 88, clp: 250, unions: 0, societies: 0 },
  { contest: 'deputy', candidate: 'Rosena Allin-Khan', plp: 23, clp: 60, unions: 0, societies: 0 },
  { contest: 'deputy', candidate: 'Richard Burgon', plp: 22, clp: 90, unions: 0, societies: 0 },
  { contest: 'deputy', candidate: 'Ian Murray', plp: 34, clp: 40, unions: 0, societies: 0 },
  { contest: 'deputy', candidate: 'Dawn Butler', plp: 29, clp: 35, unions: 0, societies: 0 },
];

const CLASSES = [
  // Share of the 2020 electorate per class (552,835 / 217,690 / 13,626 of 784,151), in parts per 10,000.
  { name: 'member', parts: 7050 },
  { name: 'affiliated_supporter', parts: 2776 },
  { name: 'registered_supporter', parts: 174 },
];

/** 2020 leader first preferences by class (Starmer, Long-Bailey, Nandy), as published. */
const LEADER_FIRST: Readonly<Record<string, readonly number[]>> = {
  member: [225135, 117598, 58788],
  affiliated_supporter: [40417, 16970, 18681],
  registered_supporter: [10228, 650, 2128],
};
/** 2020 deputy first preferences (all classes), as published. */
const DEPUTY_FIRST = [192168, 77351, 80053, 61179, 50255];

const REGIONS = ['London', 'North West', 'Yorkshire', 'Scotland', 'Wales', 'South East', 'Midlands'];
const GIVEN = ['Sam', 'Alex', 'Priya', 'Tom', 'Aisha', 'Owen', 'Niamh', 'Ravi', 'Grace', 'Ewan', 'Fatima', 'Joe'];
const FAMILY = ['Jones', 'Khan', 'Smith', 'Evans', 'Patel', 'Murphy', 'Brown', 'Taylor', 'Wilson', 'Ahmed', 'Roberts', 'Clarke'];

function pickWeighted(random: RandomBytes, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = seededInt(random, total);
  for (const [i, w] of weights.entries()) {
    if (x < w) return i;
    x -= w;
  }
  return weights.length - 1;
}

export interface DemoVoter {
  readonly id: string;
  readonly electorClass: string;
}

/** Every twentieth person on the demo roll has only a postal address. */
export function demoHasEmail(voterId: string): boolean {
  return Number(voterId.replace(/^\D+/, '')) % 20 !== 0;
}

/**
 * The roll as CSV: `voters` people, about 3% in arrears and 3% joined after the freeze (both ineligible),
 * and about 1% of members listed a second time as affiliated supporters (one vote, as members).
 */
export function demoRoll(voters: number, random: RandomBytes): { csv: string; voters: DemoVoter[] } {
  const lines = ['id,name,email,postal_address,class,joined,standing,region'];
  const people: DemoVoter[] = [];
  for (let i = 1; i <= voters; i++) {
    const cls = CLASSES[pickWeighted(random, CLASSES.map((c) => c.parts))]?.name ?? 'member';
    const name = `${GIVEN[seededInt(random, GIVEN.length)] ?? ''} ${FAMILY[seededInt(random, FAMILY.length)] ?? ''}`;
    const late = seededInt(random, 100) < 3;
    const arrears = seededInt(random, 100) < 3;
    const joined = late ? '2020-02-01' : `20${10 + seededInt(random, 10)}-0${1 + seededInt(random, 9)}-1${seededInt(random, 9)}`;
    const email = `voter${i}@example.org`;
    const hasEmail = demoHasEmail(`L${i}`);
    const postal = hasEmail ? '' : `${i} Demo Street, Demotown`;
    const region = REGIONS[seededInt(random, REGIONS.length)] ?? '';
    lines.push([`L${i}`, name, hasEmail ? email : '', postal, cls, joined, arrears ? 'arrears' : 'good', region].map(csvField).join(','));
    people.push({ id: `L${i}`, electorClass: cls });
    if (cls === 'member' && hasEmail && seededInt(random, 100) === 0) {
      lines.push([`AS${i}`, name, email, postal, 'affiliated_supporter', joined, 'good', region].map(csvField).join(','));
    }
  }
  return { csv: `${lines.join('\n')}\n`, voters: people };
}

/** A ranking: first preference by the class's published shares, then the others in random order, cut short at random. */
function ranking(random: RandomBytes, names: readonly string[], first: readonly number[]): string[] {
  const top = pickWeighted(random, first);
  const rest = names.filter((_, i) => i !== top);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = seededInt(random, i + 1);
    [rest[i], rest[j]] = [rest[j] ?? '', rest[i] ?? ''];
  }
  return [names[top] ?? '', ...rest.slice(0, seededInt(random, rest.length + 1))];
}

export function demoBallot(random: RandomBytes, electorClass: string): Record<string, string[]> {
  const leaderNames = DEMO_LEADER.slice(0, 3);
  return {
    leader: ranking(random, leaderNames, LEADER_FIRST[electorClass] ?? [1, 1, 1]),
    deputy: ranking(random, DEMO_DEPUTY, DEPUTY_FIRST),
  };
}
