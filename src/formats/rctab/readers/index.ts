/** Which reader reads which `provider` of an RCTab config's cvrFileSources, and reading them all in turn. */
import { err, ok, type InputError, type Result } from '../../../result.ts';
import type { CandidateDirectory, CastVoteRecord, CvrProvider, CvrReader, CvrSourceSpec } from '../cvr.ts';
import { readCdf, readCdfContests } from './cdf.ts';
import { readClearBallot, readClearBallotContests } from './clear-ballot.ts';
import { readDominion, readDominionContests } from './dominion.ts';
import { readEss } from './ess.ts';
import { readGenericCsv } from './generic-csv.ts';
import { readHart, readHartContests } from './hart.ts';
import type { ContestsReader } from './targets.ts';

export const CVR_READERS: Record<CvrProvider, CvrReader> = {
  ess: readEss,
  dominion: readDominion,
  cdf: readCdf,
  clearBallot: readClearBallot,
  genericCsv: readGenericCsv,
  hart: readHart,
};

/** The readers a run uses: one per provider, and those that read several contests of an export at once. */
export interface CvrReaders {
  readonly single: Readonly<Record<CvrProvider, CvrReader>>;
  readonly contests: Readonly<Partial<Record<CvrProvider, ContestsReader>>>;
}

export const READERS: CvrReaders = {
  single: CVR_READERS,
  contests: { cdf: readCdfContests, dominion: readDominionContests, clearBallot: readClearBallotContests, hart: readHartContests },
};

/**
 * Streams the records of every source in order to `onRecord`, numbered from 0 across sources; the first
 * invalid source stops the reading. Returns how many records were read.
 */
export async function readSources(
  sources: readonly CvrSourceSpec[],
  directory: CandidateDirectory,
  onRecord: (record: CastVoteRecord, index: number) => void,
): Promise<Result<number, InputError>> {
  let records = 0;
  for (const spec of sources) {
    const read = await CVR_READERS[spec.provider](spec, directory, (record) => {
      onRecord(record, records);
      records += 1;
    });
    if (!read.ok) return err(read.error);
  }
  return ok(records);
}
