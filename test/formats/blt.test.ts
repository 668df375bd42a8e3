import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBltParser, parseBlt, writeBlt } from '../../src/formats/blt.ts';
import { totalWeight, withoutWithdrawn, type Contest } from '../../src/count/ballots.ts';
import type { InputError, Result } from '../../src/result.ts';
import { parseError, parsedValue } from './parse-results.ts';
import { assertSameInPieces, parseBytesInPieces } from './pieces.ts';

const data = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

const parsed = (text: string): Contest => parsedValue(parseBlt(text, 'hand.blt'));
const failure = (text: string): InputError => parseError(parseBlt(text, 'bad.blt'), 'bad.blt');

const DIALECT = `# a hand-made file using every feature
4 2
-3                      # candidate 3 withdrew
2 1 2 0
(ballot-7) 1 4 1=2 0    # OpenSTV ballot id; 1 and 2 ranked equal
3 2 - 4 0               # a skipped rank is passed over
1 1 2 0                 # the same ranking as line 4: grouped with it
1 0                     # no preference at all
0
"Ada \\"the Countess\\" Lovelace"
/* a comment across
   two lines */ "Basil"
"Cyril"
"Dora"
"Test election"
`;

test('BLT: withdrawn, weights, equal ranks, ids, skipped ranks, comments, escapes', () => {
  const contest = parsed(DIALECT);
  assert.equal(contest.title, 'Test election');
  assert.deepEqual(contest.candidates, ['Ada "the Countess" Lovelace', 'Basil', 'Cyril', 'Dora']);
  assert.equal(contest.seats, 2);
  assert.deepEqual(contest.withdrawn, [2]); // file's 3 is 0-based 2
  assert.deepEqual(contest.ballots, [
    // lines 4 and 7 rank 1 then 2: 2 + 1 = 3 ballots
    { ranking: [0, 1], weight: 3n },
    // "4 1=2": Dora, then Ada and Basil equal; Basil is at position 2, tied with position 1
    { ranking: [3, 0, 1], weight: 1n, tiedWithPrevious: [2] },
    { ranking: [1, 3], weight: 3n },
    { ranking: [], weight: 1n },
  ]);
});

test('BLT: Droop [nick], [withdrawn] and [tie] options, unknown options ignored', () => {
  const contest = parsed('3 1\n[nick a b c]\n[withdrawn c]\n[tie 3 2 1]\n[droop rule=meek]\n5 a b 0\n1 b=c 0\n0\n"A" "B" "C" "Nicks"');
  assert.deepEqual(contest.withdrawn, [2]);
  // [tie 3 2 1]: C first, then B, then A, as 0-based candidate numbers.
  assert.deepEqual(contest.tieOrder, [2, 1, 0]);
  assert.deepEqual(contest.ballots, [
    { ranking: [0, 1], weight: 5n },
    { ranking: [1, 2], weight: 1n, tiedWithPrevious: [1] },
  ]);
  assert.deepEqual(contest.candidates, ['A', 'B', 'C']);
});

test('BLT: [tie] may name candidates by [nick]; a file without [tie] has no tie order', () => {
  assert.deepEqual(parsed('3 1\n[nick ann bob cat]\n[tie cat ann bob]\n1 ann 0\n0\n"A" "B" "C" "T"').tieOrder, [2, 0, 1]);
  assert.equal(parsed('2 1\n1 1 0\n0\n"A" "B" "T"').tieOrder, undefined);
});

test('BLT: Wichmann source and comment and free text after the title are allowed', () => {
  const contest = parsed('2 1\n1 1 0\n0\n"A"\n"B"\n"Title"\n"source"\n"comment"\nFirst Prefs\n 1 0\n');
  assert.equal(contest.title, 'Title');
  assert.deepEqual(contest.candidates, ['A', 'B']);
});

test('BLT: a file pushed in pieces split anywhere parses the same as whole', () => {
  assertSameInPieces(() => createBltParser('hand.blt'), DIALECT, parsed(DIALECT), 12);
});

test('BLT: a byte order mark and CRLF line ends are accepted', () => {
  const contest = parsed('\uFEFF2 1\r\n3 2 1 0\r\n0\r\n"A"\r\n"B"\r\n"T"\r\n');
  assert.deepEqual(contest.ballots, [{ ranking: [1, 0], weight: 3n }]);
});

