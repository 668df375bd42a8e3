/** Which reader reads which `provider` of an RCTab config's cvrFileSources. */
import type { CvrProvider, CvrReader } from '../cvr.ts';
import { readCdf } from './cdf.ts';
import { readClearBallot } from './clear-ballot.ts';
import { readDominion } from './dominion.ts';
import { readEss } from './ess.ts';
import { readGenericCsv } from './generic-csv.ts';
import { readHart } from './hart.ts';

export const CVR_READERS: Record<CvrProvider, CvrReader> = {
  ess: readEss,
  dominion: readDominion,
  cdf: readCdf,
  clearBallot: readClearBallot,
  genericCsv: readGenericCsv,
  hart: readHart,
};
