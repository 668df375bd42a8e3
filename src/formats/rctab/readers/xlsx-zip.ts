/**
 * Whether a file can be an xlsx workbook at all, checked before streaming it: an xlsx is a zip archive,
 * which starts with a local file header (signature "PK\x03\x04") and ends with an "end of central
 * directory" record (signature "PK\x05\x06", 22 bytes plus a comment of at most 65,535 bytes).
 *
 * Source: PKWARE's APPNOTE.TXT (the .ZIP file format specification), sections 4.3.7 and 4.3.16.
 *
 * Why: exceljs's streaming reader, given a file cut short inside a worksheet, neither yields the rest nor
 * fails; it waits for bytes that never come, and node exits (code 13) without a word. A truncated file
 * has lost its end record, so looking for it first turns that silence into a clear error.
 */
import { open } from 'node:fs/promises';

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const END_RECORD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** The end record's fixed part and the longest comment: it must start within this many bytes of the end. */
const END_SEARCH = 22 + 0xffff;

/** What makes the file unreadable as a zip archive, or undefined when its start and end look right. */
export async function zipProblem(path: string): Promise<string | undefined> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, LOCAL_HEADER.length));
    await file.read(head, 0, head.length, 0);
    if (!head.equals(LOCAL_HEADER)) return 'not an xlsx workbook (it is not a zip archive)';
    const tail = Buffer.alloc(Math.min(size, END_SEARCH));
    await file.read(tail, 0, tail.length, size - tail.length);
    return tail.includes(END_RECORD) ? undefined : 'the xlsx workbook ends early (truncated?)';
  } finally {
    await file.close();
  }
}