test('writeBlt writes the standard form and parseBlt reads it back', () => {
  const contest: Contest = {
    title: 'Say "hi"',
    candidates: ['Ann', 'Bob', 'Cy'],
    withdrawn: [1],
    seats: 1,
    ballots: [
      { ranking: [0, 2], weight: 4n },
      { ranking: [2, 0, 1], weight: 1n, tiedWithPrevious: [1] },
      { ranking: [], weight: 2n },
    ],
  };
  const text = writeBlt(contest);
  assert.equal(text, '3 1\n-2\n4 1 3 0\n1 3=1 2 0\n2 0\n0\n"Ann"\n"Bob"\n"Cy"\n"Say \\"hi\\""\n');
  assert.deepEqual(parsed(text), contest);
});

test('writeBlt writes a tie order as [tie …] after the withdrawn line, and it reads back', () => {
  const contest: Contest = { title: 'T', candidates: ['Ann', 'Bob', 'Cy'], withdrawn: [0], seats: 1, ballots: [{ ranking: [1], weight: 2n }], tieOrder: [1, 2, 0] };
  const text = writeBlt(contest);
  assert.equal(text, '3 1\n-1\n[tie 2 3 1]\n2 2 0\n0\n"Ann"\n"Bob"\n"Cy"\n"T"\n');
  assert.deepEqual(parsed(text), contest);
});

test('BLT bad input: each problem names the file, the line and what is wrong', () => {
  const cases: [string, string, number, RegExp][] = [
    ['empty file', '', 1, /empty file/],
    ['only comments', '# nothing\n\n', 2, /empty file/],
    ['header not numbers', 'three 1\n', 1, /number of candidates/],
    ['more seats than candidates', '2 3\n0\n"A" "B" "T"', 1, /3 seats for 2 candidates/],
    ['non-numeric weight', '2 1\n1 1 0\nx 2 0\n0\n"A" "B" "T"', 3, /weight 'x' is not a whole number/],
    ['fractional weight', '2 1\n1.5 1 0\n0\n"A" "B" "T"', 2, /weight '1.5' is not a whole number/],
    ['candidate out of range', '2 1\n1 1 3 0\n0\n"A" "B" "T"', 2, /candidate number 3 is out of range/],
    ['candidate twice', '3 1\n1 1 2 1 0\n0\n"A" "B" "C" "T"', 2, /candidate 1 appears twice/],
    ['unknown candidate', '2 1\n1 1 x 0\n0\n"A" "B" "T"', 2, /unknown candidate 'x'/],
    ['empty equal rank', '2 1\n1 1= 0\n0\n"A" "B" "T"', 2, /'=' must join two candidates/],
    ['ballot without its 0', '2 1\n1 1 2\n1 2 0\n0\n"A" "B" "T"', 2, /does not end with 0/],
    ['withdrawn out of range', '2 1\n-4\n0\n"A" "B" "T"', 2, /candidate number 4 is out of range/],
    ['withdrawn after ballots', '2 1\n1 1 0\n-2\n0\n"A" "B" "T"', 3, /must come before the first ballot/],
    ['missing end marker', '2 1\n1 1 0\n"A"\n"B"\n"T"', 3, /expected a ballot weight, found "A"/],
    ['truncated in ballots', '2 1\n1 1 0\n1 2 0\n', 3, /before the end-of-ballots marker/],
    ['missing names', '2 1\n1 1 0\n0\n"A"\n', 4, /after 1 of 2 candidate names/],
    ['missing title', '2 1\n1 1 0\n0\n"A"\n"B"\n', 5, /missing title/],
    ['unquoted name', '2 1\n1 1 0\n0\nAnn\n"B"\n"T"', 4, /name of candidate 1 in quotes/],
    ['more names than candidates', '1 1\n1 1 0\n0\n"A"\n"B"\n"T"\n"x"\n"y"', 8, /more quoted names than the 1 candidates/],
    ['unterminated quote', '2 1\n1 1 0\n0\n"A\n"B" "T"', 4, /unterminated quoted string/],
    ['unclosed comment', '2 1\n1 1 0\n0\n"A" "B" "T" /* open', 4, /never closed/],
    ['binary junk', '\u0000\u0001PK\u0003\u0004', 1, /control character U\+0000/],
    ['bad nick count', '2 1\n[nick a]\n0\n"A" "B" "T"', 2, /1 nicknames for 2 candidates/],
    ['tie order too short', '3 1\n[tie 1 2]\n0\n"A" "B" "C" "T"', 2, /\[tie\] lists 2 candidates: it must list each of the 3 once/],
    ['tie order repeats', '3 1\n[tie 1 2 1]\n0\n"A" "B" "C" "T"', 2, /\[tie\] lists candidate 1 twice/],
    ['tie order unknown', '2 1\n[tie 1 x]\n0\n"A" "B" "T"', 2, /unknown candidate 'x'/],
    ['tie order out of range', '2 1\n[tie 1 3]\n0\n"A" "B" "T"', 2, /candidate number 3 is out of range/],
    ['tie order twice', '2 1\n[tie 1 2]\n[tie 2 1]\n0\n"A" "B" "T"', 3, /\[tie\] is given twice/],
  ];
  for (const [what, text, line, message] of cases) {
    const error = failure(text);
    assert.equal(error.line, line, `${what}: line`);
    assert.match(error.message, message, what);
  }
});

