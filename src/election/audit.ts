/**
 * The audit log: append-only and hash-chained. Each entry's hash is sha256 over the previous entry's hash
 * and the canonical JSON of the entry, so changing, removing or reordering any entry breaks every hash
 * after it, and publishing the last hash (the chain head) with the result fixes the whole history.
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

/** The first entry that does not follow from the one before it, with the reason; undefined if all do. */
export function findChainBreak(entries: readonly AuditEntry[]): { seq: number; problem: string } | undefined {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { seq: e.seq, problem: `entry ${e.seq} where entry ${expectedSeq} was expected` };
    if (e.prevHash !== prevHash) return { seq: e.seq, problem: `entry ${e.seq} does not follow the hash of entry ${e.seq - 1}` };
    const hash = entryHash(prevHash, e);
    if (hash !== e.hash) return { seq: e.seq, problem: `entry ${e.seq} (${e.action}) was changed: its hash is ${hash}, recorded ${e.hash}` };
    prevHash = e.hash;
    expectedSeq++;
  }
  return undefined;
}
