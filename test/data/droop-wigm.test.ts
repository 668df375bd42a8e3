// Droop's reports for its WIGM rules, for every BLT file in ../shared/data/droop/blt that has one. Our
// generic WIGM (src/count/stv/wigm.ts) must elect the same candidates and give every stage the same figures:
// each candidate's votes, the non-transferable votes and the residual.
//
// - wigm-rational-d12: Droop's generic "wigm" in rational arithmetic, printed to 12 places (rounded), against
//   our exact count: within one unit of the 12th place.
// - wigm-guarded-p18-g9-d18: the same rule in Droop's guarded fixed point (18 places + 9 guard digits),
//   printed to 18 places, against our exact count: within one unit of the 18th place.
// - wigm-prf-fixed-p4-d4: the PR Foundation's reference WIGM (single defeat), fixed point with 4 places: its
//   quota (votes / (seats + 1) truncated, plus 0.0001), elect-on-reaching and truncated transfer values are
//   our fixed-point variant with 4 places, and the figures must agree to the last digit.
// - wigm-prf-batch reports are not compared: that rule defeats "sure losers" in batches, which our WIGM
//   does not do (its only batch is the zero-vote one).
// Droop breaks every WIGM tie by its tie order (no look-back), so ties are broken by our seeded lot with a
// seed under which our draw falls as Droop's did (lotSeedFor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Rational } from '../../src/count/arithmetic.ts';
import { countWigm, DEFAULT_WIGM, type WigmOptions } from '../../src/count/stv/wigm.ts';
import { parseBlt } from '../../src/formats/blt.ts';
import { differencesFromDroop, lotSeedFor, parseDroopReport } from '../support/droop-report.ts';

const droop = fileURLToPath(new URL('../../../shared/data/droop/', import.meta.url));
const present = existsSync(droop);

const VARIANTS: readonly { suffix: string; rule: string; wigm: WigmOptions }[] = [
  { suffix: '-wigm-rational-d12.txt', rule: 'Generic Weighted Inclusive Gregory Method (WIGM)', wigm: DEFAULT_WIGM },
  { suffix: '-wigm-guarded-p18-g9-d18.txt', rule: 'Generic Weighted Inclusive Gregory Method (WIGM)', wigm: DEFAULT_WIGM },
  {
    suffix: '-wigm-prf-fixed-p4-d4.txt',
    rule: 'PR Foundation WIGM Reference (single defeat)',
    wigm: { ...DEFAULT_WIGM, arithmetic: { fixedPlaces: 4 } },
  },
];

const reports = present ? readdirSync(`${droop}ref/report`) : [];
const cases = VARIANTS.flatMap((v) => reports.filter((f) => f.endsWith(v.suffix)).map((f) => ({ ...v, report: f, blt: `${f.slice(0, -v.suffix.length)}.blt` })));

test('the Droop corpus holds the WIGM reports this test expects', { skip: present ? false : 'shared data absent: ../shared/data/droop not found' }, () => {
  // rational: 42 42t 513 SC SC-Vm-12; guarded and prf: those and 42u M135 SCw SCwopt.
  assert.deepEqual(
    VARIANTS.map((v) => cases.filter((c) => c.suffix === v.suffix).length),
    [5, 9, 9],
  );
});

for (const c of cases) {
  test(`droop ${c.report}: same winners and every stage`, () => {
    const parsed = parseBlt(readFileSync(`${droop}blt/${c.blt}`, 'utf8'), c.blt);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
    const contest = parsed.value;
    const report = parseDroopReport(readFileSync(`${droop}ref/report/${c.report}`, 'utf8'));
    assert.equal(report.rule, c.rule);
    const options = { seats: contest.seats, tieBreak: { mode: 'lot' as const, seed: lotSeedFor(report, contest.candidates) }, batchElimination: false, continueUntilTwo: false };
    const result = countWigm(contest, options, c.wigm);
    const unit = Rational.of(1n, 10n ** BigInt(report.displayPlaces));
    const quotaGap = (result.quota ?? Rational.ZERO).sub(report.quota);
    assert.ok(quotaGap.lt(unit) && quotaGap.neg().lt(unit), `quota ${result.quota?.toDecimal() ?? '?'}; Droop ${report.quota.toDecimal()}`);
    assert.deepEqual(differencesFromDroop(report, result), []);
  });
}
