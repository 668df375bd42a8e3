/**
 * Numbers in an RCTab config, read as RCTab reads them (Java's Long.parseLong and Integer.parseInt: an
 * optional sign, then digits), with RCTab's messages for a value out of range.
 */
import { Decimal } from '../../count/rctab/decimal.ts';
import { isBlank } from './config-options.ts';

/** Java's Integer.MAX_VALUE: the top of RCTab's open-ended ranges. */
export const INT_MAX = 2147483647n;
const WHOLE = /^[+-]?\d+$/;

/**
 * RCTab's check of a whole-number field: blank is a problem only when `required`; otherwise the value must
 * lie in [min, max]. `source` is the file source the field belongs to, named in the message.
 */
export function outOfRange(value: string | undefined, field: string, min: bigint, max: bigint, required: boolean, source?: string): string | undefined {
  if (isBlank(value)) return required ? rangeMessage(field, min, max, false, source) : undefined;
  const n = WHOLE.test(value) ? BigInt(value) : undefined;
  if (n !== undefined && n >= min && n <= max) return undefined;
  return rangeMessage(field, min, max, !required, source);
}

function rangeMessage(field: string, min: bigint, max: bigint, ifSupplied: boolean, source: string | undefined): string {
  const range = min === max ? `equal to ${min}` : `from ${min} to ${max}`;
  return `${field} must be an integer ${range}${ifSupplied ? ' if supplied' : ''}${source === undefined ? '!' : ` for file source: ${source}`}`;
}

/** A Java int, or `word` (any case) standing for `wordValue`; undefined when it is neither. */
export function intWithOption(value: string | undefined, word: string | undefined, wordValue: number): number | undefined {
  if (isBlank(value)) return undefined;
  if (word !== undefined && value.toLowerCase() === word) return wordValue;
  if (!WHOLE.test(value)) return undefined;
  const n = BigInt(value);
  return n >= -INT_MAX - 1n && n <= INT_MAX ? Number(n) : undefined;
}

/** An optional decimal field (RCTab takes a percentage with decimals) that must lie in [min, max]. */
export function decimalOutOfRange(value: string | undefined, field: string, min: bigint, max: bigint): string | undefined {
  if (isBlank(value)) return undefined;
  const n = Decimal.parse(value);
  if (n !== undefined && !n.lt(Decimal.int(min)) && !Decimal.int(max).lt(n)) return undefined;
  return `${field} must be a number from ${min} to ${max} if supplied!`;
}

/** The problems found, leaving out the checks that passed. */
export function present(problems: readonly (string | undefined)[]): string[] {
  return problems.filter((p): p is string => p !== undefined);
}
