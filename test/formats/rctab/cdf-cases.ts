/**
 * Test support for the CDF export: RCTab's cases with an expected CDF file, and how to compare a produced
 * file with one: text for text, except the values that differ by design (when the file was made, and the
 * program the reporting device names).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RCTAB } from './readers/support.ts';

/** Cases RCTab made with its CVR conversion (no count, so no round snapshots). */
export const CONVERSION_CASES = ['conversions_from_ess', 'conversions_from_dominion', 'conversions_from_cdf'];

/** Cases RCTab made by counting a config that sets generateCdfJson (a snapshot per round). */
export const TABULATION_CASES = [
  'aliases_cdf_json',
  'batch_example',
  'precinct_example',
  'test_set_0_skipped_first_choice',
  'test_set_1_exhaust_at_overvote',
  'test_set_2_overvote_skip_to_next',
  'test_set_3_skipped_choice_exhaust',
  'test_set_4_skipped_choice_next',
  'test_set_6_duplicate_exhaust',
  'test_set_7_duplicate_skip_to_next',
  'test_set_8_multi_cdf',
  'test_set_multi_winner_fractional_threshold',
];

export const caseConfig = (name: string): string => join(RCTAB, name, `${name}_config.json`);

/**
 * batch_example's file was edited by hand after RCTab wrote it: its GpUnit array closes with "}]", which
 * Jackson's printer never writes (every other array in the 15 files closes with "} ]"). Put back what
 * RCTab writes, and fail if the edit is not there, so the comparison stays exact everywhere else.
 */
const HAND_EDITS: Readonly<Record<string, readonly [string, string]>> = {
  batch_example: ['    "Type" : "other"\n  }],\n  "ReportGeneratingDeviceIds"', '    "Type" : "other"\n  } ],\n  "ReportGeneratingDeviceIds"'],
};

/** RCTab's expected CDF file of the case, as RCTab's writer printed it. */
export function expectedCdf(name: string): string {
  const text = readFileSync(join(RCTAB, name, `${name}_expected_cdf_cvr.json`), 'utf8');
  const edit = HAND_EDITS[name];
  if (edit === undefined) return text;
  assert.equal(text.split(edit[0]).length, 2, `${name}: the known hand edit is where it was`);
  return text.replace(edit[0], edit[1]);
}

const GENERATED_DATE = /^ {2}"GeneratedDate" : "[^"\n]*",$/m;
const DEVICE = /^( {2}"ReportingDevice" : \[ \{\n {4}"@id" : "rd-001",\n {4}"@type" : "CVR\.ReportingDevice",\n {4}"Application" : )"[^"\n]*"(,\n {4}"Manufacturer" : )"[^"\n]*"(\n {2}\} \],)$/m;

/**
 * The text with GeneratedDate's value and the reporting device's names masked; each must be found exactly
 * where RCTab puts it, or the comparison fails.
 */
export function masked(text: string, label: string): string {
  assert.match(text, GENERATED_DATE, `${label}: GeneratedDate in place`);
  assert.match(text, DEVICE, `${label}: ReportingDevice in RCTab's structure`);
  return text.replace(GENERATED_DATE, '  "GeneratedDate" : "…",').replace(DEVICE, '$1"…"$2"…"$3');
}

/** Asserts that `produced` is RCTab's expected file of the case, byte for byte apart from the masks. */
export function assertSameCdf(produced: string, name: string): void {
  const expected = masked(expectedCdf(name), `${name} (expected)`);
  const ours = masked(produced, `${name} (ours)`);
  if (ours === expected) return;
  // Say where they part, rather than printing two files of megabytes.
  let at = 0;
  while (ours[at] === expected[at]) at += 1;
  const line = ours.slice(0, at).split('\n').length;
  assert.fail(`${name}: differs from RCTab's at line ${line}: ours ${JSON.stringify(ours.slice(at - 40, at + 40))}, RCTab's ${JSON.stringify(expected.slice(at - 40, at + 40))}`);
}