test('BLT: after the first error, later chunks are ignored and end() returns that error', () => {
  const parser = createBltParser('bad.blt');
  parser.push('2 1\nx 1 0\n');
  parser.push('this would be another error\n');
  const result: Result<Contest, InputError> = parser.end();
  assert.ok(!result.ok);
  assert.equal(result.error.line, 2);
});

// Real data: Droop's corpus, checked against the facts Droop's own reports state for each file.

const droopBlt = `${data}droop/blt`;
const droopReports = `${data}droop/ref/report`;

function bltFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return bltFiles(path);
    return entry.name.endsWith('.blt') ? [path] : [];
  });
}

function reportsFor(bltPath: string): string[] {
  const base = bltPath.slice(bltPath.lastIndexOf('/') + 1, -'.blt'.length);
  const subdir = bltPath.slice(droopBlt.length, bltPath.lastIndexOf('/'));
  const dir = `${droopReports}${subdir}`;
  if (!existsSync(dir)) return [];
  const rule = new RegExp(`^${base.replace(/[.-]/g, '\\$&')}-(scotland|meek|wigm|warren|mpls|cfer|qpq)-`);
  return readdirSync(dir)
    .filter((name) => rule.test(name))
    .map((name) => `${dir}/${name}`);
}

/** "Seats: 4", "Ballots: 94", "Add eligible: Name" from the head of a Droop report. */
function reportFacts(text: string): { title: string; seats: number; ballots: bigint; eligible: string[] } {
  const field = (name: string): string => {
    const match = new RegExp(`^\\s*${name}: (.*)$`, 'm').exec(text);
    assert.ok(match?.[1] !== undefined, `report lacks ${name}`);
    return match[1];
  };
  const eligible = [...text.matchAll(/^\s*Add eligible: (.*)$/gm)].map((m) => m[1] ?? '');
  return { title: field('Election'), seats: Number(field('Seats')), ballots: BigInt(field('Ballots')), eligible };
}

test(
  'BLT real data: every Droop corpus file parses and agrees with Droop reports on title, seats, ballots, eligible candidates',
  { skip: existsSync(droopBlt) ? false : 'shared data absent: ../shared/data/droop/blt not found' },
  () => {
    const files = bltFiles(droopBlt);
    assert.equal(files.length, 49);
    let checked = 0;
    for (const path of files) {
      const contest = parsed(readFileSync(path, 'utf8'));
      for (const report of reportsFor(path)) {
        const facts = reportFacts(readFileSync(report, 'utf8'));
        const where = `${path} vs ${report}`;
        assert.equal(contest.title, facts.title, where);
        assert.equal(contest.seats, facts.seats, where);
        // Droop counts only ballots with a preference for a candidate still standing; we keep the others
        // (empty rankings), so compare after dropping withdrawn candidates and empty ballots.
        const nonEmpty = totalWeight(withoutWithdrawn(contest).ballots.filter((b) => b.ranking.length > 0));
        assert.equal(nonEmpty, facts.ballots, where);
        // Droop re-joins a name's words with single spaces ("Ellen   Hurcombe" in Canal-2007.blt); we keep
        // names as written, so compare with runs of spaces collapsed.
        const eligible = contest.candidates.filter((_, i) => !contest.withdrawn.includes(i)).map((n) => n.replace(/ +/g, ' '));
        assert.deepEqual(eligible, facts.eligible, where);
        checked += 1;
      }
    }
    assert.ok(checked >= 100, `only ${checked} reports matched`);
  },
);

