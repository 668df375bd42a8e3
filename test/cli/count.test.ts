import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { fixtures, runCli, STACK_LINE } from './run-cli.ts';

/*
 * A hand-worked IRV count (17 ballots, 4 candidates):
 *   6 Alice | 4 Bob>Carol | 4 Carol>Bob | 2 Dave>Carol | 1 Dave
 * Round 1: Alice 6, Bob 4, Carol 4, Dave 3; continuing 17, majority floor(17/2)+1 = 9. Nobody has it;
 *          Dave is lowest: 2 go to Carol, 1 has no further preference (exhausted).
 * Round 2: Alice 6, Bob 4, Carol 6, exhausted 1; continuing 16, majority 9. Bob is lowest: 4 to Carol.
 * Round 3: Alice 6, Carol 10; continuing 16, majority 9. Carol has 10 >= 9 and wins.
 * Shares in round 1 (of 17, rounded to 2 places): Alice 6/17 = 35.294…%, Bob and Carol 4/17 = 23.529…%,
 * Dave 3/17 = 17.647…%.
 */
const TINY_BLT = `4 1
# a hand-made poll
6 1 0
4 2 3 0
4 3 2 0
2 4 3 0
1 4 0
0
"Alice" "Bob" "Carol" "Dave"
"Tiny poll"
`;

// The same ballots in the wide CSV form, one row per ballot.
const TINY_CSV = [
  'rank1,rank2',
  ...Array<string>(6).fill('Alice,'),
  ...Array<string>(4).fill('Bob,Carol'),
  ...Array<string>(4).fill('Carol,Bob'),
  ...Array<string>(2).fill('Dave,Carol'),
  'Dave,',
  '',
].join('\n');

/*
 * A tie for last place in the first round, so backwards has no earlier round and lot decides:
 *   4 Zed | 2 Xena | 2 Yann>Zed.  Continuing 8, majority 5: Zed's 4 is short; Xena and Yann tie at 2.
 */
const TIE_BLT = `3 1
4 3 0
2 1 0
2 2 3 0
0
"Xena" "Yann" "Zed"
"Tie"
`;

const files = fixtures({ 'tiny.blt': TINY_BLT, 'tiny.csv': TINY_CSV, 'tie.blt': TIE_BLT, 'tiny.txt': TINY_BLT });

interface RoundOut {
  round: number;
  tally: Record<string, string>;
  exhausted: string;
  threshold: string;
  elected: string[];
  excluded: string[];
  tieBreaks?: { tied: string[]; chosen: string; how: string }[];
}
interface CountOut {
  method: string;
  rules: string;
  seats: number;
  winners: string[];
  rounds: RoundOut[];
}

async function countJson(args: readonly string[]): Promise<CountOut> {
  const run = await runCli(['count', ...args, '--json']);
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
  return JSON.parse(run.stdout) as CountOut;
}

const EXPECTED_ROUNDS = [
  { round: 1, tally: { Alice: '6', Bob: '4', Carol: '4', Dave: '3' }, exhausted: '0', threshold: '9', elected: [], excluded: ['Dave'] },
  { round: 2, tally: { Alice: '6', Bob: '4', Carol: '6' }, exhausted: '1', threshold: '9', elected: [], excluded: ['Bob'] },
  { round: 3, tally: { Alice: '6', Carol: '10' }, exhausted: '1', threshold: '9', elected: ['Carol'], excluded: [] },
];

test('--json gives the contract shape with the hand-worked rounds', async () => {
  const out = await countJson([files['tiny.blt'] ?? '']);
  assert.equal(out.method, 'irv');
  assert.equal(out.rules, 'irv');
  assert.equal(out.seats, 1);
  assert.deepEqual(out.winners, ['Carol']);
  const core = out.rounds.map(({ round, tally, exhausted, threshold, elected, excluded }) => ({ round, tally, exhausted, threshold, elected, excluded }));
  assert.deepEqual(core, EXPECTED_ROUNDS);
});

test('a wide CSV of the same ballots counts the same', async () => {
  const out = await countJson([files['tiny.csv'] ?? '']);
  assert.deepEqual(out.winners, ['Carol']);
  assert.deepEqual(
    out.rounds.map((r) => [r.tally, r.exhausted, r.excluded]),
    EXPECTED_ROUNDS.map((r) => [r.tally, r.exhausted, r.excluded]),
  );
});

test('--format names the format when the file name does not', async () => {
  const out = await countJson([files['tiny.txt'] ?? '', '--format', 'blt']);
  assert.deepEqual(out.winners, ['Carol']);
});

