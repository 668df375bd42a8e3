import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCase, rankNames, readAll, readCase, skipUnlessData } from './support.ts';

test('Hart Travis County: 9 of 22 sheets hold the contest; 2 blank, 6 overvoted, 1 for Michael Gottner, as RCTab reports', { skip: skipUnlessData }, async () => {
  const records = await readCase('hart_travis_county_officers');
  assert.equal(records.length, 9);
  assert.equal(records.filter((r) => r.rankings.length === 0).length, 2); // summary.undervotes
  assert.equal(records.filter((r) => (r.rankings[0]?.marks.length ?? 0) > 1).length, 6);
  // 1_e84522d1...xml: Bruce Elfant, Jim Sylvester and William Poole all with Value 1 (rank 1), precinct 1032.
  const sheet = records.find((r) => r.computedId === 'e84522d1-adce-43df-8b49-13adb8bcc2e1');
  assert.equal(sheet?.precinct, '1032');
  assert.deepEqual(rankNames(sheet), [[1, ['Bruce Elfant', 'Jim Sylvester', 'William Poole']]]);
});

test('a truncated Hart XML file is an error naming that file and the line', { skip: skipUnlessData }, async () => {
  const { specs, candidates } = loadCase('hart_travis_county_officers');
  const spec = specs[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'rollover-hart-'));
  cpSync(spec.resolvedPath, dir, { recursive: true });
  const name = '1_e84522d1-adce-43df-8b49-13adb8bcc2e1.xml';
  const text = readFileSync(join(dir, name), 'utf8');
  writeFileSync(join(dir, name), text.slice(0, 400));
  const { result } = await readAll({ ...spec, resolvedPath: dir }, candidates);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.error.file, join(spec.filePath, name));
    assert.match(result.error.message, /not well-formed XML/);
    assert.equal(result.error.line, 1);
  }
});
