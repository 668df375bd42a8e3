/**
 * Sealed envelopes for eligibility challenges. Until the challenge deadline each ballot is sealed to the
 * returning officer's public key (RSA-OAEP wrapping a fresh AES-256-GCM key) and kept with its voter, so
 * that a voter ruled ineligible can have their envelope cancelled unread. After the deadline the officer
 * brings the private key, held offline until then; the remaining envelopes are opened, shuffled and put
 * in the box without their voters, exactly like ballots cast after the deadline.
 */
import { constants, createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import { err, ok, type Result } from '../result.ts';
import type { RandomBytes } from './credentials.ts';
import { before } from './lifecycle.ts';
import type { Election } from './types.ts';
import type { MarkedBallot } from './voting.ts';

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };

/** Whether ballots cast now are sealed: the election takes challenges and the deadline has not passed. */
export function sealing(e: Election, now: string): boolean {
  return e.challenges !== undefined && before(now, e.challenges.deadline);
}

export function checkPublicKey(pem: string): Result<true, string> {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'rsa' ? ok(true) : err('the challenge key must be an RSA public key (PEM)');
  } catch {
    return err('the challenge key is not a PEM public key');
  }
}

export function seal(ballots: readonly MarkedBallot[], publicKeyPem: string, random: RandomBytes): string {
  const key = Buffer.from(random(32));
  const iv = Buffer.from(random(12));
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(ballots), 'utf8'), cipher.final()]);
  const wrapped = publicEncrypt({ key: publicKeyPem, ...OAEP }, key);
  return JSON.stringify({ key: wrapped.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') });
}

export function open(sealed: string, privateKeyPem: string): Result<MarkedBallot[], string> {
  try {
    const s = JSON.parse(sealed) as { key: string; iv: string; tag: string; data: string };
    const key = privateDecrypt({ key: createPrivateKey(privateKeyPem), ...OAEP }, Buffer.from(s.key, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(s.data, 'base64')), decipher.final()]).toString('utf8');
    return ok(JSON.parse(text) as MarkedBallot[]);
  } catch {
    return err('an envelope could not be opened with this key (is it the private key matching the election\'s challenge key?)');
  }
}
