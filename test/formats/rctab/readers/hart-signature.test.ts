import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandidateDirectory } from '../../../../src/formats/rctab/cvr.ts';
import { hartSignatureProblem, rsaKeyValue } from '../../../../src/formats/rctab/readers/hart-signature.ts';
import { RCTAB, rankNames, readAll, skipUnlessData } from './support.ts';

// RCTab's signature_validation case: a Hart CVR, its signature, a signature whose SignatureValue was
// altered, the signing (test-only) public key and a key that differs from it in the modulus.
const dir = join(RCTAB, 'signature_validation');
const read = (name: string) => readFileSync(join(dir, name));
const text = (name: string) => readFileSync(join(dir, name), 'utf8');

test('the signed Hart CVR verifies, also against the trusted key', { skip: skipUnlessData }, () => {
  assert.equal(hartSignatureProblem(read('test.xml'), text('test.xml.sig.xml')), undefined);
  assert.equal(hartSignatureProblem(read('test.xml'), text('test.xml.sig.xml'), rsaKeyValue(text('public_key.txt'))), undefined);
});

test('an altered signature, an altered file and an untrusted key are each refused', { skip: skipUnlessData }, () => {
  assert.equal(hartSignatureProblem(read('test.xml'), text('incorrect_signature.xml.sig.xml')), 'the signature does not verify');
  const changed = Buffer.from(text('test.xml').replace('Mickey Mouse', 'Mickey Moose'), 'utf8');
  assert.match(hartSignatureProblem(changed, text('test.xml.sig.xml')) ?? '', /digest differs/);
  assert.match(hartSignatureProblem(read('test.xml'), text('test.xml.sig.xml'), rsaKeyValue(text('incorrect_public_key.txt'))) ?? '', /other than the trusted/);
});

test('the Hart reader refuses a CVR whose signature does not verify, naming the file', { skip: skipUnlessData }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'rollover-hart-sig-'));
  cpSync(join(dir, 'test.xml'), join(folder, 'test.xml'));
  const spec = {
    provider: 'hart', filePath: 'cvrs', resolvedPath: folder, contestId: 'f15b1a85-3975-4928-8361-c5daa1e9ff20', treatBlankAsUndeclaredWriteIn: false,
  } as const;
  const names = ['Mickey Mouse', 'Bugs Bunny', 'Homer Simpson', 'Woody Woodpecker', 'Scrooge McDuck', 'Toucan Sam'];
  const candidates = new CandidateDirectory(names.map((name) => ({ name, aliases: [] })));
  cpSync(join(dir, 'test.xml.sig.xml'), join(folder, 'test.xml.sig.xml'));
  const good = await readAll(spec, candidates);
  assert.ok(good.result.ok);
  // Values 100000, 010000, 001000, 000010 (Woody: rank 5), 000100 (Scrooge: rank 4), 000001.
  assert.deepEqual(rankNames(good.records[0]), [[1, ['Mickey Mouse']], [2, ['Bugs Bunny']], [3, ['Homer Simpson']], [4, ['Scrooge McDuck']], [5, ['Woody Woodpecker']], [6, ['Toucan Sam']]]);
  cpSync(join(dir, 'incorrect_signature.xml.sig.xml'), join(folder, 'test.xml.sig.xml'));
  const { result } = await readAll(spec, candidates);
  assert.equal(result.ok, false);
  if (!result.ok) assert.deepEqual(result.error, { message: 'signature check failed: the signature does not verify', file: join('cvrs', 'test.xml') });
});
