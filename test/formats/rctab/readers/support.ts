/**
 * Test support for the RCTab CVR readers: where RCTab's regression cases live, how a case's config source
 * becomes a reader spec (the minimum of what src/formats/rctab/config.ts does), and reading all records.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CandidateDirectory, type CastVoteRecord, type CvrSourceSpec } from '../../../../src/formats/rctab/cvr.ts';
import { cvrCsvRow } from '../../../../src/formats/rctab/cvr-csv.ts';
import { quotesBalanced, splitRow } from '../../../../src/formats/csv-row.ts';
import { CVR_READERS } from '../../../../src/formats/rctab/readers/index.ts';
import type { InputError, Result } from '../../../../src/result.ts';

export const RCTAB = fileURLToPath(new URL('../../../../../shared/data/rctab/', import.meta.url));
export const skipUnlessData = existsSync(RCTAB) ? false : 'shared data absent: ../shared/data/rctab not found';

interface CaseConfig {
  cvrFileSources: Record<string, unknown>[];
  candidates: { name: string; aliases?: string[] }[];
  rules: { maxRankingsAllowed: string | number };
}

export function loadCase(name: string): { specs: CvrSourceSpec[]; candidates: CandidateDirectory } {
  const path = join(RCTAB, name, `${name}_config.json`);
  const config = JSON.parse(readFileSync(path, 'utf8')) as CaseConfig;
  const max = config.rules.maxRankingsAllowed === 'max' ? config.candidates.length : Number(config.rules.maxRankingsAllowed);
  const specs = config.cvrFileSources.map((s) => sourceSpec(s, dirname(path), max));
  return { specs, candidates: new CandidateDirectory(config.candidates.map((c) => ({ name: c.name, aliases: c.aliases ?? [] }))) };
}

function sourceSpec(s: Record<string, unknown>, folder: string, maxRankings: number): CvrSourceSpec {
  const text = (key: string): string | undefined => {
    const v = s[key];
    return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  const num = (key: string): number | undefined => (text(key) === undefined ? undefined : Number(text(key)));
  const filePath = text('filePath') ?? '';
  const entries = {
    provider: text('provider') as CvrSourceSpec['provider'],
    filePath,
    resolvedPath: join(folder, filePath),
    contestId: text('contestId'),
    firstVoteColumnIndex: num('firstVoteColumnIndex'),
    firstVoteRowIndex: num('firstVoteRowIndex'),
    idColumnIndex: num('idColumnIndex'),
    precinctColumnIndex: num('precinctColumnIndex'),
    batchColumnIndex: num('batchColumnIndex'),
    overvoteDelimiter: text('overvoteDelimiter'),
    overvoteLabel: text('overvoteLabel'),
    skippedRankLabel: text('skippedRankLabel'),
    undeclaredWriteInLabel: text('undeclaredWriteInLabel'),
    treatBlankAsUndeclaredWriteIn: s['treatBlankAsUndeclaredWriteIn'] === true,
    maxRankings,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as unknown as CvrSourceSpec;
}

export async function readAll(spec: CvrSourceSpec, candidates: CandidateDirectory): Promise<{ result: Result<unknown, InputError>; records: CastVoteRecord[] }> {
  const records: CastVoteRecord[] = [];
  const result = await CVR_READERS[spec.provider](spec, candidates, (r) => records.push(r));
  return { result, records };
}

export async function readCase(name: string): Promise<CastVoteRecord[]> {
  const { specs, candidates } = loadCase(name);
  const all: CastVoteRecord[] = [];
  for (const spec of specs) {
    const { result, records } = await readAll(spec, candidates);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    all.push(...records);
  }
  return all;
}

/** The record's ranks 1..n as RCTab's CVR export (Rank 1, Rank 2, ... columns) writes them. */
export function exportedRanks(record: CastVoteRecord, n: number, writeInLabel = ''): string[] {
  const cells = splitRow(cvrCsvRow(record, { ranks: n, writeInLabel: () => writeInLabel }).slice(0, -1));
  if ('problem' in cells) throw new Error(cells.problem);
  return cells.slice(9);
}

/** Round-1 tally the simple way (first rank, single mark), for cases with no skipped first rank. */
export function firstChoices(records: readonly CastVoteRecord[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const r of records) {
    const first = r.rankings[0];
    if (first?.rank !== 1 || first.marks.length !== 1 || first.marks[0] === undefined) continue;
    const key = first.marks[0].kind === 'candidate' ? first.marks[0].name : 'Undeclared Write-ins';
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

/** Rows of RCTab's CSV export; an overvoted rank is a quoted cell with one name per line. */
export function csvRecords(path: string): string[][] {
  const rows: string[][] = [];
  let pending: string | undefined;
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    pending = pending === undefined ? line : `${pending}\n${line}`;
    if (!quotesBalanced(pending)) continue;
    if (pending !== '') {
      const cells = splitRow(pending);
      if ('problem' in cells) throw new Error(`${path}: ${cells.problem}`);
      rows.push(cells);
    }
    pending = undefined;
  }
  return rows.slice(1);
}

/** A record's ranks as [rank, names], a write-in as "UWI" and an explicit overvote as "overvote". */
export function rankNames(record: CastVoteRecord | undefined): [number, string[]][] {
  return (record?.rankings ?? []).map((r) => [r.rank, r.marks.map((m) => (m.kind === 'candidate' ? m.name : m.kind === 'overvote' ? 'overvote' : 'UWI'))]);
}
