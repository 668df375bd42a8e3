import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashCode, newCredential, normalizeCode } from '../../src/election/credentials.ts';
import { seededRandom } from '../../src/election/seeded.ts';

test('a credential carries 160 random bits: 32 base32 characters in groups of four', () => {
  // 20 bytes of 0xff are 160 one-bits: 32 groups of five bits, each the last symbol Z.
  assert.equal(newCredential((n) => new Uint8Array(n).fill(0xff)), 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  // 0x44 0x44 = 01000100 01000100: five bits at a time 01000 → 8, 10001 → H (17), 00010 → 2.
  assert.match(newCredential((n) => new Uint8Array(n).fill(0x44)), /^8H2/);
  const random = seededRandom('x');
  assert.notEqual(newCredential(random), newCredential(random));
});

test('credentials are read forgivingly and stored as a peppered sha256', () => {
  assert.equal(normalizeCode(' abcd-l2O4 '), 'ABCD1204');
  // sha256("pepper:ABCD1234"), computed independently with Python hashlib.
  assert.equal(hashCode('abcd-1234', 'pepper'), 'b79b8d9940d0b9ff367cf7ed9c0c6fb7bba5a73be348f321ddd7d51f314b0d8b');
  assert.notEqual(hashCode('abcd-1234', 'other'), hashCode('abcd-1234', 'pepper'));
});
