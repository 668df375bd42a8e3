// Labour Party leadership 2010: an electoral college of three equal sections (MPs and MEPs, members,
// affiliates), counted by AV within each section over weighted percentages. The published figures are in
// ../shared/data/labour/results.json ("labour-leader-2010"). No ballots were ever published, so this test
// builds ballots that reproduce the published figures and checks that the count gives every published
// round back, each figure within half a unit of the last decimal place it was published to.
//
// Construction. First preferences are the published round-1 votes of each section (votes_by_section).
// Nobody's ballot moves in a way the published rounds could see, except those of Abbott, Burnham and
// Balls (excluded in that order). Their later preferences are in LATER below: each row is a ranking and
// how many ballots carry it; the rest of a candidate's first preferences rank nobody else and exhaust.
// The row counts were found by a numerical search (least squares, then integer steps) for counts that
// meet every published figure of rounds 2-4: the weighted percentages, and for the final round the MPs'
// votes (exact), the members' and affiliates' percentages and the affiliates' weighted points. They are
// one solution among many, not the real ballots. For example, the MPs' final round:
//   David Miliband 111 + 1 (DA AB DM) + 12 (AB DM) + 3 (AB EB DM) + 13 (EB DM) = 140, as published;
//   Ed Miliband 84 + 3 (DA EM) + 2 (DA AB EM) + 1 (DA EB EM) + 6 (AB EM) + 2 (AB EB EM) + 24 (EB EM) = 122.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Rational } from '../../src/count/arithmetic.ts';
import { countCollege, type CollegeResult } from '../../src/count/college.ts';
import { parseCollegeJson } from '../../src/formats/college.ts';
import { describeInputError } from '../../src/result.ts';

const file = fileURLToPath(new URL('../../../shared/data/labour/results.json', import.meta.url));
const skip = existsSync(file) ? false : 'shared data absent: ../shared/data/labour/results.json not found';

const INITIALS: Record<string, string> = {
  DM: 'David Miliband',
  EM: 'Ed Miliband',
  EB: 'Ed Balls',
  AB: 'Andy Burnham',
  DA: 'Diane Abbott',
};

const SECTIONS = ['mps_meps', 'members', 'affiliates'] as const;
type SectionKey = (typeof SECTIONS)[number];

const LATER: Record<SectionKey, readonly (readonly [string, number])[]> = {
  mps_meps: [
    ['DA EM', 3], ['DA AB DM', 1], ['DA AB EM', 2], ['DA EB EM', 1],
    ['AB DM', 12], ['AB EM', 6], ['AB EB DM', 3], ['AB EB EM', 2],
    ['EB DM', 13], ['EB EM', 24],
  ],
  members: [
    ['DA DM', 717], ['DA EM', 3147], ['DA AB DM', 311], ['DA AB EM', 454], ['DA AB', 540],
    ['DA EB DM', 2184], ['DA EB EM', 642], ['DA EB', 641],
    ['AB DM', 1402], ['AB EM', 3420], ['AB EB DM', 953], ['AB EB EM', 2612], ['AB EB', 709],
    ['EB DM', 4421], ['EB EM', 7021],
  ],
  affiliates: [
    ['DA DM', 2658], ['DA EM', 7747], ['DA AB DM', 2540], ['DA AB EM', 1950], ['DA AB', 990],
    ['DA EB DM', 301], ['DA EB EM', 658], ['DA EB', 175],
    ['AB DM', 4203], ['AB EM', 4468], ['AB EB DM', 1785], ['AB EB EM', 2371], ['AB EB', 944],
    ['EB DM', 6338], ['EB EM', 8108],
  ],
};

// Published figures are kept as the text they were written in, so that "13.2" keeps its one place.
const Figures = z.record(z.string(), z.string());
const Round = z.object({
  round: z.string(),
  weighted_pct: Figures,
  weighted_points_by_section: z.record(z.string(), Figures).optional(),
  votes_by_section: z.record(z.string(), z.record(z.string(), z.object({ value: z.string() }))).optional(),
  by_section: z.union([z.string(), z.record(z.string(), Figures)]).optional(),
  eliminated: z.string().optional(),
  elected: z.string().optional(),
});
const Labour2010 = z.object({ id: z.literal('labour-leader-2010'), candidates: z.array(z.string()), rounds: z.array(Round) });
type Published = z.infer<typeof Labour2010>;

function published(): Published {
  const text = readFileSync(file, 'utf8').replace(/(:\s*)(-?\d+(?:\.\d+)?)(?=\s*[,}\]\n])/g, '$1"$2"');
  const all = z.object({ contests: z.array(z.looseObject({ id: z.string() })) }).parse(JSON.parse(text));
  return Labour2010.parse(all.contests.find((c) => c.id === 'labour-leader-2010'));
}

function names(initials: string): string[] {
  return initials.split(' ').map((i) => INITIALS[i] ?? i);
}

