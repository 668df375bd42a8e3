/**
 * Streams the repeated top-level elements of an XML file (CDF's `<CVR>` records) one at a time, so a
 * report of millions of ballots is never parsed whole (fast-xml-parser has no streaming mode of its own).
 *
 * Each element's text, from its start tag to its end tag, is handed over to be parsed on its own; the rest
 * of the document (the CDF Election, GpUnits) is kept with those elements left out. The tag is matched with
 * any namespace prefix (`<CVR>`, `<cdf:CVR ...>`), not as the prefix of a longer name (`<CVRSnapshot>`).
 */
import { createReadStream } from 'node:fs';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';
import type { ArrayElement } from './json-stream.ts';

/** Longest partial start tag kept back at the end of a chunk, in case a tag spans two chunks. */
const KEEP = 256;

interface State {
  buffer: string;
  /** Line at the start of the buffer. */
  line: number;
  inside: boolean;
  index: number;
  rest: string[];
}

/**
 * Calls `onElement` with each `tag` element in document order (stopping at the first error it returns)
 * and returns the document without them.
 */
export async function scanXmlElements(
  path: string,
  file: string,
  tag: string,
  onElement?: (element: ArrayElement) => InputError | undefined,
  chunkBytes = 1 << 20,
): Promise<Result<string, InputError>> {
  const start = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${tag}(?=[\\s>/])`, 'g');
  const end = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${tag}\\s*>`, 'g');
  const s: State = { buffer: '', line: 1, inside: false, index: 0, rest: [] };
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: chunkBytes })) {
      s.buffer += chunk as string;
      const problem = drain(s, start, end, onElement, false);
      if (problem) return err({ ...problem, file });
    }
  } catch {
    return err(inputError('CVR file not found or not readable', { file }));
  }
  const problem = drain(s, start, end, onElement, true);
  if (problem) return err({ ...problem, file });
  if (s.inside) return err(inputError(`the file ends inside a <${tag}> element (truncated?)`, { file, line: s.line }));
  return ok(s.rest.join(''));
}

/** Moves every complete element out of the buffer; at the end of the file keeps nothing back. */
function drain(s: State, start: RegExp, end: RegExp, onElement: ((e: ArrayElement) => InputError | undefined) | undefined, last: boolean): InputError | undefined {
  for (;;) {
    if (!s.inside) {
      start.lastIndex = 0;
      const found = start.exec(s.buffer);
      const cut = found ? found.index : last ? s.buffer.length : Math.max(0, s.buffer.length - KEEP);
      take(s, cut, (text) => s.rest.push(text));
      if (!found) return undefined;
      s.inside = true;
    }
    end.lastIndex = 0;
    const closing = end.exec(s.buffer);
    const selfClosing = /^[^>]*\/>/.exec(s.buffer);
    const stop = selfClosing && (!closing || selfClosing[0].length <= closing.index) ? selfClosing[0].length : closing ? closing.index + closing[0].length : -1;
    if (stop < 0) return undefined;
    const line = s.line;
    let problem: InputError | undefined;
    take(s, stop, (text) => {
      if (onElement) problem = onElement({ text, index: s.index, line });
    });
    s.index += 1;
    s.inside = false;
    if (problem) return problem;
  }
}

/** Removes the first `length` characters of the buffer, handing them to `use` and counting their lines. */
function take(s: State, length: number, use: (text: string) => void): void {
  if (length === 0) return;
  const text = s.buffer.slice(0, length);
  s.buffer = s.buffer.slice(length);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) s.line += 1;
  use(text);
}
