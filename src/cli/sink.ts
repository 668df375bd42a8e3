/**
 * Where a command's large output goes as it is produced: a file written under a temporary name and renamed
 * only once complete (so a failed command leaves no file, as the exit-code contract asks), or memory when
 * the output goes to stdout.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';

/** Where the text goes: a file written under a temporary name, or memory for stdout. */
export interface Sink {
  write(text: string): void;
  /** Finishes the output; returns what to print (a file's path, or the text itself for stdout). */
  commit(): Promise<string>;
  abort(): Promise<void>;
}

export function memorySink(): Sink {
  const parts: string[] = [];
  return {
    write: (text) => parts.push(text),
    commit: () => Promise.resolve(parts.join('')),
    abort: () => Promise.resolve(),
  };
}

/** Writes to `<output>.partial` and renames it on success, so a failed command leaves no file. */
export function fileSink(output: string): Sink {
  const partial = `${output}.partial`;
  const stream: WriteStream = createWriteStream(partial, { encoding: 'utf8' });
  return {
    write: (text) => {
      stream.write(text);
    },
    commit: async () => {
      stream.end();
      await finished(stream);
      await rename(partial, output);
      return `${output}\n`;
    },
    abort: async () => {
      stream.end();
      await finished(stream).catch(() => undefined);
      await unlink(partial).catch(() => undefined);
    },
  };
}
