/**
 * Reading a ballot file from disk into a Contest, streaming: the file goes through the format's
 * incremental parser in chunks, so a file of millions of individual ballots never has to fit in one
 * string (V8 strings stop at about 512 MB) and memory grows with distinct rankings, not ballots.
 *
 * This is the I/O shell around the pure parsers in src/formats; every failure comes back as an InputError
 * naming the file.
 */
// Synchronous calls for the small reads: node:fs is loaded with node itself, node:fs/promises is not, and
// start-up time matters when a script runs `rollover count` once per file.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Contest } from '../count/ballots.ts';
import { detectByContent, formatByName, type BallotFormatName } from '../formats/detect.ts';
import type { IncrementalParser } from '../formats/lines.ts';
import { err, inputError, ok, type InputError, type Result } from '../result.ts';


export const BALLOT_FORMATS: readonly BallotFormatName[] = ['blt', 'csv', 'preflib', 'json'];

/** Called as chunks are read, so a terminal can show progress on long reads. */
export type ProgressListener = (bytesRead: number, totalBytes: number) => void;

/**
 * Bytes read at a time. Large enough that per-chunk overhead vanishes; small enough that each chunk's
 * text is an ordinary young object in V8 (strings over 128 KB go straight to the old generation and
 * pile up there as garbage until a full collection): 1 MB chunks cost 570 MB peak RSS on 10 M ballots,
 * 64 KB chunks 414 MB, at the same speed.
 */
export const CHUNK_BYTES = 64 * 1024;
/** Bytes looked at to guess the format when the name does not say. */
const HEAD_BYTES = 64 * 1024;
/**
 * JSON contests are parsed whole (JSON has no natural record boundary to stream on); they are meant for
 * hand-made and service-exported contests, which are grouped and small.
 */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

export interface ReadOptions {
  /** The format, when the user named it; otherwise guessed from the name, then the content. */
  readonly format?: BallotFormatName;
  /** Called once with the file's size in bytes, when it is open and before any of it is read. */
  readonly onSize?: (totalBytes: number) => void;
  readonly onProgress?: ProgressListener;
}

/**
 * The file is opened once, and its size, head (to guess the format) and content all read through that one
 * descriptor: each open is a system call and a path lookup, paid again by every `rollover count` process.
 */
export async function readContest(file: string, options: ReadOptions = {}): Promise<Result<Contest, InputError>> {
  const opened = attempt(file, () => openSync(file, 'r'));
  if (!opened.ok) return opened;
  try {
    return await readOpened(opened.value, file, options);
  } finally {
    closeSync(opened.value);
  }
}

async function readOpened(fd: number, file: string, options: ReadOptions): Promise<Result<Contest, InputError>> {
  const size = fileSize(fd, file);
  if (!size.ok) return size;
  options.onSize?.(size.value);
  // The name decides when it can: the head is read (64 KB, decoded) only for a file it leaves in doubt.
  const named = options.format ?? formatByName(file);
  const guessed = named === undefined ? guessFormat(fd, file) : ok(named);
  if (!guessed.ok) return guessed;
  const format = guessed.value;
  if (format === undefined) {
    return err(inputError(`cannot tell the ballot format from the file's name or content; give --format ${BALLOT_FORMATS.join('|')}`, { file }));
  }
  if (format === 'json') return readJson(fd, file, size.value);
  const onProgress = options.onProgress;
  const report = onProgress && ((bytesRead: number): void => onProgress(bytesRead, size.value));
  return streamFrom(fd, await parserFor(format, file), file, report);
}

/** The size of an open regular file, or why it cannot be read (opening a directory succeeds on Linux). */
function fileSize(fd: number, file: string): Result<number, InputError> {
  const info = attempt(file, () => fstatSync(fd));
  if (!info.ok) return info;
  if (info.value.isDirectory()) return err(inputError('is a directory, not a ballot file', { file }));
  return ok(info.value.size);
}

