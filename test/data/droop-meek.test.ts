/**
 * Meek counts of Droop's test corpus against Droop's own reports (../shared/data/droop/ref/report), for
 * the three variants those reports use:
 *   meek-prf-o6-fixed-p9-d9        -> rule `meek`          (PRF reference rule, 9 places)
 *   meek-o10-rational-d12          -> MEEK_RATIONAL        (exact, omega 10^-10; not a registered rule)
 *   meek-o9-guarded-p18-g9-d18     -> rule `meek-guarded`  (18+9 guarded places, omega 10^-9)
 *
 * For every Droop round, the first Elect/Defeat action lists each candidate's vote when the round's
 * decision was taken: those must equal our round's tally (fixed point: exactly; rational and guarded:
 * within one unit of the report's last place, since Droop rounds for display where we truncate), and the
 * candidates elected and defeated in the round must be the same.
 *
 * Ties are the one known source of difference. Droop breaks them by its "tie order" (ballot-file order,
 * or a `[tie]` line); Rollover breaks them by the contract in DESIGN.md (backwards, then the seeded lot,
 * or the `[tie]` order in its place).
 * Where the tied candidates hold no votes the choice changes nothing but the order of their defeat; where
 * they do, the counts part ways there and every such report is listed in TIE_DIVERGENCES with its reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Rational } from '../../src/count/arithmetic.ts';
import type { Contest } from '../../src/count/ballots.ts';
import { count } from '../../src/count/index.ts';
import { countMeek, MEEK_RATIONAL } from '../../src/count/stv/meek.ts';
import { DEFAULT_TIEBREAK } from '../../src/count/types.ts';
import type { CountResult } from '../../src/count/types.ts';
import { parseBlt } from '../../src/formats/blt.ts';
import { parseDroopReport, type DroopAction, type DroopReport } from '../support/droop-report.ts';

const droop = fileURLToPath(new URL('../../../shared/data/droop/', import.meta.url));
const reports = `${droop}ref/report/`;
const skip = existsSync(reports) ? false : 'shared data absent: ../shared/data/droop/ref/report not found';

const VARIANTS: readonly { tag: string; rules: string; exact: boolean }[] = [
  { tag: 'meek-prf-o6-fixed-p9-d9', rules: 'meek', exact: true },
  { tag: 'meek-o10-rational-d12', rules: 'meek-rational', exact: false },
  { tag: 'meek-o9-guarded-p18-g9-d18', rules: 'meek-guarded', exact: false },
];

/** Reports where a tie between candidates holding votes was broken differently, and why ours is right. */
const TIE_DIVERGENCES: ReadonlyMap<string, { round: number; why: string }> = new Map([
  // 42t.blt declares `[tie 3 2 1]`, so Droop defeats Helen; backwards looks at round 1 (Pollux 0, Helen 2).
  ['42t-meek-o10-rational-d12', { round: 2, why: 'BLT tie order defeats Helen; backwards defeats Pollux (0 < 2 at round 1)' }],
  ['42t-meek-o9-guarded-p18-g9-d18', { round: 2, why: 'BLT tie order defeats Helen; backwards defeats Pollux (0 < 2 at round 1)' }],
  // C13 and C16 both converge to 33.333…; at round 10 C13 had 32.93 and C16 32.31, so backwards defeats C16.
  ['M135-meek-o9-guarded-p18-g9-d18', { round: 11, why: 'file order defeats C13; backwards defeats C16 (32.31 < 32.93 at round 10)' }],
  ['M135-meek-prf-o6-fixed-p9-d9', { round: 12, why: 'file order defeats C13; backwards defeats C16, lower in the previous round' }],
  // X, Y and Z have 667 each at round 1 and are within the surplus at round 2: equal throughout, so lot.
  ['SC-Vm-12-meek-prf-o6-fixed-p9-d9', { round: 2, why: 'X, Y, Z equal in every round: Droop takes file order, Rollover the seeded lot' }],
]);

function reportFiles(): { file: string; blt: string; tag: string }[] {
  if (skip !== false) return [];
  const top = readdirSync(reports).map((f) => ({ file: `${reports}${f}`, name: f, dir: '' }));
  const meekDir = readdirSync(`${reports}meek`).map((f) => ({ file: `${reports}meek/${f}`, name: f, dir: 'meek/' }));
  return [...top, ...meekDir].flatMap(({ file, name, dir }) => {
    const m = /^(.+)-(meek-.+)\.txt$/.exec(name);
    return m?.[1] && m[2] ? [{ file, blt: `${droop}blt/${dir}${m[1]}.blt`, tag: m[2] }] : [];
  });
}

