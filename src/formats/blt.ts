/**
 * BLT ballot files, the format of Hill, Wichmann & Woodall, "Algorithm 123: Single Transferable Vote by
 * Meek's method" (Computer Journal 30(3), 1987), with the extensions of OpenSTV and Droop
 * (Droop's BltFileFormat.md; OpenSTV's BltBallotLoader):
 *
 *   3 2                 candidates and seats
 *   -2                  withdrawn candidates, negative (optional)
 *   [nick a b c]        Droop options (optional): [nick …] names candidates on ballot lines,
 *                       [withdrawn …] is the same as negative ids, and so is [undeclared …] (write-ins
 *                       who may not be elected); [tie …] lists every candidate once, an order for
 *                       breaking ties (Contest.tieOrder); [droop …] and others are counting options
 *                       this parser accepts and ignores
 *   4 1 2 0             weight, then candidates 1..n in order of preference, then 0
 *   (b7) 1 3 1=2 0      OpenSTV: a ballot id in parentheses (dropped: ballots are grouped), `=` joins
 *                       candidates ranked equal, `-` a skipped rank (passed over, as Droop tolerates it)
 *   0                   end of ballots
 *   "Castor" …          one quoted name per candidate, then the quoted title; Wichmann's files add a
 *                       quoted source and comment, and free text may follow (Droop ignores it too)
 *
 * `#` comments run to the end of a line, `/* … *\/` comments may span lines. A ballot must end with its
 * 0 on the line where it starts (as OpenSTV requires): this catches a lost end marker instead of reading
 * the next line's weight as a preference. Ballots with no preference (`3 0`) are kept with an empty
 * ranking: rules count them as exhausted from the start (Droop drops them; totals then differ by them).
 */
import type { CandidateIndex, Contest } from '../count/ballots.ts';
import { err, inputError, ok, type InputError, type Result } from '../result.ts';
import { quoteBlt, tokenizeLine, type Token, type TokenizerState } from './blt-tokens.ts';
import { BallotGroups } from './groups.ts';
import { describeCharacter, findControlCharacter, byteLineParser, isDigits, parseWhole, type IncrementalParser } from './lines.ts';

type Section = 'candidates' | 'seats' | 'preamble' | 'ballots' | 'names' | 'title' | 'extras' | 'trailer';

/** A plain ballot's numbers have at most this many digits, so that they are exact as doubles. */
const MAX_PLAIN_DIGITS = 15;
/** Files with more candidates read ballots naming the others the general way. */
const MAX_PLAIN_CANDIDATES = 1 << 16;
const NO_TIES: readonly number[] = [];
const SPACE = 0x20;
const TAB = 0x09;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Wichmann's files follow the title with a quoted source and a quoted comment. */
const MAX_EXTRA_STRINGS = 2;

class BltReader {
  private section: Section = 'candidates';
  private candidateCount = 0;
  private seats = 0;
  private readonly withdrawn = new Set<CandidateIndex>();
  private readonly nicknames = new Map<string, CandidateIndex>();
  private readonly groups = new BallotGroups();
  private readonly names: string[] = [];
  private tieOrder: CandidateIndex[] | undefined;
  private title: string | undefined;
  private extras = 0;
  private readonly tokenizer: TokenizerState = { inComment: false };
  /** plainBallot's ranking, reused from line to line. */
  private readonly plainRanking: CandidateIndex[] = [];
  /** seenOnLine[c] is the number of the last plain line that ranked candidate c (1-based), to find repeats. */
  private seenOnLine = new Int32Array(0);
  private plainLines = 0;

  constructor(private readonly file: string) {}

  /** One line of the file as bytes[from, end): a plain ballot is read from its bytes, anything else as text. */
  line(bytes: Buffer, from: number, end: number, lineNo: number): InputError | undefined {
    if (this.section === 'trailer') return undefined;
    if ((this.section === 'ballots' || this.section === 'preamble') && !this.tokenizer.inComment && this.plainBallot(bytes, from, end)) return undefined;
    return this.textLine(bytes.toString('utf8', from, end), lineNo);
  }

