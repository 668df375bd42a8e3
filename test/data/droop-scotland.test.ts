// Droop's reports under its "scotland" rule (Scottish STV, fixed-point, 5 places) for every BLT file in
// ../shared/data/droop/blt that has one, including the 21 real Glasgow 2007 wards (ref/report/scotland/).
// Our count must elect the same candidates and give every stage the same figures to the last digit:
// each candidate's votes, the non-transferable votes and the residual (our loss to truncation).
//
// Where the two differ in form, and why (none of these changes a figure):
// - Droop transfers a "surplus" of 0.00000 from a candidate elected with exactly the quota (SC-Vm-12: A and
//   B at 1001 = quota; scotland/weak-surplus: B). Rule 48(1) transfers only when the votes EXCEED the quota,
//   so we make no such stage; those empty Droop stages are left out of the comparison (droopStages).
// - Droop breaks ties "by lot" in its own tie order; our lot is the seeded sha256 draw, so each file is
//   counted with a seed under which our draw falls as Droop's did (lotSeedFor). Ties Droop breaks "by prior
//   stage" must come out the same under our backwards rule with no help.
// - Droop prints names with runs of spaces collapsed (Canal 2007: "Ellen   Hurcombe" in the BLT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { countScottish } from '../../src/count/stv/scottish.ts';
import { parseBlt } from '../../src/formats/blt.ts';
import { differencesFromDroop, lotSeedFor, parseDroopReport } from '../support/droop-report.ts';

const droop = fileURLToPath(new URL('../../../shared/data/droop/', import.meta.url));
const present = existsSync(droop);

/** [BLT path under blt/, report path under ref/report/] for every file with a scotland report. */
function cases(): [string, string][] {
  if (!present) return [];
  const top = readdirSync(`${droop}ref/report`).filter((f) => f.endsWith('-scotland-fixed-p5-d5.txt'));
  const glasgow = readdirSync(`${droop}ref/report/scotland`).map((f) => `scotland/${f}`);
  return [...top, ...glasgow].map((report) => [`${report.replace(/-scotland-fixed-p5-d5\.txt$/, '')}.blt`, report]);
}

const all = cases();

test('the Droop corpus holds the scotland reports this test expects', { skip: present ? false : 'shared data absent: ../shared/data/droop not found' }, () => {
  // 9 synthetic files with a top-level report, the 21 Glasgow 2007 wards and two weak tie examples.
  assert.equal(all.length, 32);
});

for (const [blt, reportFile] of all) {
  test(`droop scotland ${blt}: same winners and every stage to the last digit`, () => {
    const parsed = parseBlt(readFileSync(`${droop}blt/${blt}`, 'utf8'), blt);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
    const contest = parsed.value;
    const report = parseDroopReport(readFileSync(`${droop}ref/report/${reportFile}`, 'utf8'));
    assert.equal(report.rule, 'Scottish STV');
    const result = countScottish(contest, {
      seats: contest.seats,
      tieBreak: { mode: 'backwards', seed: lotSeedFor(report, contest.candidates) },
      batchElimination: false,
      continueUntilTwo: false,
    });
    assert.equal(result.quota?.toString(), report.quota.toString(), 'quota');
    assert.deepEqual(differencesFromDroop(report, result), []);
  });
}
