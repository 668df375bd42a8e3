/**
 * Batches of postal ballot papers, as the audit log records them: printing one (who, when, how many
 * papers) and every download of it. Each paper carries a working credential, so the log is where the
 * returning officer answers "who took these papers, and when"; the console's list is read from it.
 */
import type { AuditEntry, AuditInput } from './audit.ts';

export const BATCH_PRINTED = 'postal ballot papers printed';
export const BATCH_DOWNLOADED = 'postal ballot papers downloaded';

export interface PostalBatch {
  readonly name: string;
  readonly at: string;
  readonly actor: string;
  readonly papers: number;
  readonly downloads: readonly { readonly at: string; readonly actor: string }[];
}

export function batchPrinted(actor: string, name: string, papers: number): AuditInput {
  return { actor, action: BATCH_PRINTED, data: { batch: name, papers } };
}

export function batchDownloaded(actor: string, name: string): AuditInput {
  return { actor, action: BATCH_DOWNLOADED, data: { batch: name } };
}

/** The batches printed, oldest first, each with its downloads in order. */
export function postalBatches(audit: readonly AuditEntry[]): PostalBatch[] {
  const batches = new Map<string, { name: string; at: string; actor: string; papers: number; downloads: { at: string; actor: string }[] }>();
  for (const a of audit) {
    const name = a.data.batch;
    if (typeof name !== 'string') continue;
    if (a.action === BATCH_PRINTED) batches.set(name, { name, at: a.at, actor: a.actor, papers: typeof a.data.papers === 'number' ? a.data.papers : 0, downloads: [] });
    if (a.action === BATCH_DOWNLOADED) batches.get(name)?.downloads.push({ at: a.at, actor: a.actor });
  }
  return [...batches.values()];
}
