/**
 * Streams one big array of a JSON file (Dominion's "Sessions", CDF's "CVR") element by element, so a CVR
 * export of millions of ballots never has to fit in memory or in one JavaScript string (V8 caps strings
 * near 512 MB, and RCTab's users export files of several GB: RCTab issues #552, #824).
 *
 * The scanner only tracks strings, escapes and bracket depth; each element's text is handed over to be
 * parsed (and validated) on its own. Everything outside the array is kept, with the array emptied, so the
 * rest of the document (the CDF Election, say) can be parsed too.
 */
import { createReadStream } from 'node:fs';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';

export interface ArrayElement {
  readonly text: string;
  /** 0-based position in the array. */
  readonly index: number;
  /** Line of the file where the element starts (1-based). */
  readonly line: number;
}


/** Scanner state carried from one chunk to the next. */
interface State {
  depth: number;
  inString: boolean;
  escaped: boolean;
  line: number;
  /** The last string closed at depth 1: the key of the value that follows. */
  lastKey: string;
  keyStart: number;
  keyParts: string[];
  /** 0 before the array, 1 inside it, 2 after it. */
  phase: 0 | 1 | 2;
  element: string[];
  elementLine: number;
  index: number;
  rest: string[];
}

/**
 * Calls `onElement` with each element of the array under top-level `key`, in order; stops at the first
 * error it returns. Returns the document without the array's elements (`"key": []`), to be parsed for
 * the other keys and to check the whole is JSON. Fails when the file cannot be read or ends inside a value
 * (a truncated export).
 */
export async function scanJsonArray(
  path: string,
  file: string,
  key: string,
  onElement?: (element: ArrayElement) => InputError | undefined,
  chunkBytes = 1 << 20,
): Promise<Result<string, InputError>> {
  const s: State = {
    depth: 0, inString: false, escaped: false, line: 1, lastKey: '', keyStart: -1, keyParts: [],
    phase: 0, element: [], elementLine: 1, index: 0, rest: [],
  };
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: chunkBytes })) {
      const problem = scanChunk(chunk as string, s, key, onElement);
      if (problem) return err({ ...problem, file });
    }
  } catch {
    return err(inputError('CVR file not found or not readable', { file }));
  }
  if (s.depth !== 0 || s.inString) {
    return err(inputError('the file ends inside a JSON value (truncated?)', { file, line: s.line }));
  }
  return ok(s.rest.join(''));
}

/** The next character that matters outside a string, and inside one. */
const OUTSIDE = /["{}[\],\n]/g;
const INSIDE = /["\\\n]/g;

function scanChunk(chunk: string, s: State, key: string, onElement: ((e: ArrayElement) => InputError | undefined) | undefined): InputError | undefined {
  let from = 0; // start of the text not yet copied to rest or to the element
  if (s.keyStart >= 0) s.keyStart = 0;
  let i = 0;
  while (i < chunk.length) {
    if (s.escaped) {
      s.escaped = false; // the character after a backslash, wherever it is, ends nothing
      if (chunk.charCodeAt(i) === 10) s.line += 1;
      i += 1;
      continue;
    }
    const next = s.inString ? INSIDE : OUTSIDE;
    next.lastIndex = i;
    const found = next.exec(chunk);
    if (found === null) break;
    i = found.index;
    const c = chunk.charCodeAt(i);
    i += 1;
    if (c === 10) s.line += 1;
    else if (s.inString) {
      if (c === 92) s.escaped = true;
      else closeString(chunk, i - 1, s);
    } else if (c === 34) {
      s.inString = true;
      if (s.depth === 1) {
        s.keyStart = i;
        s.keyParts = [];
      }
    } else if (c === 123 || c === 91) {
      s.depth += 1; // { or [
      if (s.phase === 0 && c === 91 && s.depth === 2 && s.lastKey === key) {
        s.rest.push(chunk.slice(from, i));
        from = i;
        s.phase = 1;
      }
    } else if (c === 125 || c === 93) {
      s.depth -= 1; // } or ]
      if (s.phase === 1 && s.depth === 1) {
        const problem = endElement(chunk, from, i - 1, s, onElement);
        if (problem) return problem;
        from = i - 1;
        s.phase = 2;
      }
    } else if (s.phase === 1 && s.depth === 2) {
      const problem = endElement(chunk, from, i - 1, s, onElement); // a comma between elements
      if (problem) return problem;
      from = i;
    }
  }
  if (s.inString && s.keyStart >= 0) s.keyParts.push(chunk.slice(s.keyStart));
  if (s.phase === 1) {
    if (onElement) s.element.push(chunk.slice(from));
  } else s.rest.push(chunk.slice(from));
  return undefined;
}

function closeString(chunk: string, at: number, s: State): void {
  s.inString = false;
  if (s.depth !== 1 || s.keyStart < 0) return;
  s.keyParts.push(chunk.slice(s.keyStart, at));
  s.lastKey = s.keyParts.join('');
  s.keyParts = [];
  s.keyStart = -1;
}

function endElement(chunk: string, from: number, to: number, s: State, onElement: ((e: ArrayElement) => InputError | undefined) | undefined): InputError | undefined {
  if (!onElement) return undefined;
  s.element.push(chunk.slice(from, to));
  const text = s.element.join('');
  s.element = [];
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const leading = text.slice(0, text.length - text.trimStart().length);
  const line = s.line - countNewlines(text.slice(leading.length));
  const problem = onElement({ text: trimmed, index: s.index, line });
  s.index += 1;
  return problem;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}
