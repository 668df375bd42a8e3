/**
 * The audit log: append-only and hash-chained. Each entry's hash is sha256 over the previous entry's hash
 * and the canonical JSON of the entry, so changing, removing or reordering any entry breaks every hash
 * after it, and publishing the last hash (the chain head) with the result fixes the whole history.
 *
 * The public sees the log with voters' ids withheld (publicAudit): an entry naming who was issued a
 * credential or had a postal ballot entered says who voted, which the secrecy of the ballot keeps from
 * the public as much as how they voted. Officers see the ids.
 */
import { createHash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** What an action records: who did what, with the facts needed to check it later. */
export interface AuditInput {
  readonly actor: string;
  readonly action: string;
  readonly data: { readonly [key: string]: Json };
}

export interface AuditEntry extends AuditInput {
  readonly seq: number;
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * JSON with object keys sorted at every level and no spaces, so the same entry always hashes the same
 * whatever order its fields were built in.
 */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: Json) => canonicalJson(v)).join(',')}]`;
  const obj = value as { readonly [key: string]: Json };
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k] ?? null)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function entryHash(prevHash: string, body: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  const json = canonicalJson({ seq: body.seq, at: body.at, actor: body.actor, action: body.action, data: body.data });
  return sha256Hex(prevHash + json);
}

/** The entry that follows `previous` (or starts the chain). */
export function chainEntry(previous: AuditEntry | undefined, input: AuditInput, at: string): AuditEntry {
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const seq = (previous?.seq ?? 0) + 1;
  const body = { seq, at, actor: input.actor, action: input.action, data: input.data };
  return { ...body, prevHash, hash: entryHash(prevHash, body) };
}

/** An entry as published: `withheld` names the data fields replaced (see publicAudit). */
export interface PublicAuditEntry extends AuditEntry {
  readonly withheld?: readonly string[];
}

type Data = AuditInput['data'];

function howMany(ids: Json | undefined): number {
  return Array.isArray(ids) ? ids.length : 0;
}

/**
 * The public form of each action whose data names voters: how many instead of who (the reason a sealed
 * envelope was cancelled stays: it concerns the ruling, not the voter's name). Keyed by action.
 */
type PublicForm = (data: Data) => { readonly data: Data; readonly withheld: readonly string[] };

const PUBLIC_FORMS: ReadonlyMap<string, PublicForm> = new Map<string, PublicForm>([
  ['credentials issued', (d: Data) => ({ data: { issued: howMany(d.issued), reissued: howMany(d.reissued) }, withheld: ['issued', 'reissued'] })],
  ['postal ballot entered', () => ({ data: {}, withheld: ['voter'] })],
  ['envelope cancelled', (d: Data) => ({ data: d.reason === undefined ? {} : { reason: d.reason }, withheld: ['voter'] })],
]);

/**
 * The log as the public sees it: every entry, in order, with its hashes, and the voter ids of the entries
 * naming voters replaced by counts. Such an entry's hash can no longer be recomputed from what is shown,
 * but the next entry's hash covers it, so findChainBreak still checks the whole chain up to the head.
 */
export function publicAudit(entries: readonly AuditEntry[]): PublicAuditEntry[] {
  return entries.map((e) => {
    const form = PUBLIC_FORMS.get(e.action);
    return form === undefined ? e : { ...e, ...form(e.data) };
  });
}

/**
 * The first entry that does not follow from the one before it, with the reason; undefined if all do. An
 * entry with fields withheld (publicAudit) is checked by its place and the hash it follows; only an action
 * naming voters may withhold, so the count and every change of the election stay checkable in full.
 */
export function findChainBreak(entries: readonly PublicAuditEntry[]): { seq: number; problem: string } | undefined {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { seq: e.seq, problem: `entry ${e.seq} where entry ${expectedSeq} was expected` };
    if (e.prevHash !== prevHash) return { seq: e.seq, problem: `entry ${e.seq} does not follow the hash of entry ${e.seq - 1}` };
    if (e.withheld !== undefined && !PUBLIC_FORMS.has(e.action)) return { seq: e.seq, problem: `entry ${e.seq} (${e.action}) withholds data, which only an entry naming voters may` };
    const hash = e.withheld === undefined ? entryHash(prevHash, e) : e.hash;
    if (hash !== e.hash) return { seq: e.seq, problem: `entry ${e.seq} (${e.action}) was changed: its hash is ${hash}, recorded ${e.hash}` };
    prevHash = e.hash;
    expectedSeq++;
  }
  return undefined;
}
