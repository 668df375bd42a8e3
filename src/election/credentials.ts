/**
 * Ballot credentials and receipts. A credential is 160 random bits (above the 128 the service promises),
 * written in Crockford base32 in groups of four so it can be typed from paper; the store keeps only its
 * sha256 hash (with an optional secret pepper), so a copy of the database cannot be used to vote.
 */
import { sha256Hex } from './audit.ts';

/** Source of random bytes: crypto.randomBytes in the service, a seeded generator in tests and the demo. */
export type RandomBytes = (size: number) => Uint8Array;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CREDENTIAL_BYTES = 20;
const RECEIPT_BYTES = 10;

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? out + (ALPHABET[(value << (5 - bits)) & 31] ?? '') : out;
}

function groups(text: string): string {
  return (text.match(/.{1,4}/g) ?? []).join('-');
}

export function newCredential(random: RandomBytes): string {
  return groups(base32(random(CREDENTIAL_BYTES)));
}

export function newReceipt(random: RandomBytes): string {
  return groups(base32(random(RECEIPT_BYTES)));
}

/** What the voter typed, as issued: case, spaces and dashes ignored; O, I and L read as 0, 1 and 1. */
export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function hashCode(code: string, pepper: string): string {
  return sha256Hex(`${pepper}:${normalizeCode(code)}`);
}