test('the stage sheet shows votes, shares, transfers, exhausted and the winner, aligned', async () => {
  const run = await runCli(['count', files['tiny.blt'] ?? '']);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, '');
  const lines = run.stdout.split('\n');
  assert.equal(lines[0], 'Tiny poll');
  assert.match(run.stdout, /^Round 1 · majority 9$/m);
  // Round 1: Dave's 3 go out (2 to Carol, 1 exhausted).
  assert.match(run.stdout, /^ {2}Alice\s+6\s+35\.29%\s*$/m);
  assert.match(run.stdout, /^ {2}Carol\s+4\s+23\.53%\s+\+2\s*$/m);
  assert.match(run.stdout, /^ {2}Dave\s+3\s+17\.65%\s+-3\s+EXCLUDED$/m);
  assert.match(run.stdout, /^ {2}Exhausted\s+0\s+\+1\s*$/m);
  // Round 3: Carol 10 of 16 = 62.50%, elected.
  assert.match(run.stdout, /^ {2}Carol\s+10\s+62\.50%\s+ELECTED$/m);
  assert.match(run.stdout, /^Winner: Carol$/m);
  // Every table row of a round has its figures ending in the same column.
  const round1 = lines.slice(lines.indexOf('Round 1 · majority 9') + 1, lines.indexOf('Round 1 · majority 9') + 7);
  const votesEnd = round1.map((l) => /^ {2}\S+\s+\S+/.exec(l)?.[0].length);
  assert.equal(new Set(votesEnd).size, 1, `votes column misaligned:\n${round1.join('\n')}`);
});

function lotFirst(seed: string, names: readonly string[]): string {
  const digest = (n: string): string => createHash('sha256').update(`${seed}:${n}`).digest('hex');
  return [...names].sort((a, b) => (digest(a) < digest(b) ? -1 : 1))[0] ?? '';
}

for (const seed of ['rollover', 'ward 7 recount']) {
  test(`a first-round tie is broken by lot, seed "${seed}", and reported`, async () => {
    const args = [files['tie.blt'] ?? '', ...(seed === 'rollover' ? [] : ['--lot-seed', seed])];
    const out = await countJson(args);
    const loser = lotFirst(seed, ['Xena', 'Yann']);
    const first = out.rounds[0];
    assert.deepEqual(first?.excluded, [loser]);
    assert.deepEqual(first?.tieBreaks?.[0], { tied: ['Xena', 'Yann'], chosen: loser, how: 'lot' });
    assert.deepEqual(out.winners, ['Zed']);
    const table = await runCli(['count', ...args]);
    assert.match(table.stdout, new RegExp(`Tie between Xena, Yann broken by lot: ${loser}`));
  });
}

test('nothing on stdout and no stack trace when the count fails', async () => {
  const run = await runCli(['count', files['tiny.blt'] ?? '', '--method', 'irv', '--seats', '2']);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^rollover: .*tiny\.blt: IRV fills one seat/);
  assert.doesNotMatch(run.stderr, STACK_LINE);
});

/*
 * Two seats: 5 Ann | 4 Ben | 1 Cat. Valid 10; Droop quota floor(10 / (2 + 1)) + 1 = 4. Ann (5) and Ben (4)
 * both reach the quota in the first round and are elected, Ann first with more votes.
 */
const TWO_SEATS = fixtures({ 'two.blt': '3 2\n5 1 0\n4 2 0\n1 3 0\n0\n"Ann" "Ben" "Cat"\n"Two seats"\n' });

test('a file with more than one seat is counted by STV, Scottish rules, by default', async () => {
  const out = await countJson([TWO_SEATS['two.blt'] ?? '']);
  assert.equal(out.method, 'stv');
  assert.equal(out.rules, 'scottish');
  assert.equal(out.seats, 2);
  assert.deepEqual(out.winners, ['Ann', 'Ben']);
  assert.equal(out.rounds[0]?.threshold, '4.00000');
  assert.deepEqual(out.rounds[0]?.elected, ['Ann', 'Ben']);
});

test('--rules naming an STV rule set picks STV even for one seat', async () => {
  // One seat by Meek: with one seat STV elects like IRV (Dave, then Bob, are excluded), so Carol wins.
  const out = await countJson([files['tiny.blt'] ?? '', '--rules', 'meek']);
  assert.equal(out.method, 'stv');
  assert.equal(out.rules, 'meek');
  assert.deepEqual(out.winners, ['Carol']);
});

