import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { scanJsonArray, type ArrayElement } from '../../../../src/formats/rctab/readers/json-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'rollover-json-stream-'));

async function scan(text: string, key: string): Promise<{ elements: ArrayElement[]; rest: unknown }> {
  const path = join(dir, 'doc.json');
  writeFileSync(path, text);
  const elements: ArrayElement[] = [];
  const rest = await scanJsonArray(path, 'doc.json', key, (e) => {
    elements.push(e);
    return undefined;
  });
  assert.ok(rest.ok);
  return { elements, rest: JSON.parse(rest.value) as unknown };
}

test('elements come out one by one, strings with brackets, commas, quotes and key-like text left intact', async () => {
  const text = [
    '{"Version": "CVR", "CVR": [',
    '  {"s": "],\\"{[", "n": [1, {"CVR": [2]}]},',
    '  "plain",',
    '  7',
    '], "Election": {"CVR": [9]}}',
  ].join('\n');
  const { elements, rest } = await scan(text, 'CVR');
  assert.deepEqual(elements.map((e) => JSON.parse(e.text) as unknown), [{ s: '],"{[', n: [1, { CVR: [2] }] }, 'plain', 7]);
  assert.deepEqual(elements.map((e) => e.line), [2, 3, 4]);
  // Only the top-level array is emptied; the Election's own "CVR" key is kept.
  assert.deepEqual(rest, { Version: 'CVR', CVR: [], Election: { CVR: [9] } });
});

test('a file of several 1 MB chunks gives back every element exactly', async () => {
  const sessions = Array.from({ length: 40000 }, (_, i) => ({ RecordId: i, Text: `a "quoted" ] , } ${'é'.repeat(i % 7)}` }));
  const { elements, rest } = await scan(JSON.stringify({ Version: '1', Sessions: sessions, Tail: 'x' }), 'Sessions');
  assert.equal(elements.length, 40000);
  assert.deepEqual(elements.map((e) => JSON.parse(e.text) as unknown), sessions);
  assert.deepEqual(rest, { Version: '1', Sessions: [], Tail: 'x' });
});

test('a file that ends inside the array is an error naming the file and last line', async () => {
  const path = join(dir, 'cut.json');
  writeFileSync(path, '{"Sessions": [\n{"a": 1},\n{"b": ');
  const result = await scanJsonArray(path, 'cut.json', 'Sessions', () => undefined);
  assert.equal(result.ok, false);
  if (!result.ok) assert.deepEqual(result.error, { message: 'the file ends inside a JSON value (truncated?)', file: 'cut.json', line: 3 });
});

test('property: any JSON array, read in chunks of any size, comes back element for element', async () => {
  const path = join(dir, 'prop.json');
  await fc.assert(
    fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.jsonValue(), fc.integer({ min: 1, max: 40 }), async (items, other, chunkBytes) => {
      writeFileSync(path, JSON.stringify({ before: other, Sessions: items, after: other }, null, items.length % 2 === 0 ? 2 : undefined));
      const seen: unknown[] = [];
      const rest = await scanJsonArray(path, 'prop.json', 'Sessions', (e) => {
        seen.push(JSON.parse(e.text));
        return undefined;
      }, chunkBytes);
      assert.ok(rest.ok);
      assert.deepEqual(seen, JSON.parse(JSON.stringify(items)));
      assert.deepEqual(JSON.parse(rest.value), JSON.parse(JSON.stringify({ before: other, Sessions: [], after: other })));
    }),
    { numRuns: 200 },
  );
});
