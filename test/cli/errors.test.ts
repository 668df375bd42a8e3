import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { fixtures, runCli, STACK_LINE } from './run-cli.ts';

const NAMES = '"Ann" "Ben" "Cat"\n"Poll"\n';

// Each bad file, and what the message must say beyond the file name.
const BAD_INPUT: readonly { name: string; file: string; content: string | Buffer; says: RegExp }[] = [
  { name: 'truncated file', file: 'truncated.blt', content: '3 1\n2 1 2 0\n1 3', says: /line 3/ },
  { name: 'unknown candidate', file: 'unknown.blt', content: `3 1\n2 1 4 0\n0\n${NAMES}`, says: /line 2: .*4/ },
  { name: 'non-numeric weight', file: 'weight.blt', content: `3 1\nx 1 2 0\n0\n${NAMES}`, says: /line 2: .*weight 'x'/ },
  { name: 'duplicated rank', file: 'twice.blt', content: `3 1\n1 1 2 1 0\n0\n${NAMES}`, says: /line 2: .*twice/ },
  { name: 'empty file', file: 'empty.blt', content: '', says: /empty/ },
  // Random bytes are almost surely not UTF-8 text; a fixed prefix makes sure (0xff never occurs in UTF-8).
  { name: 'binary junk', file: 'junk.blt', content: Buffer.concat([Buffer.from([0xff, 0x00, 0x13]), randomBytes(2000)]), says: /not a text ballot file|UTF-8|control character/ },
  { name: 'binary junk without an extension', file: 'junk', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), says: /format/ },
  {
    name: 'unknown candidate in a JSON contest',
    file: 'unknown.json',
    content: JSON.stringify({ title: 'Poll', candidates: ['Ann', 'Ben'], seats: 1, ballots: [{ ranking: ['Ann', 'Cat'] }] }),
    says: /Cat/,
  },
];

const files = fixtures(Object.fromEntries(BAD_INPUT.map((b) => [b.file, b.content])));

for (const bad of BAD_INPUT) {
  test(`${bad.name}: exit 1, a message naming the file and the problem, nothing on stdout`, async () => {
    const path = files[bad.file] ?? '';
    const run = await runCli(['count', path, '--json']);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.ok(run.stderr.startsWith(`rollover: ${path}`), run.stderr);
    assert.match(run.stderr, bad.says);
    assert.doesNotMatch(run.stderr, STACK_LINE);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, 'one line of message');
  });
}

test('a missing file: exit 1, "no such file"', async () => {
  const run = await runCli(['count', '/nonexistent/ward.blt']);
  assert.equal(run.code, 1);
  assert.equal(run.stderr, 'rollover: /nonexistent/ward.blt: no such file\n');
});

const USAGE: readonly { name: string; args: string[]; says: RegExp }[] = [
  { name: 'no command', args: [], says: /Usage: rollover/ },
  { name: 'count without a file', args: ['count'], says: /count needs a ballot FILE/ },
  { name: 'an unknown option', args: ['count', 'x.blt', '--recount'], says: /unknown option '--recount'/ },
  { name: 'seats not a number', args: ['count', 'x.blt', '--seats', 'two'], says: /seats must be a whole number/ },
  { name: 'zero seats', args: ['count', 'x.blt', '--seats', '0'], says: /seats must be a whole number/ },
  { name: 'an unknown method', args: ['count', 'x.blt', '--method', 'plurality'], says: /Allowed choices are irv, stv/ },
  { name: 'an unknown tie-break', args: ['count', 'x.blt', '--tiebreak', 'coin'], says: /Allowed choices are backwards, forwards, lot/ },
  { name: 'an unknown format', args: ['count', 'x.blt', '--format', 'xlsx'], says: /Allowed choices are blt, csv, preflib, json/ },
];

for (const usage of USAGE) {
  test(`usage error, ${usage.name}: exit 2`, async () => {
    const run = await runCli(usage.args);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, usage.says);
    assert.doesNotMatch(run.stderr, STACK_LINE);
  });
}

test('unknown rules are a usage error naming the known ones', async () => {
  const ok = fixtures({ 'ok.blt': `3 1\n2 1 0\n1 2 0\n0\n${NAMES}` });
  const run = await runCli(['count', ok['ok.blt'] ?? '', '--rules', 'borda']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^rollover: unknown rules "borda" \(known: .*irv.*scottish.*\)\n$/);
});

test('rules of the other method are a usage error naming the method', async () => {
  const ok = fixtures({ 'ok.blt': `3 1\n2 1 0\n1 2 0\n0\n${NAMES}` });
  const run = await runCli(['count', ok['ok.blt'] ?? '', '--method', 'irv', '--rules', 'meek']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^rollover: unknown irv rules "meek" \(known: irv\)\n$/);
});

test('--help exits 0 and lists every option of the contract', async () => {
  const run = await runCli(['count', '--help']);
  assert.equal(run.code, 0);
  for (const option of ['--format', '--method', '--rules', '--seats', '--tiebreak', '--lot-seed', '--json', '--batch-elimination', '--continue-until-two']) {
    assert.ok(run.stdout.includes(option), option);
  }
});
