/**
 * Plumbing shared by the line-oriented ballot parsers: text arrives in chunks that may split a line
 * anywhere, each complete line goes to a handler, and the first error stops the parse (later chunks are
 * ignored, `end()` returns that error). This is what lets a file larger than memory stream through.
 */
import type { Contest } from '../count/ballots.ts';
import { err, inputError, type InputError, type Result } from '../result.ts';

export interface IncrementalParser {
  push(chunk: string): void;
  /**
   * The file's raw UTF-8 bytes, for parsers that work on bytes (a reader then skips decoding). The chunk
   * is only lent for the call: the reader refills the same buffer afterwards.
   */
  readonly pushBytes?: (chunk: Buffer) => void;
  end(): Result<Contest, InputError>;
}

export interface LineHandler {
  /** One line without its terminator (LF or CRLF); returns an error to stop the parse. */
  line(text: string, lineNo: number): InputError | undefined;
  /** Called once after the last line; `lines` is how many lines there were. */
  finish(lines: number): Result<Contest, InputError>;
}

export interface ByteLineHandler {
  /**
   * One line as bytes[from, end), without its terminator (LF or CRLF) or the file's byte order mark;
   * the bytes are only lent for the call. Returns an error to stop the parse.
   */
  line(bytes: Buffer, from: number, end: number, lineNo: number): InputError | undefined;
  /** Called once after the last line; `lines` is how many lines there were. */
  finish(lines: number): Result<Contest, InputError>;
}

const BOM = '\uFEFF';
const CR = 0x0d;
const LF = 0x0a;

/**
 * No ballot file has a line this long (in characters, or bytes for byteLineParser); binary junk without
 * line breaks would otherwise fill memory.
 */
const MAX_LINE = 1 << 24;

export function lineParser(file: string, handler: LineHandler): IncrementalParser {
  let partial = '';
  let lineNo = 0;
  let started = false;
  let failure: InputError | undefined;

  const feed = (text: string): void => {
    if (failure !== undefined) return;
    lineNo += 1;
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    failure = handler.line(line, lineNo);
  };

  return {
    push(chunk) {
      if (failure !== undefined || chunk === '') return;
      let data = partial + chunk;
      // A UTF-8 byte order mark (Droop's 42ubom.blt has one) is not part of the first line.
      if (!started) {
        started = true;
        if (data.startsWith(BOM)) data = data.slice(1);
      }
      let from = 0;
      for (let nl = data.indexOf('\n'); nl !== -1 && failure === undefined; nl = data.indexOf('\n', from)) {
        feed(data.slice(from, nl));
        from = nl + 1;
      }
      partial = failure === undefined ? data.slice(from) : '';
      if (partial.length > MAX_LINE) {
        failure = inputError(`line ${lineNo + 1} runs past ${MAX_LINE} characters without a line break: not a ballot file`, { file, line: lineNo + 1 });
        partial = '';
      }
    },
    end() {
      if (partial !== '') feed(partial);
      partial = '';
      if (failure !== undefined) return err(failure);
      return handler.finish(lineNo);
    },
  };
}

/**
 * The byte-level counterpart of lineParser, for formats whose lines are mostly repeats: a line can be
 * recognised from its bytes without decoding it. Lines are found by their LF byte, which never occurs
 * inside a multi-byte UTF-8 character, so every line holds whole characters. A line cut by a chunk
 * boundary is carried over in a buffer of its own. Text pushed as a string is encoded first.
 */
export function byteLineParser(file: string, handler: ByteLineHandler): IncrementalParser {
  let carry = Buffer.allocUnsafe(1024);
  let carried = 0;
  let lineNo = 0;
  let failure: InputError | undefined;
  // A string chunk may end between the two halves of a surrogate pair: the first half waits for the second.
  let heldHalf = '';

  const feed = (bytes: Buffer, from: number, nl: number): void => {
    lineNo += 1;
    const start = lineNo === 1 && startsWithBom(bytes, from, nl) ? from + 3 : from;
    const end = nl > start && bytes[nl - 1] === CR ? nl - 1 : nl;
    failure = handler.line(bytes, start, end, lineNo);
  };

  const keep = (bytes: Buffer, from: number, to: number): void => {
    const needed = carried + to - from;
    if (needed > carry.length) {
      const bigger = Buffer.allocUnsafe(Math.max(needed, carry.length * 2));
      carry.copy(bigger, 0, 0, carried);
      carry = bigger;
    }
    bytes.copy(carry, carried, from, to);
    carried = needed;
  };

  const feedCarried = (): void => {
    const line = carried;
    carried = 0;
    feed(carry, 0, line);
  };

  const pushBytes = (chunk: Buffer): void => {
    if (failure !== undefined) return;
    let from = 0;
    if (carried > 0) {
      // The line begun in an earlier chunk ends at this chunk's first line break, or later still.
      const nl = chunk.indexOf(LF);
      from = nl === -1 ? chunk.length : nl;
      keep(chunk, 0, from);
      if (nl !== -1) {
        feedCarried();
        from += 1;
      }
    }
    for (let nl = chunk.indexOf(LF, from); nl !== -1 && failure === undefined; nl = chunk.indexOf(LF, from)) {
      feed(chunk, from, nl);
      from = nl + 1;
    }
    if (failure === undefined) keep(chunk, from, chunk.length);
    if (carried > MAX_LINE) {
      failure = inputError(`line ${lineNo + 1} runs past ${MAX_LINE} bytes without a line break: not a ballot file`, { file, line: lineNo + 1 });
      carried = 0;
    }
  };

  return {
    pushBytes,
    push(chunk) {
      let text = heldHalf + chunk;
      heldHalf = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        heldHalf = text.slice(-1);
        text = text.slice(0, -1);
      }
      if (text !== '') pushBytes(Buffer.from(text, 'utf8'));
    },
    end() {
      if (heldHalf !== '') pushBytes(Buffer.from(heldHalf, 'utf8'));
      if (failure === undefined && carried > 0) feedCarried();
      if (failure !== undefined) return err(failure);
      return handler.finish(lineNo);
    },
  };
}

function startsWithBom(bytes: Buffer, from: number, end: number): boolean {
  return end - from >= 3 && bytes[from] === 0xef && bytes[from + 1] === 0xbb && bytes[from + 2] === 0xbf;
}

/** Runs an incremental parser over a whole text: the convenience form of every format. */
export function parseWhole(parser: IncrementalParser, text: string): Result<Contest, InputError> {
  parser.push(text);
  return parser.end();
}

/**
 * Binary junk (a PDF, a spreadsheet saved as .blt, a NUL-padded file) shows up as control characters that
 * no text ballot file contains; tab, CR and LF are the only ones allowed.
 */
export function findControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) || c === 0x7f || c === 0xfffd) return i;
  }
  return -1;
}

export function describeCharacter(text: string, at: number): string {
  const code = text.charCodeAt(at);
  return code === 0xfffd ? 'an invalid UTF-8 byte' : `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A non-empty run of the digits 0-9: a whole number as ballot files write it (no sign, point or spaces). */
export function isDigits(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The file's name without directory or extension: the default title for formats that have none. */
export function baseName(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * A copy of a string cut from a chunk: the cut keeps the whole chunk alive, so what a parser keeps for the
 * length of the parse is copied and memory follows the distinct rows, not the file. Concatenating makes
 * V8 build a new flat string, which the slice then refers to.
 */
export function copyOf(text: string): string {
  return ` ${text}`.slice(1);
}