  private textLine(text: string, lineNo: number): InputError | undefined {
    const junk = findControlCharacter(text);
    if (junk !== -1) return this.error(`not a text ballot file: ${describeCharacter(text, junk)} at column ${junk + 1}`, lineNo);
    const tokens = tokenizeLine(text, lineNo, this.tokenizer, this.file);
    if (!Array.isArray(tokens)) return tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token === undefined) break;
      if (this.startsBallot(token)) {
        const used = this.ballotLine(tokens, i);
        if (typeof used !== 'number') return used;
        i = used;
      } else {
        const problem = this.header(token);
        if (problem) return problem;
      }
    }
    return undefined;
  }

  /** Withdrawn ids and options belong to the preamble; the first weight or ballot id ends it. */
  private startsBallot(token: Token): boolean {
    if (this.section !== 'ballots' && this.section !== 'preamble') return false;
    if (token.kind === 'id') return true;
    if (token.kind !== 'word') return false;
    return this.section === 'ballots' ? !isWithdrawnId(token.text) : isDigits(token.text);
  }

  finish(lines: number): Result<Contest, InputError> {
    const atEnd = (message: string): Result<Contest, InputError> => err(this.error(message, Math.max(lines, 1)));
    if (this.tokenizer.inComment) return atEnd('a /* comment is never closed with */');
    switch (this.section) {
      case 'candidates':
        return atEnd('empty file: expected a first line "candidates seats", e.g. "3 1"');
      case 'seats':
        return atEnd('the file ends after the number of candidates: expected the number of seats');
      case 'preamble':
      case 'ballots':
        return atEnd('the file ends before the end-of-ballots marker 0 (is it truncated?)');
      case 'names':
        return atEnd(`the file ends after ${this.names.length} of ${this.candidateCount} candidate names (is it truncated?)`);
      case 'title':
        return atEnd('missing title: expected a quoted title after the candidate names');
      case 'extras':
      case 'trailer':
        return ok({
          title: this.title ?? '',
          candidates: this.names,
          withdrawn: [...this.withdrawn].sort((a, b) => a - b),
          seats: this.seats,
          ballots: this.groups.ballots(),
          ...(this.tieOrder ? { tieOrder: this.tieOrder } : {}),
        });
    }
  }

  private error(message: string, line: number): InputError {
    return inputError(message, { file: this.file, line });
  }

  /** Everything but ballot lines: header, withdrawn ids, options, names, title and what follows. */
  private header(token: Token): InputError | undefined {
    switch (this.section) {
      case 'candidates':
      case 'seats':
        return this.headerNumber(token);
      case 'preamble':
      case 'ballots':
        return this.preamble(token);
      case 'names':
        if (token.kind !== 'quoted') return this.error(`expected the name of candidate ${this.names.length + 1} in quotes, found ${show(token)}`, token.line);
        this.names.push(token.text);
        if (this.names.length === this.candidateCount) this.section = 'title';
        return undefined;
      case 'title':
        if (token.kind !== 'quoted') return this.error(`expected the title in quotes after the ${this.candidateCount} candidate names, found ${show(token)}`, token.line);
        this.title = token.text;
        this.section = 'extras';
        return undefined;
      case 'extras':
        return this.extra(token);
      case 'trailer':
        return undefined;
    }
  }

  private headerNumber(token: Token): InputError | undefined {
    const what = this.section === 'candidates' ? 'number of candidates' : 'number of seats';
    if (token.kind !== 'word' || !isDigits(token.text)) return this.error(`expected the ${what} (a whole number) on the first line, found ${show(token)}`, token.line);
    const value = Number(token.text);
    if (this.section === 'candidates') {
      if (value < 1) return this.error('the number of candidates must be at least 1', token.line);
      this.candidateCount = value;
      this.section = 'seats';
      return undefined;
    }
    if (value < 1 || value > this.candidateCount) return this.error(`${value} seats for ${this.candidateCount} candidates: seats must be between 1 and the number of candidates`, token.line);
    this.seats = value;
    this.seenOnLine = new Int32Array(Math.min(this.candidateCount, MAX_PLAIN_CANDIDATES) + 1);
    this.section = 'preamble';
    return undefined;
  }

  private preamble(token: Token): InputError | undefined {
    if (token.kind === 'option') {
      if (this.section !== 'preamble') return this.error(`option [${token.text}] must come before the first ballot`, token.line);
      return this.option(token);
    }
    if (token.kind === 'word' && isWithdrawnId(token.text)) {
      if (this.section !== 'preamble') return this.error(`withdrawn candidate ${token.text} must come before the first ballot`, token.line);
      return this.withdraw(token.text.slice(1), token.line);
    }
    const problem = token.kind === 'word' ? `weight ${show(token)} is not a whole number` : `expected a ballot weight, found ${show(token)}`;
    return this.error(problem, token.line);
  }

  private withdraw(ref: string, line: number): InputError | undefined {
    const candidate = this.candidate(ref, line);
    if (typeof candidate !== 'number') return candidate;
    this.withdrawn.add(candidate);
    return undefined;
  }

  private option(token: Token): InputError | undefined {
    const [name = '', ...args] = token.text.split(/\s+/);
    if (name === 'nick') return this.nick(args, token.line);
    if (name === 'tie') return this.tie(args, token.line);
    // An undeclared write-in (Droop's mpls rule) can be neither elected nor hold votes: withdrawn.
    if (name === 'withdrawn' || name === 'undeclared') {
      for (const ref of args) {
        const problem = this.withdraw(ref, token.line);
        if (problem) return problem;
      }
    }
    return undefined;
  }

  private nick(args: readonly string[], line: number): InputError | undefined {
    if (args.length !== this.candidateCount) return this.error(`[nick] lists ${args.length} nicknames for ${this.candidateCount} candidates`, line);
    for (const [index, nick] of args.entries()) {
      if (isDigits(nick) || nick.includes('=') || nick === '-') return this.error(`nickname '${nick}' could be read as a candidate number or mark`, line);
      if (this.nicknames.has(nick)) return this.error(`nickname '${nick}' is given twice`, line);
      this.nicknames.set(nick, index);
    }
    return undefined;
  }

  /** Droop requires the order to be complete, so that every possible tie has an answer. */
  private tie(args: readonly string[], line: number): InputError | undefined {
    if (this.tieOrder) return this.error('[tie] is given twice', line);
    if (args.length !== this.candidateCount) return this.error(`[tie] lists ${args.length} candidates: it must list each of the ${this.candidateCount} once`, line);
    const order: CandidateIndex[] = [];
    for (const ref of args) {
      const candidate = this.candidate(ref, line);
      if (typeof candidate !== 'number') return candidate;
      if (order.includes(candidate)) return this.error(`[tie] lists candidate ${ref} twice: it must list each of the ${this.candidateCount} once`, line);
      order.push(candidate);
    }
    this.tieOrder = order;
    return undefined;
  }

  private extra(token: Token): InputError | undefined {
    if (token.kind !== 'quoted') {
      this.section = 'trailer';
      return undefined;
    }
    this.extras += 1;
    if (this.extras > MAX_EXTRA_STRINGS) {
      return this.error(`more quoted names than the ${this.candidateCount} candidates in the header (after the title only a quoted source and comment may follow)`, token.line);
    }
    return undefined;
  }

  /** Reads one ballot from tokens[from]; returns the index of its last token (its 0) or an error. */
  private ballotLine(tokens: readonly Token[], from: number): number | InputError {
    this.section = 'ballots';
    let at = from;
    let token = tokens[at];
    if (token?.kind === 'id') token = tokens[++at];
    if (token === undefined) return this.error('a ballot id must be followed by the ballot on the same line', tokens[from]?.line ?? 0);
    if (token.kind !== 'word' || !isDigits(token.text)) return this.error(`weight ${show(token)} is not a whole number`, token.line);
    const weight = BigInt(token.text);
    if (weight === 0n) {
      this.section = 'names';
      return at;
    }
    const ballot = this.ranking(tokens, at + 1, token.line);
    if ('message' in ballot) return ballot;
    this.groups.add(ballot.ranking, ballot.tied, weight);
    return ballot.end;
  }

  /**
   * The usual ballot line, "weight c1 c2 … 0" in digits, spaces and tabs only (or the end marker "0"),
   * read straight from its bytes: most of a real file. Returns false, having changed nothing, for any
   * other line (comments, `=`, `-`, ids, options, two ballots on a line) and for a ballot with a problem:
   * the general reading then takes the line and names the problem.
   *
   * A ward's count runs this in V8's interpreter (src/cli/compiler.ts), so it is one loop over the bytes
   * with its state in local variables: no call, string or array per number, no property read per byte.
   */
  private plainBallot(bytes: Uint8Array, from: number, end: number): boolean {
    const ranking = this.plainRanking;
    const seen = this.seenOnLine;
    const line = ++this.plainLines;
    // Candidates past the array's end are read the general way (a huge header count gets no array).
    const candidates = seen.length - 1;
    let numbers = 0;
    let weight = 0;
    let length = 0;
    let ended = false;
    let value = 0;
    let digits = 0;
    // One step past the end, as if at a space, to finish the last number.
    for (let i = from; i <= end; i++) {
      const c = i < end ? (bytes[i] ?? 0) : SPACE;
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        value = value * 10 + (c - DIGIT_0);
        digits += 1;
        continue;
      }
      if (c !== SPACE && c !== TAB) return false;
      if (digits === 0) continue;
      // Nothing may follow the final 0; a longer number could lose digits as a double.
      if (ended || digits > MAX_PLAIN_DIGITS) return false;
      if (numbers === 0) weight = value;
      else if (value === 0) ended = true;
      else {
        if (value > candidates || seen[value] === line) return false;
        seen[value] = line;
        ranking[length++] = value - 1;
      }
      numbers += 1;
      value = 0;
      digits = 0;
    }
    if (numbers === 1 && weight === 0) {
      this.section = 'names';
      return true;
    }
    if (!ended || weight === 0) return false;
    this.section = 'ballots';
    this.groups.addWeight(this.groups.groupOf(ranking, NO_TIES, length), BigInt(weight));
    return true;
  }

  private ranking(tokens: readonly Token[], from: number, line: number): { ranking: CandidateIndex[]; tied: number[]; end: number } | InputError {
    const ranking: CandidateIndex[] = [];
    const tied: number[] = [];
    for (let at = from; at < tokens.length; at++) {
      const token = tokens[at];
      if (token === undefined) break;
      if (token.kind !== 'word') return this.error(`unexpected ${show(token)} in a ballot`, line);
      if (token.text === '0') return { ranking, tied, end: at };
      if (token.text === '-') continue;
      const parts = token.text.split('=');
      for (const [j, part] of parts.entries()) {
        const candidate = this.candidate(part, line);
        if (typeof candidate !== 'number') return candidate;
        if (ranking.includes(candidate)) return this.error(`candidate ${part} appears twice on one ballot`, line);
        if (j > 0) tied.push(ranking.length);
        ranking.push(candidate);
      }
    }
    return this.error('the ballot does not end with 0 on its line (every ballot ends with the marker 0)', line);
  }

  private outOfRange(ref: string, line: number): InputError {
    return this.error(`candidate number ${ref} is out of range: there are ${this.candidateCount} candidates (1 to ${this.candidateCount})`, line);
  }

  /** A candidate number 1..n (or a [nick]) as the 0-based index the Contest uses. */
  private candidate(ref: string, line: number): CandidateIndex | InputError {
    if (isDigits(ref)) {
      const n = Number(ref);
      return n >= 1 && n <= this.candidateCount ? n - 1 : this.outOfRange(ref, line);
    }
    const nick = this.nicknames.get(ref);
    if (nick !== undefined) return nick;
    return this.error(ref === '' ? "an empty rank: '=' must join two candidates" : `unknown candidate '${ref}' (not a number from 1 to ${this.candidateCount} nor a [nick])`, line);
  }
}

