/**
 * Reading the CVR sources of several contests at once, each source once. Contests counted together often
 * share an export (RCTab issues #548, #981: one election's CVRs, many contests or many rule sets), and
 * reading a million-record export is most of a count's time. A source is read once for every contest
 * that names the same provider, file and reading options with the same candidates; its records go to each
 * of those contests as they are parsed, so nothing is held beyond what each contest keeps of them.
 */
import { existsSync } from 'node:fs';
import { err, ok, type InputError, type Result } from '../../result.ts';
import type { CandidateSpec, CastVoteRecord, CvrProvider, CvrReader, CvrSourceSpec } from './cvr.ts';
import { CandidateDirectory } from './cvr.ts';
import { CVR_READERS } from './readers/index.ts';

/** One contest's sources, its candidates, and where its records go. */
export interface SourceRequest {
  readonly sources: readonly CvrSourceSpec[];
  readonly candidates: readonly CandidateSpec[];
  readonly onRecord: (record: CastVoteRecord) => void;
}

/** A source as read once, and every contest that takes its records. */
interface PlannedRead {
  readonly spec: CvrSourceSpec;
  readonly directory: CandidateDirectory;
  readonly deliver: ((record: CastVoteRecord) => void)[];
}

/**
 * Reads every source of every request, each distinct source once, in the order the requests first name
 * them (a contest listing shared sources in another order than an earlier one gets their records in that
 * earlier order). The first invalid source stops the reading.
 */
export async function readShared(requests: readonly SourceRequest[], readers: Readonly<Record<CvrProvider, CvrReader>> = CVR_READERS): Promise<Result<void, InputError>> {
  for (const read of plan(requests)) {
    const { spec } = read;
    const reader = readers[spec.provider] as CvrReader | undefined;
    if (!reader) return err({ file: spec.filePath, message: `reading ${spec.provider} CVRs is not supported yet` });
    if (!existsSync(spec.resolvedPath)) return err({ file: spec.filePath, message: `CVR source not found (${spec.resolvedPath})` });
    const deliver = read.deliver;
    const done = await reader(spec, read.directory, deliver.length === 1 ? (deliver[0] as (r: CastVoteRecord) => void) : (record) => deliver.forEach((d) => d(record)));
    if (!done.ok) return err(done.error);
  }
  return ok(undefined);
}

function plan(requests: readonly SourceRequest[]): PlannedRead[] {
  const reads = new Map<string, PlannedRead>();
  for (const request of requests) {
    const candidates = JSON.stringify(request.candidates);
    for (const spec of request.sources) {
      // Same spec (provider, path, contest, columns, labels) and same candidates: the same records.
      const key = `${JSON.stringify(spec)}\u0000${candidates}`;
      const planned = reads.get(key);
      if (planned) planned.deliver.push(request.onRecord);
      else reads.set(key, { spec, directory: new CandidateDirectory(request.candidates), deliver: [request.onRecord] });
    }
  }
  return [...reads.values()];
}
