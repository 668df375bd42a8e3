/**
 * A small two-seat STV result written out by hand, for testing the printers without any rule:
 *
 *   Candidates Ann, Ben, Cat, Dan; 30 valid votes; quota floor(30/3)+1 = 11.
 *   Round 1: Ann 16, Ben 6, Cat 5, Dan 3. Ann is elected with a surplus of 5 over the quota; her 16 ballots
 *            go on at transfer value 5/16 = 0.3125: 9 to Ben (9 × 0.3125 = 2.8125), 6 to Cat
 *            (1.875), 1 has no next preference (0.3125 exhausted).
 *   Round 2: Ann 11, Ben 8.8125, Cat 6.875, Dan 3; exhausted 0.3125. Cat and Dan are not tied, but the
 *            record shows a tie between Ben and Cat broken backwards at round 1 (Cat had fewer there), to
 *            exercise the printing. Dan is excluded: his 3 go to Ben.
 *   Round 3: Ann 11, Ben 11.8125, Cat 6.875; Ben is elected.
 *   A third of a vote is lost to rounding in round 3's record (1/3, shown truncated: 0.33333 at 5 places).
 */
import { Rational } from '../../src/count/arithmetic.ts';
import type { CountResult } from '../../src/count/types.ts';

const r = (num: number, den = 1): Rational => Rational.of(num, den);
const tally = (entries: [number, Rational][]): Map<number, Rational> => new Map(entries);

export const HAND_RESULT: CountResult = {
  method: 'stv',
  rules: 'hand',
  seats: 2,
  candidates: ['Ann', 'Ben', 'Cat', 'Dan'],
  places: 5,
  validVotes: r(30),
  quota: r(11),
  winners: [0, 1],
  rounds: [
    {
      round: 1,
      // Deliberately not in candidate order: the printers sort by candidate.
      tally: tally([[3, r(3)], [0, r(16)], [2, r(5)], [1, r(6)]]),
      exhausted: r(0),
      loss: r(0),
      threshold: r(11),
      elected: [0],
      excluded: [],
      transfer: { kind: 'surplus', from: [0], to: tally([[1, r(28125, 10000)], [2, r(1875, 1000)]]), exhausted: r(3125, 10000), value: r(5, 16) },
    },
    {
      round: 2,
      tally: tally([[0, r(11)], [1, r(88125, 10000)], [2, r(6875, 1000)], [3, r(3)]]),
      exhausted: r(3125, 10000),
      loss: r(0),
      threshold: r(11),
      elected: [],
      excluded: [3],
      transfer: { kind: 'exclusion', from: [3], to: tally([[1, r(3)]]), exhausted: r(0) },
      tieBreaks: [{ tied: [1, 2], chosen: 2, how: 'backwards', round: 1 }],
    },
    {
      round: 3,
      tally: tally([[0, r(11)], [1, r(118125, 10000)], [2, r(6875, 1000)]]),
      exhausted: r(3125, 10000),
      loss: r(1, 3),
      threshold: r(11),
      elected: [1],
      excluded: [],
      notes: ['two seats filled'],
    },
  ],
};
