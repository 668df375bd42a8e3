// Feeding a parser its input in pieces, as a stream delivers it: where a chunk ends must never matter.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Contest } from '../../src/count/ballots.ts';
import type { IncrementalParser } from '../../src/formats/lines.ts';
import type { InputError, Result } from '../../src/result.ts';

/** The [from, to) spans that cover 0..length, cut at `cuts` (in any order, each within 0..length). */
function spans(cuts: readonly number[], length: number): [number, number][] {
  const points = [0, ...[...cuts].sort((a, b) => a - b), length];
  return points.slice(1).map((to, i) => [points[i] ?? 0, to]);
}

/** Pushes `bytes` to the parser's byte path in pieces cut at `cuts`, and returns how it ends. */
export function parseBytesInPieces(parser: IncrementalParser, bytes: Buffer, cuts: readonly number[]): Result<Contest, InputError> {
  const { pushBytes } = parser;
  assert.ok(pushBytes, 'the parser reads bytes');
  for (const [from, to] of spans(cuts, bytes.length)) pushBytes(bytes.subarray(from, to));
  return parser.end();
}

/** Checks that `text` cut anywhere, in up to `maxCuts` places, parses to `whole`. */
export function assertSameInPieces(newParser: () => IncrementalParser, text: string, whole: Contest, maxCuts: number): void {
  fc.assert(
    fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: maxCuts }), (cuts) => {
      const parser = newParser();
      for (const [from, to] of spans(cuts, text.length)) parser.push(text.slice(from, to));
      const result = parser.end();
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.deepEqual(result.value, whole);
    }),
  );
}