// Real data: the 2017 Scottish council wards, checked against the official result sheets.

const scotland = `${data}scotland-2017`;

interface OfficialWard {
  readonly seats: number;
  readonly validPoll: number;
  readonly candidates: readonly { readonly name: string }[];
}

test(
  'BLT real data: all 166 Scottish 2017 wards parse; seats, candidates and valid poll match the official sheets',
  { skip: existsSync(scotland) ? false : 'shared data absent: ../shared/data/scotland-2017 not found' },
  () => {
    const wards = readdirSync(scotland).filter((name) => name.endsWith('.blt'));
    assert.equal(wards.length, 166);
    const differences: string[] = [];
    for (const ward of wards) {
      const contest = parsed(readFileSync(`${scotland}/${ward}`, 'utf8'));
      const official = JSON.parse(readFileSync(`${scotland}/${ward.replace(/\.blt$/, '.result.json')}`, 'utf8')) as OfficialWard;
      assert.equal(contest.seats, official.seats, ward);
      assert.equal(contest.candidates.length, official.candidates.length, ward);
      const nonEmpty = totalWeight(contest.ballots.filter((b) => b.ranking.length > 0));
      if (nonEmpty !== BigInt(official.validPoll)) differences.push(`${ward}: ${nonEmpty} ballots, valid poll ${official.validPoll}`);
    }
    // The one difference is the official sheet's: Bearsden North's first-stage totals (315 + 2338 + 379 +
    // 1277 + 1462 + 1264) add up to 7035, the ballots in the file, but its valid poll reads 7034.
    assert.deepEqual(differences, ['east-dunbartonshire-ward02.blt: 7035 ballots, valid poll 7034']);
  },
);

test('BLT: a file with no line breaks at all is refused once the line passes 16 M characters', () => {
  const parser = createBltParser('junk.blt');
  const block = 'x'.repeat(1 << 20);
  for (let i = 0; i < 17; i++) parser.push(block);
  const result = parser.end();
  assert.ok(!result.ok);
  assert.equal(result.error.line, 1);
  assert.match(result.error.message, /without a line break/);
});

test('BLT: plain ballot lines (read without tokens) and the same ballots in the general form agree', () => {
  const plain = parsed('3 1\n2 1 2 0\n\t5  3 1  0\n2 1 2 0\n1 0\n0\n"A" "B" "C" "T"');
  const general = parsed('3 1\n2 1 2 0 # comment\n5 3 /* c */ 1 0\n(id) 2 1 2 0\n1 0 0\n"A" "B" "C" "T"');
  // 2 + 2 ballots ranking A, B; 5 ranking C, A; 1 with no preference.
  const expected = [
    { ranking: [0, 1], weight: 4n },
    { ranking: [2, 0], weight: 5n },
    { ranking: [], weight: 1n },
  ];
  assert.deepEqual(plain.ballots, expected);
  assert.deepEqual(general.ballots, expected);
});

test('BLT: weights too long for a double are read exactly, the general way', () => {
  // 20 digits: past 2^53, where a double would round the weight.
  const contest = parsed('2 1\n12345678901234567891 1 2 0\n0\n"A" "B" "T"');
  assert.deepEqual(contest.ballots, [{ ranking: [0, 1], weight: 12345678901234567891n }]);
});

test('BLT: the byte reader cut anywhere, even inside a name\'s UTF-8 character, reads the same as whole', () => {
  const text = '3 2\n12 1 2 0\n3 3 0\n12 1 2 0\n0\n"Zoë" "Bjørn" "Ana"\n"Ward"\n';
  const bytes = Buffer.from(text, 'utf8');
  // 12 + 12 ballots ranking Zoë then Bjørn, 3 ranking Ana.
  const expected = [
    { ranking: [0, 1], weight: 24n },
    { ranking: [2], weight: 3n },
  ];
  for (let cut = 0; cut <= bytes.length; cut++) {
    const result = parseBytesInPieces(createBltParser('cut.blt'), bytes, [cut, Math.floor(cut / 2)]);
    assert.ok(result.ok, `cut at ${cut}`);
    assert.deepEqual(result.value.ballots, expected, `cut at ${cut}`);
    assert.deepEqual(result.value.candidates, ['Zoë', 'Bjørn', 'Ana'], `cut at ${cut}`);
  }
});
