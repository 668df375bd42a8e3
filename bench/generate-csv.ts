/**
 * A large, realistic ballot file for the benchmarks: a wide CSV (`rank1,…,rank12`, one ballot a row,
 * candidate names in cells, empty cells after the last preference), generated from a seeded PRNG so every
 * run measures the same file.
 *
 * To look like a real election rather than noise: candidates have very unequal popularity; about a third
 * of voters give a single preference and the rest stop with a fixed chance after each further one; and
 * after each choice a voter is three times as likely to continue with a candidate of the same party.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const CANDIDATES: readonly { name: string; party: number; popularity: number }[] = [
  { name: 'Okafor', party: 0, popularity: 300 },
  { name: 'Lindqvist', party: 1, popularity: 240 },
  { name: 'Macleod', party: 2, popularity: 170 },
  { name: 'Haddad', party: 0, popularity: 120 },
  { name: 'Brennan', party: 3, popularity: 90 },
  { name: 'Nakamura', party: 1, popularity: 70 },
  { name: 'Ferreira', party: 2, popularity: 50 },
  { name: 'Kowalski', party: 3, popularity: 35 },
  { name: 'Adeyemi', party: 0, popularity: 25 },
  { name: 'Petrov', party: 1, popularity: 15 },
  { name: 'Quigley', party: 2, popularity: 10 },
  { name: 'Santos', party: 3, popularity: 6 },
];

const SAME_PARTY_FACTOR = 3;
/** Out of 100: voters who give only one preference, and the chance of going on after each later one. */
const BULLET_PERCENT = 30;
const CONTINUE_PERCENT = 65;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; the same seed gives the same file everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const EMPTY_CELLS = CANDIDATES.map((_, i) => ','.repeat(CANDIDATES.length - 1 - i));

/** One ballot: draws preferences one at a time, without replacement, until the voter stops. */
function ballotRow(random: () => number): string {
  const n = CANDIDATES.length;
  const taken = new Uint8Array(n);
  let row = '';
  let previousParty = -1;
  for (let ranked = 0; ranked < n; ranked++) {
    let total = 0;
    for (let c = 0; c < n; c++) if (taken[c] === 0) total += weight(c, previousParty);
    let r = random() % total;
    let chosen = 0;
    while (taken[chosen] === 1 || r >= weight(chosen, previousParty)) {
      if (taken[chosen] === 0) r -= weight(chosen, previousParty);
      chosen++;
    }
    taken[chosen] = 1;
    const candidate = CANDIDATES[chosen];
    row += ranked === 0 ? candidate?.name : `,${candidate?.name}`;
    previousParty = candidate?.party ?? -1;
    const goOn = ranked === 0 ? random() % 100 >= BULLET_PERCENT : random() % 100 < CONTINUE_PERCENT;
    if (!goOn) return row + (EMPTY_CELLS[ranked] ?? '');
  }
  return row;
}

function weight(c: number, previousParty: number): number {
  const candidate = CANDIDATES[c];
  if (candidate === undefined) return 0;
  return candidate.party === previousParty ? candidate.popularity * SAME_PARTY_FACTOR : candidate.popularity;
}

/** Writes `ballots` rows to `file` in 4 MB pieces. */
export function writeBallotCsv(file: string, ballots: number, seed = 2017): void {
  const random = mulberry32(seed);
  const fd = openSync(file, 'w');
  try {
    let piece = `${CANDIDATES.map((_, i) => `rank${i + 1}`).join(',')}\n`;
    for (let i = 0; i < ballots; i++) {
      piece += `${ballotRow(random)}\n`;
      if (piece.length >= 4 * 2 ** 20) {
        writeSync(fd, piece);
        piece = '';
      }
    }
    writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}

/** The benchmark CSV of `ballots` ballots in `dir`, generated on first use and reused within a run. */
export function benchCsv(dir: string, ballots: number): string {
  const file = join(dir, `ballots-${ballots}.csv`);
  if (!existsSync(file)) writeBallotCsv(file, ballots);
  return file;
}
