/**
 * PrefLib ordinal preference files (preflib.org "Data Format": .soc/.soi strict orders, complete or
 * incomplete; .toc/.toi orders with ties):
 *
 *   # TITLE: Board election
 *   # NUMBER ALTERNATIVES: 3
 *   # NUMBER VOTERS: 7
 *   # NUMBER UNIQUE ORDERS: 2
 *   # ALTERNATIVE NAME 1: Ann
 *   …
 *   4: 1,3,2           4 voters ranked Ann, then Cy, then Bob
 *   3: {2,3},1         3 voters ranked Bob and Cy equal first, then Ann
 *
 * Metadata lines start with `#`; unknown keys are ignored. The stated numbers of voters and unique orders
 * are checked against the data, which is how a truncated file is caught. Seats are 1 unless told.
 */
import { fromRankGroups, type CandidateIndex, type Contest } from '../count/ballots.ts';
import { err, inputError, ok, type InputError, type Result } from '../result.ts';
import { BallotGroups } from './groups.ts';
import { baseName, describeCharacter, findControlCharacter, isDigits, lineParser, parseWhole, type IncrementalParser } from './lines.ts';

export interface PreflibOptions {
  /** Seats to fill (default 1): PrefLib files do not say. */
  readonly seats?: number;
}

const NAME_PREFIX = 'ALTERNATIVE NAME ';

class PreflibReader {
  private alternatives: number | undefined;
  private title = '';
  private readonly names = new Map<number, string>();
  private statedVoters: bigint | undefined;
  private statedOrders: number | undefined;
  private voters = 0n;
  private orders = 0;
  private readonly groups = new BallotGroups();

  constructor(
    private readonly file: string,
    private readonly options: PreflibOptions,
  ) {}

  line(text: string, line: number): InputError | undefined {
    const junk = findControlCharacter(text);
    if (junk !== -1) return this.error(`not a text PrefLib file: ${describeCharacter(text, junk)}`, line);
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    if (trimmed.startsWith('#')) return this.metadata(trimmed.slice(1).trim(), line);
    return this.order(trimmed, line);
  }

  finish(lines: number): Result<Contest, InputError> {
    const last = Math.max(lines, 1);
    if (this.alternatives === undefined) return err(this.error('not a PrefLib file: no "# NUMBER ALTERNATIVES:" line', last));
    const candidates: string[] = [];
    for (let i = 1; i <= this.alternatives; i++) {
      const name = this.names.get(i);
      if (name === undefined) return err(this.error(`alternative ${i} has no "# ALTERNATIVE NAME ${i}:" line`, last));
      candidates.push(name);
    }
    if (this.statedVoters !== undefined && this.statedVoters !== this.voters) {
      return err(this.error(`the header states ${this.statedVoters} voters but the orders add up to ${this.voters} (is the file truncated?)`, last));
    }
    if (this.statedOrders !== undefined && this.statedOrders !== this.orders) {
      return err(this.error(`the header states ${this.statedOrders} unique orders but there are ${this.orders} order lines (is the file truncated?)`, last));
    }
    const seats = this.options.seats ?? 1;
    if (seats > candidates.length) return err(this.error(`${seats} seats but only ${candidates.length} alternatives`, last));
    return ok({ title: this.title || baseName(this.file), candidates, withdrawn: [], seats, ballots: this.groups.ballots() });
  }

  private error(message: string, line: number): InputError {
    return inputError(message, { file: this.file, line });
  }

  private metadata(text: string, line: number): InputError | undefined {
    const colon = text.indexOf(':');
    if (colon === -1) return undefined;
    const key = text.slice(0, colon).trim().toUpperCase();
    const value = text.slice(colon + 1).trim();
    if (key === 'TITLE') this.title = value;
    else if (key === 'NUMBER ALTERNATIVES' || key === 'NUMBER UNIQUE ORDERS') {
      if (!isDigits(value)) return this.error(`${key} '${value}' is not a whole number`, line);
      if (key === 'NUMBER ALTERNATIVES') this.alternatives = Number(value);
      else this.statedOrders = Number(value);
    } else if (key === 'NUMBER VOTERS') {
      if (!isDigits(value)) return this.error(`NUMBER VOTERS '${value}' is not a whole number`, line);
      this.statedVoters = BigInt(value);
    } else if (key.startsWith(NAME_PREFIX)) {
      const number = key.slice(NAME_PREFIX.length).trim();
      if (!isDigits(number) || Number(number) < 1) return this.error(`alternative number '${number}' is not a whole number from 1 up`, line);
      if (this.alternatives !== undefined && Number(number) > this.alternatives) return this.error(`alternative ${number} is beyond the ${this.alternatives} alternatives stated`, line);
      this.names.set(Number(number), value);
    }
    return undefined;
  }

  /** "count: 1,{2,3},4" */
  private order(text: string, line: number): InputError | undefined {
    const alternatives = this.alternatives;
    if (alternatives === undefined) return this.error('an order comes before "# NUMBER ALTERNATIVES:"', line);
    const colon = text.indexOf(':');
    const count = colon === -1 ? '' : text.slice(0, colon).trim();
    if (!isDigits(count) || BigInt(count) === 0n) return this.error(`expected "count: order", and the count '${colon === -1 ? text : count}' is not a whole number of voters`, line);
    const ranks = parseRanks(text.slice(colon + 1), alternatives);
    if (typeof ranks === 'string') return this.error(ranks, line);
    const ballot = fromRankGroups(ranks, BigInt(count));
    this.groups.add(ballot.ranking, ballot.tiedWithPrevious ?? [], ballot.weight);
    this.voters += BigInt(count);
    this.orders += 1;
    return undefined;
  }
}

/** "1,{2,3},4" as ranks of alternatives (0-based), each rank one alternative or several tied. */
function parseRanks(text: string, alternatives: number): CandidateIndex[][] | string {
  const order = text.replace(/\s+/g, '');
  if (order === '') return 'an empty order';
  const ranks: CandidateIndex[][] = [];
  const seen = new Set<CandidateIndex>();
  let at = 0;
  while (at < order.length) {
    let refs: string[];
    if (order[at] === '{') {
      const close = order.indexOf('}', at);
      if (close === -1) return "a '{' is never closed";
      refs = order.slice(at + 1, close).split(',');
      at = close + 1;
    } else {
      const comma = order.indexOf(',', at);
      const end = comma === -1 ? order.length : comma;
      refs = [order.slice(at, end)];
      at = end;
    }
    const rank: CandidateIndex[] = [];
    for (const ref of refs) {
      if (!isDigits(ref) || Number(ref) < 1 || Number(ref) > alternatives) return `'${ref}' is not an alternative number from 1 to ${alternatives}`;
      if (seen.has(Number(ref) - 1)) return `alternative ${ref} appears twice in one order`;
      seen.add(Number(ref) - 1);
      rank.push(Number(ref) - 1);
    }
    ranks.push(rank);
    if (at < order.length && order[at++] !== ',') return "ranks must be separated by commas (something follows a '}')";
    if (at === order.length && order.endsWith(',')) return 'a comma at the end of the order';
  }
  return ranks;
}

export function createPreflibParser(file: string, options: PreflibOptions = {}): IncrementalParser {
  const reader = new PreflibReader(file, options);
  return lineParser(file, { line: (text, lineNo) => reader.line(text, lineNo), finish: (lines) => reader.finish(lines) });
}

export function parsePreflib(text: string, file: string, options: PreflibOptions = {}): Result<Contest, InputError> {
  return parseWhole(createPreflibParser(file, options), text);
}