function isWithdrawnId(text: string): boolean {
  return text.startsWith('-') && isDigits(text.slice(1));
}

function show(token: Token): string {
  switch (token.kind) {
    case 'word':
      return `'${token.text}'`;
    case 'quoted':
      return `"${token.text}"`;
    case 'option':
      return `[${token.text}]`;
    case 'id':
      return `(${token.text})`;
  }
}

export function createBltParser(file: string): IncrementalParser {
  const reader = new BltReader(file);
  return byteLineParser(file, { line: (bytes, from, end, lineNo) => reader.line(bytes, from, end, lineNo), finish: (lines) => reader.finish(lines) });
}

export function parseBlt(text: string, file: string): Result<Contest, InputError> {
  return parseWhole(createBltParser(file), text);
}

/**
 * Writes a contest as BLT (OpenSTV/Droop dialect), one line per ballot group, so that parseBlt reads back
 * the same contest. Line breaks inside names would end the quoted string, so they are written as spaces.
 */
export function writeBlt(contest: Contest): string {
  const lines = [`${contest.candidates.length} ${contest.seats}`];
  if (contest.withdrawn.length > 0) lines.push(contest.withdrawn.map((c) => `-${c + 1}`).join(' '));
  if (contest.tieOrder) lines.push(`[tie ${contest.tieOrder.map((c) => c + 1).join(' ')}]`);
  for (const ballot of contest.ballots) {
    const tied = new Set(ballot.tiedWithPrevious ?? []);
    const ranks = ballot.ranking.map((c, i) => (tied.has(i) ? `=${c + 1}` : ` ${c + 1}`)).join('');
    lines.push(`${ballot.weight}${ranks} 0`);
  }
  lines.push('0');
  for (const name of [...contest.candidates, contest.title]) lines.push(quoteBlt(name.replace(/[\r\n]+/g, ' ')));
  return `${lines.join('\n')}\n`;
}
