/** Which reader reads which `provider` of an RCTab config's cvrFileSources. */
import type { CvrProvider, CvrReader } from '../cvr.ts';
import { readCdf } from './cdf.ts';
import { readDominion } from './dominion.ts';
import { readEss } from './ess.ts';

export const CVR_READERS: Partial<Record<CvrProvider, CvrReader>> = {
  ess: readEss,
  dominion: readDominion,
  cdf: readCdf,
};