/** The college JSON: published first preferences, LATER's rows, and the rest of each first preference. */
function collegeJson(p: Published): string {
  const first = p.rounds[0]?.votes_by_section ?? {};
  const sections = SECTIONS.map((key) => {
    const votes = first[key] ?? {};
    const alone = Object.entries(votes).map(([name, v]) => {
      const onward = LATER[key].filter(([r]) => names(r)[0] === name);
      const rest = BigInt(v.value) - onward.reduce((s, [, n]) => s + BigInt(n), 0n);
      assert.ok(rest >= 0n, `${key}: more later preferences than ${name}'s first preferences`);
      return { ranking: [name], count: rest };
    });
    const later = LATER[key].map(([r, n]) => ({ ranking: names(r), count: BigInt(n) }));
    const ballots = [...alone, ...later].filter((b) => b.count > 0n).map((b) => ({ ranking: b.ranking, count: b.count.toString() }));
    return { name: key, share: '1/3', ballots };
  });
  return JSON.stringify({ title: 'Labour leader 2010', candidates: p.candidates, sections });
}

/** The count's value is within `units` (default half) of a unit in the published figure's last place. */
function assertPublished(actual: Rational, figure: string | undefined, what: string, units = Rational.of(1n, 2n)): void {
  assert.ok(figure !== undefined, `${what}: no published figure`);
  const places = figure.split('.')[1]?.length ?? 0;
  const halfUnit = units.div(Rational.of(10n ** BigInt(places)));
  const value = Rational.parse(figure) ?? Rational.ZERO;
  const gap = actual.sub(value);
  const off = gap.num < 0n ? gap.neg() : gap;
  assert.ok(!off.gt(halfUnit), `${what}: counted ${actual.toFixed(places + 3)}, published ${figure}`);
}

function count(p: Published): CollegeResult {
  const parsed = parseCollegeJson(collegeJson(p), 'labour-2010 (built)');
  if (!parsed.ok) throw new Error(describeInputError(parsed.error));
  return countCollege(parsed.value);
}

/** A section's percentage for each candidate in a round, from its own ballot tallies. */
function sectionPct(r: CollegeResult, key: SectionKey, round: number): Map<string, Rational> {
  const tally = r.sections.find((s) => s.name === key)?.rounds[round]?.tally ?? new Map<number, bigint>();
  const total = [...tally.values()].reduce((a, b) => a + b, 0n);
  return new Map([...tally].map(([c, v]) => [r.candidates[c] ?? '?', Rational.of(v * 100n, total)]));
}

test('Labour 2010 college: all four published rounds come back from ballots built to match', { skip }, () => {
  const p = published();
  const r = count(p);
  assert.equal(r.rounds.length, 4);
  for (const [i, pub] of p.rounds.entries()) {
    const round = r.rounds[i];
    assert.ok(round, `round ${pub.round} missing`);
    const tally = new Map([...round.tally].map(([c, v]) => [r.candidates[c] ?? '?', v]));
    assert.deepEqual([...tally.keys()].sort(), Object.keys(pub.weighted_pct).sort(), `round ${pub.round} candidates`);
    for (const [name, figure] of Object.entries(pub.weighted_pct)) {
      assertPublished(tally.get(name) ?? Rational.ZERO, figure, `round ${pub.round} ${name}`);
    }
    const excluded = round.excluded.map((c) => r.candidates[c]);
    assert.deepEqual(excluded, pub.eliminated === undefined ? [] : [pub.eliminated], `round ${pub.round} excluded`);
    assert.deepEqual(round.elected.map((c) => r.candidates[c]), pub.elected === undefined ? [] : [pub.elected]);
  }
  assert.deepEqual(r.winners.map((c) => r.candidates[c]), ['Ed Miliband']);
});

test('Labour 2010 college: round 1 section points and the final round by section', { skip }, () => {
  const p = published();
  const r = count(p);
  // Round 1: each section's points are a third of its percentages (e.g. MPs: 111/266 × 100/3 = 13.910).
  // Within a whole unit of the third place, not half: the published affiliates' points for David Miliband,
  // 9.182, disagree with the published votes (58189 of 211229 ballots × 100/3 = 9.18261...), whose
  // Balls, Burnham and Abbott figures are marked "derived" (the section's total may be a few votes off).
  for (const [key, figures] of Object.entries(p.rounds[0]?.weighted_points_by_section ?? {})) {
    const pct = sectionPct(r, key as SectionKey, 0);
    for (const [name, figure] of Object.entries(figures)) {
      assertPublished((pct.get(name) ?? Rational.ZERO).div(Rational.of(3)), figure, `round 1 ${key} ${name} points`, Rational.ONE);
    }
  }
  const final = p.rounds[3]?.by_section;
  assert.ok(final !== undefined && typeof final !== 'string', 'final round by section is published');
  const mps = r.sections.find((s) => s.name === 'mps_meps')?.rounds[3]?.tally ?? new Map<number, bigint>();
  for (const [name, votes] of Object.entries(final.mps_meps_votes ?? {})) {
    assert.equal(mps.get(r.candidates.indexOf(name))?.toString(), votes, `final MPs ${name}`);
  }
  const members = sectionPct(r, 'members', 3);
  for (const [name, figure] of Object.entries(final.members_pct ?? {})) assertPublished(members.get(name) ?? Rational.ZERO, figure, `final members ${name}`);
  const affiliates = sectionPct(r, 'affiliates', 3);
  for (const [name, figure] of Object.entries(final.affiliates_pct ?? {})) assertPublished(affiliates.get(name) ?? Rational.ZERO, figure, `final affiliates ${name}`);
  for (const [name, figure] of Object.entries(final.affiliates_weighted_points ?? {})) {
    assertPublished((affiliates.get(name) ?? Rational.ZERO).div(Rational.of(3)), figure, `final affiliates ${name} points`);
  }
});
