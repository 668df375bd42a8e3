/**
 * The audit log: append-only and hash-chained. Each entry's hash is sha256 over the previous entry's hash
 * and the canonical JSON of the entry, so changing, removing or reordering any entry breaks every hash
 * after it, and publishing the last hash (the chain head) with the result fixes the whole history.
 *
 * The public sees the log with voters' ids withheld (publicAudit): an entry naming who was issued a
 * credential or had a postal ballot entered says who voted, which the secrecy of the ballot keeps from
 * the public as much as how they voted. Officers see the ids. So that the public can still check such an
 * entry, it is recorded with a random salt and hashed in its public form (see hashedData).
 */
import { createHash, randomBytes } from 'node:crypto';

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

type Body = Omit<AuditEntry, 'hash' | 'prevHash'>;

function entryHash(prevHash: string, body: Body): string {
  return hashOver(prevHash, body, hashedData(body.action, body.data));
}

function hashOver(prevHash: string, body: Body, data: Data): string {
  return sha256Hex(prevHash + canonicalJson({ seq: body.seq, at: body.at, actor: body.actor, action: body.action, data }));
}

/** The data key of a voter-naming entry's salt (officers' log only: with it, guessed ids could be tested). */
const SALT = 'salt';
/** The public form's key for the digest of the withheld data and its salt. */
const SEALED = 'sealed';

/** The entry that follows `previous` (or starts the chain). */
export function chainEntry(previous: AuditEntry | undefined, input: AuditInput, at: string): AuditEntry {
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const seq = (previous?.seq ?? 0) + 1;
  // 128 random bits: voter ids are few and guessable, so a digest of the ids alone would name them.
  const data = PUBLIC_FORMS.has(input.action) ? { ...input.data, [SALT]: randomBytes(16).toString('hex') } : input.data;
  const body = { seq, at, actor: input.actor, action: input.action, data };
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
 * The public form of each action whose data names voters: how many instead of who. Keyed by action.
 */
type PublicForm = (data: Data) => { readonly data: Data; readonly withheld: readonly string[] };

const PUBLIC_FORMS: ReadonlyMap<string, PublicForm> = new Map<string, PublicForm>([
  ['credentials issued', (d: Data) => ({ data: { issued: howMany(d.issued), reissued: howMany(d.reissued) }, withheld: ['issued', 'reissued'] })],
  ['postal ballot entered', () => ({ data: {}, withheld: ['voter'] })],
  // The officer's reason for cancelling goes too: it is free text, which may name the voter.
  ['envelope cancelled', (d: Data) => ({ data: {}, withheld: d.reason === undefined ? ['voter'] : ['voter', 'reason'] })],
]);

/**
 * What an entry's hash covers. An entry naming voters recorded with a salt is hashed in its public form:
 * the counts, and a digest of its whole data with the salt, which pins the ids without showing them (and,
 * salted, cannot be tested against guessed ids). So the public checks the counts, time and actor from
 * what it is shown, and officers check the ids. An entry without a salt (recorded before salts existed) is
 * hashed whole: officers can check it, the public cannot (findChainBreak refuses it).
 */
function hashedData(action: string, data: Data): Data {
  const form = PUBLIC_FORMS.get(action);
  return form !== undefined && typeof data[SALT] === 'string' ? sealedForm(form, data) : data;
}

function sealedForm(form: PublicForm, data: Data): Data {
  return { ...form(data).data, [SEALED]: sha256Hex(canonicalJson(data)) };
}

/**
 * The log as the public sees it: every entry, in order, with its hashes, and the voter ids of the entries
 * naming voters replaced by counts and the digest their hash covers. An entry recorded before salts shows
 * the counts without a digest, which no hash covers.
 */
export function publicAudit(entries: readonly AuditEntry[]): PublicAuditEntry[] {
  return entries.map((e) => {
    const form = PUBLIC_FORMS.get(e.action);
    if (form === undefined) return e;
    const { data, withheld } = form(e.data);
    return { ...e, data: typeof e.data[SALT] === 'string' ? sealedForm(form, e.data) : data, withheld };
  });
}

/** A withheld entry without the digest its hash covers (recorded before salts): its fields cannot be checked. */
function unsealed(e: PublicAuditEntry): boolean {
  return e.withheld !== undefined && typeof e.data[SEALED] !== 'string';
}

/**
 * The first entry that does not follow from the one before it, with the reason; undefined if all do. A
 * withheld entry (publicAudit) is hashed as shown; one without the digest is refused, since whatever it
 * shows could have been changed (removing the digest must not turn a checked entry into an unchecked one). Only an action naming voters may withhold, so the count and every change of
 * the election stay checkable in full.
 */
export function findChainBreak(entries: readonly PublicAuditEntry[]): { seq: number; problem: string } | undefined {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { seq: e.seq, problem: `entry ${e.seq} where entry ${expectedSeq} was expected` };
    if (e.prevHash !== prevHash) return { seq: e.seq, problem: `entry ${e.seq} does not follow the hash of entry ${e.seq - 1}` };
    if (e.withheld !== undefined && !PUBLIC_FORMS.has(e.action)) return { seq: e.seq, problem: `entry ${e.seq} (${e.action}) withholds data, which only an entry naming voters may` };
    if (unsealed(e)) return { seq: e.seq, problem: `entry ${e.seq} (${e.action}) withholds voter ids without the digest its hash covers, so what it shows cannot be checked` };
    const hash = e.withheld === undefined ? entryHash(prevHash, e) : hashOver(prevHash, e, e.data);
    if (hash !== e.hash) return { seq: e.seq, problem: `entry ${e.seq} (${e.action}) was changed: its hash is ${hash}, recorded ${e.hash}` };
    prevHash = e.hash;
    expectedSeq++;
  }
  return undefined;
}
