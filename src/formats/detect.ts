/**
 * Which ballot format a file is in: by its extension when that is one we know, otherwise by what its
 * first bytes look like. `undefined` means we cannot tell, and the caller asks for --format.
 */
export type BallotFormatName = 'blt' | 'csv' | 'preflib' | 'json';

const BY_EXTENSION: Readonly<Record<string, BallotFormatName>> = {
  blt: 'blt',
  csv: 'csv',
  json: 'json',
  // PrefLib: strict orders (complete / incomplete) and orders with ties (complete / incomplete).
  soc: 'preflib',
  soi: 'preflib',
  toc: 'preflib',
  toi: 'preflib',
};

export function detectFormat(file: string, head: string): BallotFormatName | undefined {
  return formatByName(file) ?? detectByContent(head);
}

/** The format a file's extension names, if it is one we know: no need to read the file to tell. */
export function formatByName(file: string): BallotFormatName | undefined {
  const dot = file.lastIndexOf('.');
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return dot > slash ? BY_EXTENSION[file.slice(dot + 1).toLowerCase()] : undefined;
}

/** The format the first bytes look like, for a file whose name does not say. */
export function detectByContent(head: string): BallotFormatName | undefined {
  const text = head.startsWith('\uFEFF') ? head.slice(1) : head;
  if (text.trimStart().startsWith('{')) return 'json';
  const lines = text.split('\n', 50).map((line) => line.trim());
  // PrefLib files open with "# FILE NAME: …" style metadata and always state the number of alternatives.
  if (lines.some((line) => line.startsWith('# NUMBER ALTERNATIVES:'))) return 'preflib';
  const first = lines.find((line) => line !== '' && !line.startsWith('#'));
  if (first === undefined) return undefined;
  // BLT opens with "candidates seats": two whole numbers.
  if (/^\d+\s+\d+$/.test(first.replace(/\s*#.*$/, ''))) return 'blt';
  if (/^"?(ballot_?id|id|rank\s*_?1|weight|count)"?\s*,/i.test(first)) return 'csv';
  return undefined;
}