test('a reader that stops early (rollover count … | head) ends the count quietly', async () => {
  // 150 candidates with 1..150 first preferences and nothing after: 149 rounds of 150-odd rows, far more
  // than a pipe holds, so the writer is still writing when the reader goes.
  const n = 150;
  const ballots = Array.from({ length: n }, (_, i) => `${i + 1} ${i + 1} 0`).join('\n');
  const names = Array.from({ length: n }, (_, i) => `"Candidate ${i + 1}"`).join(' ');
  const big = fixtures({ 'big.blt': `${n} 1\n${ballots}\n0\n${names}\n"Many rounds"\n` });
  const run = await runCli(['count', big['big.blt'] ?? ''], { closeEarly: true });
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
});

/*
 * --continue-until-two: 6 Ann | 3 Ben | 2 Cat. Continuing 11, majority floor(11/2)+1 = 6: Ann wins in
 * round 1. With the option, Cat (lowest) is excluded first (her 2 exhaust); round 2: Ann 6, Ben 3, and Ann
 * wins with two left.
 * --batch-elimination: 9 Ann | 7 Ben | 2 Cat | 1 Dan. Continuing 19, majority 10, nobody has it. Cat and
 * Dan together have 3, fewer than Ben's 7, so both go at once; round 2: Ann 9, Ben 7, continuing 16,
 * majority 9: Ann wins. Without the option Dan goes, then Cat, and Ann wins in round 3.
 */
const OPTIONS = fixtures({
  'until-two.blt': '3 1\n6 1 0\n3 2 0\n2 3 0\n0\n"Ann" "Ben" "Cat"\n"Until two"\n',
  'batch.blt': '4 1\n9 1 0\n7 2 0\n2 3 0\n1 4 0\n0\n"Ann" "Ben" "Cat" "Dan"\n"Batch"\n',
});

test('--continue-until-two keeps excluding after a majority', async () => {
  const file = OPTIONS['until-two.blt'] ?? '';
  const plain = await countJson([file]);
  assert.deepEqual(plain.rounds.map((r) => [r.elected, r.excluded]), [[['Ann'], []]]);
  const untilTwo = await countJson([file, '--continue-until-two']);
  assert.deepEqual(untilTwo.rounds.map((r) => [r.elected, r.excluded]), [[[], ['Cat']], [['Ann'], []]]);
  assert.deepEqual(untilTwo.rounds[1]?.tally, { Ann: '6', Ben: '3' });
});

test('--batch-elimination excludes together those who cannot catch up', async () => {
  const file = OPTIONS['batch.blt'] ?? '';
  const plain = await countJson([file]);
  assert.deepEqual(plain.rounds.map((r) => r.excluded), [['Dan'], ['Cat'], []]);
  const batch = await countJson([file, '--batch-elimination']);
  assert.deepEqual(batch.rounds.map((r) => [...r.excluded].sort()), [['Cat', 'Dan'], []]);
  assert.deepEqual(batch.rounds[1]?.tally, { Ann: '9', Ben: '7' });
  assert.deepEqual(batch.winners, ['Ann']);
});

/*
 * A tie in round 2 that round 1 breaks: 10 Ann | 4 Ben | 5 Cat | 1 Dan>Ben | 2 Dan.
 * Round 1: Ann 10, Ben 4, Cat 5, Dan 3; majority floor(22/2)+1 = 12. Dan goes: 1 to Ben, 2 exhaust.
 * Round 2: Ann 10, Ben 5, Cat 5. Ben and Cat tie; backwards, round 1 had Ben 4 < Cat 5, so Ben goes.
 * With --tiebreak lot, the lot decides instead (the first of sha256("rollover:<name>") goes).
 */
const LATE_TIE = fixtures({ 'late-tie.blt': '4 1\n10 1 0\n4 2 0\n5 3 0\n1 4 2 0\n2 4 0\n0\n"Ann" "Ben" "Cat" "Dan"\n"Late tie"\n' });

test('--tiebreak: backwards (the default) looks at round 1; lot ignores it', async () => {
  const file = LATE_TIE['late-tie.blt'] ?? '';
  const backwards = await countJson([file]);
  assert.deepEqual(backwards.rounds[1]?.tally, { Ann: '10', Ben: '5', Cat: '5' });
  assert.deepEqual(backwards.rounds[1]?.tieBreaks, [{ tied: ['Ben', 'Cat'], chosen: 'Ben', how: 'backwards', round: 1 }]);
  assert.deepEqual(backwards.rounds[1]?.excluded, ['Ben']);
  const lot = await countJson([file, '--tiebreak', 'lot']);
  const loser = lotFirst('rollover', ['Ben', 'Cat']);
  assert.deepEqual(lot.rounds[1]?.tieBreaks, [{ tied: ['Ben', 'Cat'], chosen: loser, how: 'lot' }]);
  assert.deepEqual(lot.rounds[1]?.excluded, [loser]);
});
