import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteKeys } from '../../src/formats/byte-keys.ts';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

test('ByteKeys numbers keys in order of first sight and finds them inside larger arrays', () => {
  const keys = new ByteKeys();
  // Lengths 0 to 9 cover the four-byte steps and every length of the byte-by-byte tail.
  const words = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'abcdef', 'abcdefg', 'abcdefgh', 'abcdefghi'];
  words.forEach((w, i) => assert.equal(keys.add(bytes(w), 0, w.length), i));
  assert.equal(keys.size, 10);
  // "xxabcdefgh!" holds "abcdefgh" at 2..10 (key 8), and "abcdefgi" differs only in its last byte.
  const line = bytes('xxabcdefgh!');
  assert.equal(keys.find(line, 2, 10), 8);
  assert.equal(keys.find(line, 2, 2), 0);
  assert.equal(keys.find(bytes('abcdefgi'), 0, 8), -1);
  assert.equal(keys.find(bytes('bcd'), 0, 3), -1);
  // Keys come back byte for byte.
  const k = 9;
  assert.equal(Buffer.from(keys.keyBytes.subarray(keys.keyStart(k), keys.keyStart(k + 1))).toString(), 'abcdefghi');
});

test('ByteKeys: every key added is found again after the table has grown many times (property)', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 3000, selector: (a) => Buffer.from(a).toString('hex') }), (arrays) => {
      const keys = new ByteKeys();
      arrays.forEach((a, i) => {
        assert.equal(keys.find(a, 0, a.length), -1);
        assert.equal(keys.add(a, 0, a.length), i);
      });
      arrays.forEach((a, i) => {
        // Found from a copy at an odd offset of another array: the lookup reads bytes, not identity.
        const shifted = new Uint8Array(a.length + 3);
        shifted.set(a, 3);
        assert.equal(keys.find(shifted, 3, 3 + a.length), i);
      });
    }),
    { numRuns: 20 },
  );
});
