/**
 * Errors as values at the boundaries: parsers and validators return a Result instead of throwing, so every
 * caller has to decide what a failure means. Exceptions are kept for bugs.
 */
export type Result<T, E = InputError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

/** A problem with input from outside: names where (file, line or record) and what is wrong. */
export interface InputError {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly record?: string;
}

export function inputError(message: string, where: { file?: string; line?: number; record?: string } = {}): InputError {
  return { message, ...where };
}

/** "ward.blt line 12: weight 'x' is not a whole number" */
export function describeInputError(e: InputError): string {
  const where = [e.file, e.line === undefined ? undefined : `line ${e.line}`, e.record]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' ');
  return where === '' ? e.message : `${where}: ${e.message}`;
}
