import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ArrayElement } from '../../../../src/formats/rctab/readers/json-stream.ts';
import { scanXmlElements } from '../../../../src/formats/rctab/readers/xml-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'rollover-xml-stream-'));

async function scan(text: string): Promise<{ elements: ArrayElement[]; rest: string }> {
  const path = join(dir, 'doc.xml');
  writeFileSync(path, text);
  const elements: ArrayElement[] = [];
  const rest = await scanXmlElements(path, 'doc.xml', 'CVR', (e) => {
    elements.push(e);
    return undefined;
  });
  assert.ok(rest.ok);
  return { elements, rest: rest.value };
}

test('CVR elements with or without a prefix come out whole; CVRSnapshot inside them is not a CVR', async () => {
  const text = [
    '<cdf:Report xmlns:cdf="x">',
    '<cdf:CVR><cdf:CVRSnapshot ObjectId="a"/></cdf:CVR>',
    '<CVR id="2">',
    '  <CVRContest/>',
    '</CVR><CVR/>',
    '<Election/></cdf:Report>',
  ].join('\n');
  const { elements, rest } = await scan(text);
  assert.deepEqual(elements.map((e) => [e.text, e.line]), [
    ['<cdf:CVR><cdf:CVRSnapshot ObjectId="a"/></cdf:CVR>', 2],
    ['<CVR id="2">\n  <CVRContest/>\n</CVR>', 3],
    ['<CVR/>', 5],
  ]);
  assert.equal(rest, '<cdf:Report xmlns:cdf="x">\n\n\n<Election/></cdf:Report>');
});

test('elements spanning 1 MB chunk boundaries come back exactly, with their lines', async () => {
  const cvrs = Array.from({ length: 30000 }, (_, i) => `<CVR>\n<UniqueId>${i}</UniqueId><Pad>${'x'.repeat(i % 50)}</Pad>\n</CVR>`);
  const { elements } = await scan(`<Report>\n${cvrs.join('\n')}\n</Report>`);
  assert.equal(elements.length, 30000);
  assert.deepEqual(elements.map((e) => e.text), cvrs);
  // Each CVR takes 3 lines, and the first starts on line 2.
  assert.deepEqual(elements.slice(0, 3).map((e) => e.line), [2, 5, 8]);
  assert.equal(elements[29999]?.line, 2 + 3 * 29999);
});

test('a file that ends inside a CVR is an error naming the file and line', async () => {
  const path = join(dir, 'cut.xml');
  writeFileSync(path, '<Report>\n<CVR>\n<UniqueId>1');
  const result = await scanXmlElements(path, 'cut.xml', 'CVR');
  assert.equal(result.ok, false);
  if (!result.ok) assert.deepEqual(result.error, { message: 'the file ends inside a <CVR> element (truncated?)', file: 'cut.xml', line: 2 });
});

test('property: CVR elements among decoys, read in chunks of any size, come back exactly with their lines', async () => {
  const path = join(dir, 'prop.xml');
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const element = fc.tuple(fc.constantFrom('', 'cdf:'), fc.string(), fc.boolean()).map(([prefix, text, multiline]) =>
    `<${prefix}CVR><${prefix}CVRSnapshot>${escape(text)}</${prefix}CVRSnapshot>${multiline ? '\n' : ''}</${prefix}CVR>`,
  );
  await fc.assert(
    fc.asyncProperty(fc.array(element, { maxLength: 6 }), fc.integer({ min: 1, max: 30 }), async (cvrs, chunkBytes) => {
      const head = '<Report>\n<CVRs/>\n';
      writeFileSync(path, `${head}${cvrs.join('\n')}\n<Election/></Report>`);
      const seen: ArrayElement[] = [];
      const rest = await scanXmlElements(path, 'prop.xml', 'CVR', (e) => {
        seen.push(e);
        return undefined;
      }, chunkBytes);
      assert.ok(rest.ok);
      assert.deepEqual(seen.map((e) => e.text), cvrs);
      // Line of each: 3, then one more per line break in the elements before it.
      let line = 3;
      cvrs.forEach((cvr, i) => {
        assert.equal(seen[i]?.line, line);
        line += cvr.split('\n').length;
      });
      assert.equal(rest.value.replace(/\s/g, ''), '<Report><CVRs/><Election/></Report>');
    }),
    { numRuns: 200 },
  );
});
