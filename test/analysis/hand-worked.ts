/**
 * The election the margin tests work by hand: 8 × [A], 6 × [B], 5 × [C, B] (19 ballots).
 *   Round 1: A 8, B 6, C 5. C is excluded; C's ballots go to B.
 *   Round 2: B 11, A 8; 11 > 19/2, B wins.
 */
import type { Contest } from '../../src/count/ballots.ts';

export const [A, B, C] = [0, 1, 2];

export const handWorked: Contest = {
  title: 'hand-worked',
  candidates: ['A', 'B', 'C'],
  withdrawn: [],
  seats: 1,
  ballots: [
    { ranking: [A], weight: 8n },
    { ranking: [B], weight: 6n },
    { ranking: [C, B], weight: 5n },
  ],
};
