/**
 * CSV records as RFC 4180 writes them (quoted fields may hold commas, doubled quotes and line breaks),
 * each with the line it starts on so that a report can point at it.
 */
import { err, inputError, ok, type InputError, type Result } from '../result.ts';

export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export function parseCsv(text: string, file: string): Result<CsvRecord[], InputError> {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
      fields = []; field = ''; line++; start = line;
    } else field += ch;
  }
  if (quoted) return err(inputError('a quoted field is not closed', { file, line: start }));
  if (field !== '' || fields.length > 0) records.push({ line: start, fields: [...fields, field] });
  return ok(records);
}

/** Quotes a field when it needs it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
