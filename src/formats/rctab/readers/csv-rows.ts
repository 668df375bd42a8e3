/**
 * Streams the rows of a CSV file (Clear Ballot, generic CSV) one at a time, so a file of millions of
 * ballots never sits in memory. Cells are split by the shared RFC 4180 helpers; a quoted cell may span lines.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { quotesBalanced, splitRow } from '../../csv-row.ts';

export interface CsvRow {
  /** The line the row starts on (1-based). */
  readonly line: number;
  readonly cells: string[] | { problem: string };
}

export async function* csvRows(path: string): AsyncGenerator<CsvRow> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let pending: string | undefined;
  let start = 0;
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo += 1;
    const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (pending === undefined) start = lineNo;
    pending = pending === undefined ? text : `${pending}\n${text}`;
    if (!quotesBalanced(pending)) continue;
    yield { line: start, cells: splitRow(pending) };
    pending = undefined;
  }
  if (pending !== undefined) yield { line: start, cells: splitRow(pending) };
}
