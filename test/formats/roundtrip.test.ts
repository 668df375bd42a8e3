// Writers and parsers agree: any contest written as BLT or native JSON reads back as the same contest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupBallots, type Ballot, type Contest } from '../../src/count/ballots.ts';
import { parseBlt, writeBlt } from '../../src/formats/blt.ts';
import { parseContestJson, writeContestJson } from '../../src/formats/json.ts';

/** Printable names, including the characters a writer must escape: quotes, backslashes, # and spaces. */
const name = fc.stringMatching(/^[A-Za-z0-9 "\\#'=,{}()[\]é-]{1,12}$/);

const contest: fc.Arbitrary<Contest> = fc
  .uniqueArray(name, { minLength: 1, maxLength: 6 })
  .chain((candidates) =>
    fc.record({
      title: name,
      candidates: fc.constant(candidates),
      seats: fc.integer({ min: 1, max: candidates.length }),
      withdrawn: fc.uniqueArray(fc.nat({ max: candidates.length - 1 }), { maxLength: candidates.length }).map((w) => w.sort((a, b) => a - b)),
      ballots: fc.array(ballot(candidates.length), { maxLength: 12 }).map((b) => groupBallots(b)),
    }),
  )
  // Most contests declare a tie order (a permutation of the candidates), which both formats carry.
  .chain((c) => fc.option(fc.shuffledSubarray([...c.candidates.keys()], { minLength: c.candidates.length }), { nil: undefined }).map((tieOrder) => ({ c, tieOrder })))
  // fc.record builds objects without a prototype; parsers return plain ones.
  .map(({ c, tieOrder }) => (tieOrder === undefined ? { ...c } : { ...c, tieOrder }));

/** A ranking of distinct candidates, some ranked equal to the one before, with a weight. */
function ballot(candidates: number): fc.Arbitrary<Ballot> {
  return fc
    .record({
      ranking: fc.uniqueArray(fc.nat({ max: candidates - 1 }), { maxLength: candidates }),
      ties: fc.array(fc.boolean(), { minLength: candidates, maxLength: candidates }),
      weight: fc.bigInt({ min: 1n, max: 10n ** 20n }),
    })
    .map(({ ranking, ties, weight }) => {
      const tied = ranking.flatMap((_, i) => (i > 0 && ties[i] === true ? [i] : []));
      return tied.length > 0 ? { ranking, weight, tiedWithPrevious: tied } : { ranking, weight };
    });
}

const FORMATS = [
  { write: writeBlt, parse: parseBlt, file: 'round.blt' },
  { write: writeContestJson, parse: parseContestJson, file: 'round.json' },
];

for (const { write, parse, file } of FORMATS) {
  test(`${write.name} then ${parse.name} gives back the contest`, () => {
    fc.assert(
      fc.property(contest, (c) => {
        const back = parse(write(c), file);
        assert.ok(back.ok, back.ok ? '' : back.error.message);
        assert.deepEqual(back.value, c);
      }),
    );
  });
}
