// Burlington, Vermont, mayor 2009 (IRV), read with the CSV parser and checked against the published
// final round in ../shared/data/burlington-2009/result.json ("fromThisBallotFile": the certified count
// differs by one ballot for Wright, see that file's notes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count } from '../../src/count/index.ts';
import type { CountResult } from '../../src/count/types.ts';
import { parseCsv } from '../../src/formats/csv.ts';

const dir = fileURLToPath(new URL('../../../shared/data/burlington-2009/', import.meta.url));
const skip = existsSync(dir) ? false : 'shared data absent: ../shared/data/burlington-2009 not found';

function countBurlington(batchElimination: boolean): CountResult {
  const file = `${dir}ballots.csv`;
  const parsed = parseCsv(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const result = count(parsed.value, { method: 'irv', batchElimination });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function finalRound(r: CountResult): Record<string, string> {
  const last = r.rounds[r.rounds.length - 1];
  const figures: Record<string, string> = { exhausted: last?.exhausted.toString() ?? '' };
  for (const [c, v] of last?.tally ?? []) figures[r.candidates[c] ?? '?'] = v.toString();
  return figures;
}

const names = (r: CountResult, cands: readonly number[]): string[] => cands.map((c) => r.candidates[c] ?? '?').sort();

test('Burlington 2009: Bob Kiss wins, final round Kiss 4313, Wright 4060, exhausted 607', { skip }, () => {
  const r = countBurlington(false);
  assert.equal(r.validVotes.toString(), '8980');
  assert.deepEqual(names(r, r.winners), ['Bob Kiss']);
  assert.deepEqual(finalRound(r), { 'Bob Kiss': '4313', 'Kurt Wright': '4060', exhausted: '607' });
});

test('Burlington 2009 with batch elimination: Smith, Simpson and write-ins go together, same final round', { skip }, () => {
  const r = countBurlington(true);
  // The certified count excluded these three together after round 1 (result.json notes).
  assert.deepEqual(names(r, r.rounds[0]?.excluded ?? []), ['Dan Smith', 'James Simpson', 'Write-in']);
  assert.deepEqual(names(r, r.rounds[1]?.excluded ?? []), ['Andy Montroll']);
  assert.equal(r.rounds.length, 3);
  assert.deepEqual(names(r, r.winners), ['Bob Kiss']);
  assert.deepEqual(finalRound(r), { 'Bob Kiss': '4313', 'Kurt Wright': '4060', exhausted: '607' });
});
