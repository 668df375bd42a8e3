// The 2017 Scottish council elections (../shared/data/scotland-2017, 166 wards): each ward's ballots,
// counted by our Scottish STV rule, must elect the official councillors, and every stage printed on the
// official result sheet must appear, in order, among our rounds' tallies. Sheets of some councils print
// totals rounded to 2 decimal places (Glasgow: whole numbers at first), so figures are compared within 0.01.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Rational } from '../../src/count/arithmetic.ts';
import type { Contest } from '../../src/count/ballots.ts';
import { countScottish } from '../../src/count/stv/scottish.ts';
import type { CountResult } from '../../src/count/types.ts';
import { DEFAULT_TIEBREAK } from '../../src/count/types.ts';
import { parseBlt } from '../../src/formats/blt.ts';

const dir = fileURLToPath(new URL('../../../shared/data/scotland-2017/', import.meta.url));
const present = existsSync(dir);
const skip = present ? false : 'shared data absent: ../shared/data/scotland-2017 not found';
const wards = present ? readdirSync(dir).filter((f) => f.endsWith('.blt')).map((f) => f.slice(0, -'.blt'.length)) : [];

const Sheet = z.object({
  seats: z.number().int(),
  quota: z.number().int(),
  candidates: z.array(z.object({ name: z.string(), elected: z.boolean() })),
  stages: z.array(z.record(z.string(), z.string())),
});
type Sheet = z.infer<typeof Sheet>;

const TOLERANCE = Rational.of(1, 100);

/**
 * Known transcription errors on official sheets, by ward. Glasgow ward 1 (Linn) prints a continuing
 * candidate at 393 and then 310 at the next stage: in STV a continuing candidate's votes never fall (a
 * transfer only adds to them), so 310 cannot be right, and the next stages go on from 393. Such a cell
 * (and only one per listed ward) is left out of the comparison. That ward is not in every copy of the data.
 */
const KNOWN_TYPOS: ReadonlySet<string> = new Set(['glasgow-city-ward01']);

function load(ward: string): { contest: Contest; sheet: Sheet } {
  const parsed = parseBlt(readFileSync(`${dir}${ward}.blt`, 'utf8'), `${ward}.blt`);
  if (!parsed.ok) throw new Error(`${ward}.blt: ${parsed.error.message}`);
  const sheet = Sheet.parse(JSON.parse(readFileSync(`${dir}${ward}.result.json`, 'utf8')));
  return { contest: parsed.value, sheet };
}

function countWard(contest: Contest): CountResult {
  return countScottish(contest, { seats: contest.seats, tieBreak: DEFAULT_TIEBREAK, batchElimination: false, continueUntilTwo: false });
}

/** Cells "stage:candidate" where a candidate still counting falls below their previous total. */
function impossibleCells(sheet: Sheet): string[] {
  const cells: string[] = [];
  sheet.stages.forEach((stage, i) => {
    const before = sheet.stages[i - 1];
    if (!before) return;
    const quota = Rational.of(sheet.quota);
    for (const [name, text] of Object.entries(stage)) {
      const now = figure(text);
      const was = figure(before[name] ?? '0');
      // Falling to zero is an exclusion; falling to the quota is an elected candidate's surplus leaving.
      if (now.lt(was) && !now.isZero() && !now.eq(quota)) cells.push(`${i + 1}:${name}`);
    }
  });
  return cells;
}

function figure(printed: string): Rational {
  const n = Rational.parse(printed);
  if (!n) throw new Error(`not a number on the sheet: ${printed}`);
  return n;
}

function close(ours: Rational, printed: string): boolean {
  const d = ours.sub(figure(printed));
  return !d.gt(TOLERANCE) && !d.lt(TOLERANCE.neg());
}

/** The first official stage that does not appear, in order, among our rounds, or undefined when all do. */
function missingStage(ward: string, sheet: Sheet, contest: Contest, result: CountResult): string | undefined {
  const ignored = new Set(KNOWN_TYPOS.has(ward) ? impossibleCells(sheet) : []);
  let next = 0;
  for (const [i, stage] of sheet.stages.entries()) {
    const matches = (r: number): boolean =>
      Object.entries(stage).every(([name, printed]) => {
        if (ignored.has(`${i + 1}:${name}`)) return true;
        const c = contest.candidates.indexOf(name);
        assert.ok(c >= 0, `${ward}: sheet names unknown candidate ${name}`);
        return close(result.rounds[r]?.tally.get(c) ?? Rational.ZERO, printed);
      });
    while (next < result.rounds.length && !matches(next)) next++;
    if (next === result.rounds.length) return `official stage ${i + 1} ${JSON.stringify(stage)} is not among our rounds`;
    next++;
  }
  return undefined;
}

for (const ward of wards) {
  test(`${ward}: official councillors and every official stage`, () => {
    const { contest, sheet } = load(ward);
    assert.equal(contest.seats, sheet.seats);
    const result = countWard(contest);
    // The valid poll is checked against the sheet's own first stage, which adds up to it on every sheet but
    // one: East Dunbartonshire ward 2 prints a valid poll of 7034 while its first-stage totals (and the
    // ballot file) make 7035; the quota, floor(7035 / 4) + 1 = 1759, is the one printed.
    const firstStage = Object.values(sheet.stages[0] ?? {}).reduce((sum, v) => sum.add(figure(v)), Rational.ZERO);
    assert.equal(result.validVotes.toString(), firstStage.toString(), 'valid poll');
    assert.equal(result.quota?.toString(), String(sheet.quota), 'quota');
    const ours = result.winners.map((w) => contest.candidates[w] ?? '?').sort();
    const official = sheet.candidates.filter((c) => c.elected).map((c) => c.name).sort();
    assert.deepEqual(ours, official);
    assert.equal(missingStage(ward, sheet, contest, result), undefined);
  });
}

test('only the known typo ward has a figure that falls while its candidate is still counting', { skip }, () => {
  const found = wards.filter((w) => impossibleCells(load(w).sheet).length > 0);
  assert.deepEqual(found, wards.filter((w) => KNOWN_TYPOS.has(w)));
  for (const w of found) assert.equal(impossibleCells(load(w).sheet).length, 1, w);
});

test('the whole corpus counts in-process in well under a few seconds', { skip }, () => {
  assert.equal(wards.length, 166);
  const contests = wards.map((w) => load(w).contest);
  const start = process.hrtime.bigint();
  for (const c of contests) countWard(c);
  const ms = Number((process.hrtime.bigint() - start) / 1_000_000n);
  assert.ok(ms < 3000, `counting 166 wards took ${ms} ms`);
});