function guessFormat(fd: number, file: string): Result<BallotFormatName | undefined, InputError> {
  const head = readHead(fd, file);
  return head.ok ? ok(detectByContent(head.value)) : head;
}

/**
 * The first bytes of the file as text. A character cut at the end decodes as U+FFFD, which cannot change
 * the guess: that looks at how the first lines start. Read at an explicit position, which leaves the
 * descriptor's own position at the start for the full read.
 */
function readHead(fd: number, file: string): Result<string, InputError> {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const bytesRead = attempt(file, () => readSync(fd, buffer, 0, HEAD_BYTES, 0));
  return bytesRead.ok ? ok(buffer.toString('utf8', 0, bytesRead.value)) : bytesRead;
}

async function parserFor(format: Exclude<BallotFormatName, 'json'>, file: string): Promise<IncrementalParser> {
  // Loaded on demand so that start-up only pays for the format in use.
  switch (format) {
    case 'blt':
      return (await import('../formats/blt.ts')).createBltParser(file);
    case 'csv':
      return (await import('../formats/csv.ts')).createCsvParser(file);
    case 'preflib':
      return (await import('../formats/preflib.ts')).createPreflibParser(file);
  }
}

/**
 * Pushes the file through the parser chunk by chunk: as raw bytes to a parser that takes them, otherwise
 * decoding UTF-8 safely across chunk boundaries (the decoder holds back a character's first bytes until
 * the rest arrive; it keeps a byte-order mark, which the parsers look for). The decoder is the global
 * TextDecoder, made only for a text parser: loading node:string_decoder cost every BLT count's start-up.
 * Reading is synchronous into one reused buffer: a command-line count has nothing else
 * to do meanwhile, and it avoids the stream machinery.
 */
export function streamInto(parser: IncrementalParser, file: string, onProgress?: (bytesRead: number) => void): Result<Contest, InputError> {
  const opened = attempt(file, () => openSync(file, 'r'));
  if (!opened.ok) return opened;
  try {
    return streamFrom(opened.value, parser, file, onProgress);
  } finally {
    closeSync(opened.value);
  }
}

/** streamInto on a file already open, from its current position; the caller closes it. */
function streamFrom(fd: number, parser: IncrementalParser, file: string, onProgress?: (bytesRead: number) => void): Result<Contest, InputError> {
  const decoder = parser.pushBytes ? undefined : new TextDecoder('utf-8', { ignoreBOM: true });
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let bytesRead = 0;
  for (;;) {
    const n = attempt(file, () => readSync(fd, buffer, 0, CHUNK_BYTES, null));
    if (!n.ok) return n;
    if (n.value === 0) break;
    const chunk = buffer.subarray(0, n.value);
    if (decoder) parser.push(decoder.decode(chunk, { stream: true }));
    else parser.pushBytes?.(chunk);
    bytesRead += n.value;
    onProgress?.(bytesRead);
  }
  if (decoder) parser.push(decoder.decode());
  return parser.end();
}

/** Runs a file system call, turning its failure into an InputError about the file. */
function attempt<T>(file: string, call: () => T): Result<T, InputError> {
  try {
    return ok(call());
  } catch (e) {
    return err(ioError(file, e));
  }
}

async function readJson(fd: number, file: string, size: number): Promise<Result<Contest, InputError>> {
  if (size > MAX_JSON_BYTES) {
    return err(inputError(`JSON contest files are read whole and this one is over ${MAX_JSON_BYTES / 2 ** 20} MB; use BLT or CSV for large ballot sets`, { file }));
  }
  const { parseContestJson } = await import('../formats/json.ts');
  const text = attempt(file, () => readFileSync(fd, 'utf8'));
  return text.ok ? parseContestJson(text.value, file) : text;
}

/** Node's file errors in words a voter's returning officer would use. */
function ioError(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory, not a ballot file'
          : `cannot be read (${e instanceof Error ? e.message : String(e)})`;
  return inputError(reason, { file });
}
