/**
 * Reading the CVR sources of several contests at once, each file once. Contests counted together often
 * share an export (RCTab issues #548, #981: one election's CVRs, many contests or many rule sets), and
 * reading a million-record export is most of a count's time. Contests naming the same provider, file and
 * reading options with the same candidates get the records of one read; contests naming different
 * contests of one multi-contest export (CDF, Dominion, Hart, Clear Ballot) are served by one pass of a
 * reader that reads several contests at once. Records go to each contest as they are parsed, so nothing
 * is held beyond what each contest keeps of them.
 */
import { err, ok, type InputError, type Result } from '../../result.ts';
import type { CandidateSpec, CastVoteRecord, CvrProvider, CvrSourceSpec } from './cvr.ts';
import { CandidateDirectory } from './cvr.ts';
import { READERS, type CvrReaders } from './readers/index.ts';

/** One contest's sources, its candidates, and where its records go. */
export interface SourceRequest {
  readonly sources: readonly CvrSourceSpec[];
  readonly candidates: readonly CandidateSpec[];
  readonly onRecord: (record: CastVoteRecord) => void;
}

/** A source as read for one or more contests that read it alike. */
interface PlannedTarget {
  readonly spec: CvrSourceSpec;
  readonly directory: CandidateDirectory;
  readonly deliver: ((record: CastVoteRecord) => void)[];
}

/** One read of one file, for one or more targets. */
interface PlannedRead {
  readonly provider: CvrProvider;
  readonly targets: PlannedTarget[];
}

/**
 * Reads every source of every request, each file once where the provider allows, in the order the
 * requests first name them (a contest listing shared sources in another order than an earlier one gets
 * their records in that earlier order). The first invalid source stops the reading.
 */
export async function readShared(requests: readonly SourceRequest[], readers: CvrReaders = READERS): Promise<Result<void, InputError>> {
  for (const { provider, targets } of plan(requests, readers)) {
    for (const { spec } of targets) {
      if (!(provider in readers.single)) return err({ file: spec.filePath, message: `reading ${spec.provider} CVRs is not supported yet` });
    }
    const several = readers.contests[provider];
    const done = several !== undefined && targets.length > 1 ? await several(targets.map((t) => ({ spec: t.spec, candidates: t.directory, onRecord: fanOut(t.deliver) }))) : await readEach(readers, provider, targets);
    if (!done.ok) return err(done.error);
  }
  return ok(undefined);
}

/** Reads the targets one after another (the provider reads one contest at a time). */
async function readEach(readers: CvrReaders, provider: CvrProvider, targets: readonly PlannedTarget[]): Promise<Result<void, InputError>> {
  for (const { spec, directory, deliver } of targets) {
    const done = await readers.single[provider](spec, directory, fanOut(deliver));
    if (!done.ok) return err(done.error);
  }
  return ok(undefined);
}

function fanOut(deliver: readonly ((record: CastVoteRecord) => void)[]): (record: CastVoteRecord) => void {
  const [only] = deliver;
  return deliver.length === 1 && only !== undefined ? only : (record) => deliver.forEach((d) => d(record));
}

function plan(requests: readonly SourceRequest[], readers: CvrReaders): PlannedRead[] {
  const targets = new Map<string, PlannedTarget>();
  const reads = new Map<string, PlannedRead>();
  for (const request of requests) {
    const candidates = JSON.stringify(request.candidates);
    for (const spec of request.sources) {
      // Same spec (provider, path, contest, columns, labels) and same candidates: the same records.
      const key = `${JSON.stringify(spec)}\u0000${candidates}`;
      const known = targets.get(key);
      if (known) {
        known.deliver.push(request.onRecord);
        continue;
      }
      const target = { spec, directory: new CandidateDirectory(request.candidates), deliver: [request.onRecord] };
      targets.set(key, target);
      // Other contests of the same file join one read when the provider reads several contests at once.
      const file = readers.contests[spec.provider] ? `${spec.provider}\u0000${spec.resolvedPath}` : key;
      const read = reads.get(file);
      if (read) read.targets.push(target);
      else reads.set(file, { provider: spec.provider, targets: [target] });
    }
  }
  return [...reads.values()];
}
