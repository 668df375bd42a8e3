/**
 * JSON laid out as RCTab writes it: Java's Jackson with its default pretty printer and map entries ordered
 * by key. What RCTab's published files (detailed reports, CDF exports) show of that layout:
 * - an object opens with "{", one `"key" : value` a line, indented two spaces for each enclosing object
 *   (arrays add no indent), and closes on a line of its own; an empty object is `{ }`;
 * - an array stays on its line: `[ a, b ]`, an object in it opening right after `[ ` or `, `; empty: `[ ]`;
 * - no newline after the last brace;
 * - strings escaped as JSON requires, a control character as `\u00XX` with capital hex digits (Jackson's).
 */

export type JacksonJson = string | number | readonly JacksonJson[] | { readonly [key: string]: JacksonJson };

/** `value` as Jackson prints it at `depth` enclosing objects (0 for the document itself). */
export function jackson(value: JacksonJson, depth = 0): string {
  if (typeof value === 'string') return jacksonString(value);
  if (typeof value === 'number') return String(value);
  if (isArray(value)) return value.length === 0 ? '[ ]' : `[ ${value.map((v) => jackson(v, depth)).join(', ')} ]`;
  const keys = Object.keys(value);
  if (keys.length === 0) return '{ }';
  if (!keys.every((k, i) => i === 0 || compareKeys(keys[i - 1] ?? '', k) <= 0)) keys.sort(compareKeys);
  const pad = '  '.repeat(depth + 1);
  const entries = keys.map((k) => `${pad}${jacksonString(k)} : ${jackson(value[k] as JacksonJson, depth + 1)}`);
  return `{\n${entries.join(',\n')}\n${'  '.repeat(depth)}}`;
}

/** Jackson's ORDER_MAP_ENTRIES_BY_KEYS: by UTF-16 code units, as String.compareTo. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Array.isArray does not narrow a readonly array type.
const isArray = (value: JacksonJson): value is readonly JacksonJson[] => Array.isArray(value);

/** JSON.stringify escapes what Jackson escapes, but writes `\u001f` where Jackson writes `\u001F`. */
function jacksonString(text: string): string {
  const json = JSON.stringify(text);
  return json.includes('\\u') ? json.replace(/\\\\|\\u([0-9a-f]{4})/g, (m, hex: string | undefined) => (hex === undefined ? m : `\\u${hex.toUpperCase()}`)) : json;
}
