/**
 * The voter roll: imported from CSV with a report on every row, all or nothing (one bad row rejects the
 * file, so a roll is never half-loaded), then checked for people listed twice (one person, one vote across
 * elector classes) and for eligibility under the election's rules.
 */
import { inputError, type InputError } from '../result.ts';
import { parseCsv } from './csv.ts';
import { isIsoDate } from './election.ts';
import type { EligibilityRules } from './types.ts';

export const STANDINGS = ['good', 'arrears', 'lapsed', 'suspended'] as const;
export type Standing = (typeof STANDINGS)[number];

export interface Voter {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly postalAddress?: string;
  readonly electorClass: string;
  /** YYYY-MM-DD */
  readonly joined: string;
  readonly standing: Standing;
  /** Free columns such as region, for turnout and result breakdowns. */
  readonly segments: Readonly<Record<string, string>>;
}

export interface Duplicate {
  readonly line: number;
  readonly id: string;
  readonly keptLine: number;
  readonly keptId: string;
  readonly reason: string;
}

export interface RollReport {
  readonly rows: number;
  readonly voters: readonly Voter[];
  readonly errors: readonly InputError[];
  readonly duplicates: readonly Duplicate[];
}

const REQUIRED = ['id', 'name', 'email', 'postal_address', 'class', 'joined', 'standing'] as const;

export function importRoll(text: string, classes: readonly string[], file = 'roll.csv'): RollReport {
  const parsed = parseCsv(text, file);
  if (!parsed.ok) return { rows: 0, voters: [], errors: [parsed.error], duplicates: [] };
  const [header, ...rows] = parsed.value;
  if (!header) return { rows: 0, voters: [], errors: [inputError('the roll is empty', { file })], duplicates: [] };
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((r) => !names.includes(r));
  if (missing.length > 0) {
    return { rows: rows.length, voters: [], errors: [inputError(`missing column(s): ${missing.join(', ')}`, { file, line: header.line })], duplicates: [] };
  }
  const errors: InputError[] = [];
  const read: { line: number; voter: Voter }[] = [];
  for (const row of rows) {
    const result = readRow(names, row.fields, classes);
    if (typeof result === 'string') errors.push(inputError(result, { file, line: row.line, record: recordId(names, row.fields) }));
    else read.push({ line: row.line, voter: result });
  }
  const { kept, duplicates } = dedupe(read, classes);
  return { rows: rows.length, voters: errors.length > 0 ? [] : kept, errors, duplicates };
}

function recordId(names: readonly string[], fields: readonly string[]): string {
  const id = fields[names.indexOf('id')]?.trim();
  return id ? `id ${id}` : '';
}

function readRow(names: readonly string[], fields: readonly string[], classes: readonly string[]): Voter | string {
  if (fields.length !== names.length) return `${fields.length} fields where the header has ${names.length}`;
  const get = (k: string): string => (fields[names.indexOf(k)] ?? '').trim();
  const [id, name, email, postal, cls, joined, standing] = REQUIRED.map(get) as [string, string, string, string, string, string, string];
  if (id === '') return 'id is empty';
  if (name === '') return 'name is empty';
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return `email "${email}" is not an address`;
  if (email === '' && postal === '') return 'no email or postal address: the voter could not be sent a ballot';
  if (!classes.includes(cls)) return `class "${cls}" is not one of ${classes.join(', ')}`;
  if (!isIsoDate(joined)) return `join date "${joined}" is not a date (YYYY-MM-DD)`;
  if (!isStanding(standing)) return `standing "${standing}" is not one of ${STANDINGS.join(', ')}`;
  const segments: Record<string, string> = {};
  names.forEach((n, i) => {
    if (!(REQUIRED as readonly string[]).includes(n)) segments[n] = (fields[i] ?? '').trim();
  });
  return { id, name, ...(email === '' ? {} : { email }), ...(postal === '' ? {} : { postalAddress: postal }), electorClass: cls, joined, standing, segments };
}

function isStanding(s: string): s is Standing {
  return (STANDINGS as readonly string[]).includes(s);
}

/**
 * Keeps one entry per person, matched by id or by email (case-insensitive): the entry in the earliest
 * elector class, or the earlier row when the classes are equal.
 */
function dedupe(read: readonly { line: number; voter: Voter }[], classes: readonly string[]): { kept: Voter[]; duplicates: Duplicate[] } {
  const rank = (v: Voter): number => classes.indexOf(v.electorClass);
  const order = [...read].sort((a, b) => rank(a.voter) - rank(b.voter) || a.line - b.line);
  const byId = new Map<string, { line: number; voter: Voter }>();
  const byEmail = new Map<string, { line: number; voter: Voter }>();
  const kept: { line: number; voter: Voter }[] = [];
  const duplicates: Duplicate[] = [];
  for (const entry of order) {
    const email = entry.voter.email?.toLowerCase();
    const sameId = byId.get(entry.voter.id);
    const sameEmail = email === undefined ? undefined : byEmail.get(email);
    const first = sameId ?? sameEmail;
    if (first) {
      const reason = sameId ? `id ${entry.voter.id} also on line ${first.line}` : `email ${entry.voter.email ?? ''} also on line ${first.line}`;
      duplicates.push({ line: entry.line, id: entry.voter.id, keptLine: first.line, keptId: first.voter.id, reason: `${reason} (${first.voter.electorClass}); one vote, kept there` });
      continue;
    }
    byId.set(entry.voter.id, entry);
    if (email !== undefined) byEmail.set(email, entry);
    kept.push(entry);
  }
  kept.sort((a, b) => a.line - b.line);
  duplicates.sort((a, b) => a.line - b.line);
  return { kept: kept.map((k) => k.voter), duplicates };
}

/** Why a voter may not vote under the rules, or undefined when they may. */
export function ineligibility(v: Voter, rules: EligibilityRules): string | undefined {
  if (!rules.classes.includes(v.electorClass)) return `elector class ${v.electorClass} does not vote in this election`;
  if (rules.freezeDate !== undefined && v.joined > rules.freezeDate) return `joined ${v.joined}, after the freeze date ${rules.freezeDate}`;
  if (rules.requireGoodStanding && v.standing !== 'good') return `not in good standing (${v.standing})`;
  return undefined;
}
