/**
 * Reading several contests of one multi-contest export in one pass (RCTab issue #981): each contest is a
 * target with its own source spec (its contestId, labels, file path as its config writes it), candidates
 * and consumer, and every target names the same file.
 */
import type { InputError, Result } from '../../../result.ts';
import type { CandidateDirectory, CastVoteRecord, CvrSourceSpec, CvrSourceSummary } from '../cvr.ts';

export interface CvrTarget {
  readonly spec: CvrSourceSpec;
  readonly candidates: CandidateDirectory;
  readonly onRecord: (record: CastVoteRecord) => void;
}

/** Streams each target's records to it from one read of their file; `records` counts all targets'. */
export type ContestsReader = (targets: readonly CvrTarget[]) => Promise<Result<CvrSourceSummary, InputError>>;
