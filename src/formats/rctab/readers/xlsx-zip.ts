/**
 * What an xlsx workbook's zip archive holds, read from its central directory before the workbook is
 * streamed. An xlsx is a zip archive: it starts with a local file header (signature "PK\x03\x04") and ends
 * with an "end of central directory" record (signature "PK\x05\x06", 22 bytes plus a comment of at most
 * 65,535 bytes), which gives the size and offset of the central directory, one header per entry, each
 * naming its entry. An archive past 4 GB or 65,535 entries marks those fields 0xFFFF(FFFF) and gives them
 * in a ZIP64 end record instead, found through the locator just before the end record.
 *
 * Source: PKWARE's APPNOTE.TXT (the .ZIP file format specification), sections 4.3.6, 4.3.7 and 4.3.12-16.
 *
 * Why: exceljs's streaming reader, given a file cut short inside a worksheet, neither yields the rest nor
 * fails; it waits for bytes that never come, and node exits (code 13) without a word. A truncated file
 * has lost its end record, so looking for it first turns that silence into a clear error. The entry names
 * let the ES&S reader check that exceljs saw every part it needs (see ess.ts).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { err, ok, type Result } from '../../../result.ts';

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const END_RECORD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL_HEADER = 0x02014b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_RECORD = 0x06064b50;
/** The end record's fixed part and the longest comment: it must start within this many bytes of the end. */
const END_SEARCH = 22 + 0xffff;
/** A workbook's directory holds tens of entries; one this large is not an xlsx's. */
const LARGEST_DIRECTORY = 64 * 1024 * 1024;

const TRUNCATED = 'the xlsx workbook ends early (truncated?)';
const DAMAGED = 'not a readable xlsx workbook (its zip directory is damaged)';

async function bytesAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The names of the archive's entries in directory order, or what makes the file unreadable as a zip archive. */
export async function zipEntryNames(path: string): Promise<Result<string[], string>> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = await bytesAt(file, 0, Math.min(size, LOCAL_HEADER.length));
    if (!head.equals(LOCAL_HEADER)) return err('not an xlsx workbook (it is not a zip archive)');
    const tailStart = size - Math.min(size, END_SEARCH);
    const tail = await bytesAt(file, tailStart, size - tailStart);
    const end = tail.lastIndexOf(END_RECORD);
    if (end < 0 || end + 22 > tail.length) return err(TRUNCATED);
    const directory = await directoryPlace(file, tail.subarray(end, end + 22), tailStart + end);
    if (directory === undefined || directory.offset + directory.size > size || directory.size > LARGEST_DIRECTORY) return err(DAMAGED);
    const names = entryNames(await bytesAt(file, directory.offset, directory.size));
    return names === undefined ? err(DAMAGED) : ok(names);
  } finally {
    await file.close();
  }
}

/**
 * Where the central directory is, from the end record `record` found at `position` (section 4.3.16), or
 * from the ZIP64 end record (4.3.14) its locator (4.3.15) points to when the record's fields are full.
 */
async function directoryPlace(file: FileHandle, record: Buffer, position: number): Promise<{ offset: number; size: number } | undefined> {
  const size = record.readUInt32LE(12);
  const offset = record.readUInt32LE(16);
  if (size !== 0xffffffff && offset !== 0xffffffff && record.readUInt16LE(10) !== 0xffff) return { offset, size };
  if (position < 20) return undefined;
  const locator = await bytesAt(file, position - 20, 20);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) return undefined;
  const zip64 = await bytesAt(file, Number(locator.readBigUInt64LE(8)), 56);
  if (zip64.length < 56 || zip64.readUInt32LE(0) !== ZIP64_END_RECORD) return undefined;
  return { offset: Number(zip64.readBigUInt64LE(48)), size: Number(zip64.readBigUInt64LE(40)) };
}

/** Each central directory header's file name (section 4.3.12: 46 fixed bytes, then name, extra field and comment). */
function entryNames(directory: Buffer): string[] | undefined {
  const names: string[] = [];
  for (let at = 0; at < directory.length; ) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) return undefined;
    const nameLength = directory.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (next > directory.length) return undefined;
    names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at = next;
  }
  return names;
}
