/**
 * Splits one line of a BLT file into tokens: bare words (numbers, `1=2`, `-`, nicknames), quoted strings
 * (names and title, with `\"` and `\\` escapes), `[option …]` groups and OpenSTV `(ballot id)`s.
 * `#` starts a comment to the end of the line (OpenSTV); `/* … *\/` comments may span lines (Droop),
 * which is the only state carried from one line to the next.
 */
import { inputError, type InputError } from '../result.ts';

export type TokenKind = 'word' | 'quoted' | 'option' | 'id';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
}

export interface TokenizerState {
  inComment: boolean;
}

const CLOSERS: Readonly<Record<string, string>> = { '[': ']', '(': ')' };

export function tokenizeLine(
  text: string,
  line: number,
  state: TokenizerState,
  file: string,
): Token[] | InputError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (state.inComment) {
      const close = text.indexOf('*/', i);
      if (close === -1) return tokens;
      state.inComment = false;
      i = close + 2;
      continue;
    }
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t') i += 1;
    else if (c === '#') return tokens;
    else if (c === '/' && text[i + 1] === '*') {
      state.inComment = true;
      i += 2;
    } else if (c === '"') {
      const quoted = readQuoted(text, i);
      if (quoted === undefined) return inputError('unterminated quoted string (a name or title must end with " on the same line)', { file, line });
      tokens.push({ kind: 'quoted', text: quoted.value, line });
      i = quoted.next;
    } else if (c === '[' || c === '(') {
      const closer = CLOSERS[c] ?? '';
      const close = text.indexOf(closer, i + 1);
      if (close === -1) return inputError(`'${c}' without a closing '${closer}' on the same line`, { file, line });
      tokens.push({ kind: c === '[' ? 'option' : 'id', text: text.slice(i + 1, close).trim(), line });
      i = close + 1;
    } else {
      let end = i;
      while (end < text.length && !isWordEnd(text[end] ?? ' ')) end += 1;
      tokens.push({ kind: 'word', text: text.slice(i, end), line });
      i = end;
    }
  }
  return tokens;
}

function isWordEnd(c: string): boolean {
  return c === ' ' || c === '\t' || c === '#' || c === '"';
}

function readQuoted(text: string, open: number): { value: string; next: number } | undefined {
  let value = '';
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { value, next: i + 1 };
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      value += text[i + 1];
      i += 1;
    } else value += c;
  }
  return undefined;
}

/** Quotes a name for a BLT file so that tokenizeLine reads it back unchanged. */
export function quoteBlt(name: string): string {
  return `"${name.replace(/[\\"]/g, (m) => `\\${m}`)}"`;
}