function countWith(contest: Contest, rules: string, seats: number): CountResult {
  if (rules === 'meek-rational') return countMeek(contest, { seats, tieBreak: DEFAULT_TIEBREAK, batchElimination: false, continueUntilTwo: false }, MEEK_RATIONAL);
  const counted = count(contest, { method: 'stv', rules, seats });
  if (!counted.ok) throw new Error(counted.error);
  return counted.value;
}

function readContest(path: string): Contest {
  const parsed = parseBlt(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(`cannot read ${path}: ${parsed.error.message}`);
  return parsed.value;
}

/** The action at which Droop took round k's decision. */
function decision(report: DroopReport, round: number): DroopAction | undefined {
  return report.actions.find((a) => a.round === round && /^(Elect|Defeat)/.test(a.kind));
}

function namesIn(report: DroopReport, round: number, kind: RegExp): string[] {
  return report.actions.filter((a) => a.round === round && kind.test(a.kind)).map((a) => a.text.slice(a.kind.length + 2));
}

function close(ours: Rational, theirs: Rational, places: number, exact: boolean): boolean {
  const diff = ours.sub(theirs).mul(Rational.of(10n ** BigInt(places)));
  const size = diff.num < 0n ? diff.neg() : diff;
  return exact ? size.isZero() : !size.gt(Rational.ONE);
}

/**
 * Compares round by round; returns the round where a tie between candidates holding votes parted the
 * counts. Zero-vote candidates tied with each other may be defeated in another order than Droop's.
 */
function compareRounds(name: string, result: CountResult, report: DroopReport, exact: boolean): number | undefined {
  const index = new Map(result.candidates.map((n, i) => [n, i]));
  const nameOf = (c: number): string => result.candidates[c] ?? String(c);
  const oursOut = new Set<string>();
  const theirsOut = new Set<string>();
  const swappable = new Set<string>();
  for (const ours of result.rounds) {
    const k = ours.round;
    const act = decision(report, k);
    assert.ok(act, `${name} round ${k}: Droop has no decision in this round`);
    for (const [cand, line] of act.candidates) {
      if (line.state === 'withdrawn' || (line.state === 'defeated' && !act.text.endsWith(cand))) continue;
      const value = ours.tally.get(index.get(cand) ?? -1);
      if (value === undefined) continue; // a zero-vote candidate defeated earlier on a tie (checked below)
      assert.ok(close(value, line.value, report.displayPlaces, exact), `${name} round ${k} ${cand}: ours ${value.toFixed(report.displayPlaces)}, Droop ${line.value.toFixed(report.displayPlaces)}`);
    }
    const mine = ours.excluded.map(nameOf);
    const theirs = namesIn(report, k, /^Defeat/);
    const tie = report.ties.find((t) => namesIn(report, k, /^Break tie/).some((text) => text.endsWith(`-> ${t.chosen}`)));
    if (tie && mine.some((c) => !theirs.includes(c))) {
      const withVotes = tie.tied.some((c) => !(ours.tally.get(index.get(c) ?? -1)?.isZero() ?? false));
      if (withVotes) return k;
      for (const c of tie.tied) swappable.add(c);
    }
    for (const c of mine) oursOut.add(c);
    for (const c of theirs) theirsOut.add(c);
    const apart = [...oursOut, ...theirsOut].filter((c) => oursOut.has(c) !== theirsOut.has(c));
    assert.ok(apart.every((c) => swappable.has(c)), `${name} round ${k}: defeated so far differ by ${apart.join(', ')}`);
    assert.deepEqual(ours.elected.map(nameOf).sort(), namesIn(report, k, /^Elect/).sort(), `${name} round ${k}: elected`);
  }
  return undefined;
}

for (const { file, blt, tag } of reportFiles()) {
  const variant = VARIANTS.find((v) => v.tag === tag);
  if (!variant) continue;
  const name = file.slice(file.lastIndexOf('/') + 1, -'.txt'.length);
  test(`Droop ${name}: same rounds and winners as Droop's report`, () => {
    const contest = readContest(blt);
    const report = parseDroopReport(readFileSync(file, 'utf8'));
    const result = countWith(contest, variant.rules, report.seats);
    const parted = compareRounds(name, result, report, variant.exact);
    const known = TIE_DIVERGENCES.get(name);
    assert.equal(parted, known?.round, known ? `${name}: expected the tie at round ${known.round} (${known.why})` : `${name}: a tie with votes parted the counts`);
    if (parted !== undefined) return;
    const winners = result.winners.map((c) => result.candidates[c] ?? '').sort();
    assert.deepEqual(winners, [...report.elected].sort(), `${name}: winners`);
  });
}

test('every Meek report in the Droop corpus is compared', { skip }, () => {
  const files = reportFiles().filter((r) => VARIANTS.some((v) => v.tag === r.tag));
  // 9 PRF, 5 rational and 11 guarded reports (two of them for equal rankings, in ref/report/meek/).
  assert.equal(files.length, 25);
});
