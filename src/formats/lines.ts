/**
 * Plumbing shared by the line-oriented ballot parsers: text arrives in chunks that may split a line
 * anywhere, each complete line goes to a handler, and the first error stops the parse (later chunks are
 * ignored, `end()` returns that error). This is what lets a file larger than memory stream through.
 */
import type { Contest } from '../count/ballots.ts';
import { err, inputError, type InputError, type Result } from '../result.ts';

export interface IncrementalParser {
  push(chunk: string): void;
  end(): Result<Contest, InputError>;
}

export interface LineHandler {
  /**
   * Optional shortcut for a line already known, given as text[from, end) without its terminator: true
   * if it was fully handled without cutting it out of the chunk, false to have it passed to line().
   */
  readonly known?: (text: string, from: number, end: number) => boolean;
  /** One line without its terminator (LF or CRLF); returns an error to stop the parse. */
  line(text: string, lineNo: number): InputError | undefined;
  /** Called once after the last line; `lines` is how many lines there were. */
  finish(lines: number): Result<Contest, InputError>;
}

const BOM = '\uFEFF';
const CR = 0x0d;

/** No ballot file has a line this long; binary junk without line breaks would otherwise fill memory. */
const MAX_LINE_CHARS = 1 << 24;

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
      const known = handler.known;
      for (let nl = data.indexOf('\n'); nl !== -1 && failure === undefined; nl = data.indexOf('\n', from)) {
        const end = nl > from && data.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        if (known !== undefined && known(data, from, end)) lineNo += 1;
        else feed(data.slice(from, nl));
        from = nl + 1;
      }
      partial = failure === undefined ? data.slice(from) : '';
      if (partial.length > MAX_LINE_CHARS) {
        failure = inputError(`line ${lineNo + 1} runs past ${MAX_LINE_CHARS} characters without a line break: not a ballot file`, { file, line: lineNo + 1 });
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
