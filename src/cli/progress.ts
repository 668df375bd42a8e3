/**
 * A progress bar for long reads, drawn on stderr only when stderr is a terminal: scripts that capture
 * stderr, and pipes, get nothing but real messages.
 */
import type { ProgressListener } from './read-file.ts';

/** Files smaller than this read in well under a second: a bar would only flicker. */
export const PROGRESS_MIN_BYTES = 32 * 1024 * 1024;

const BAR_WIDTH = 30;

export interface ProgressBar {
  readonly update: ProgressListener;
  /** Clears the bar's line so that what follows starts clean. */
  readonly done: () => void;
}

/**
 * A bar for reading `label`; it draws nothing unless `stream` (stderr by default) is a terminal and the
 * file is large. stderr is looked at only then: creating process.stderr for a pipe loads node's network
 * modules, a few per cent of the CPU of a `rollover count` of a small file.
 */
export function progressBar(label: string, stream?: NodeJS.WriteStream): ProgressBar {
  let shownPercent = -1;
  const out = (): NodeJS.WriteStream => stream ?? process.stderr;
  return {
    update(bytesRead, totalBytes) {
      if (totalBytes < PROGRESS_MIN_BYTES || !out().isTTY) return;
      const percent = Math.min(100, Math.floor((bytesRead * 100) / totalBytes));
      if (percent === shownPercent) return; // redraw only when the figure changes
      shownPercent = percent;
      out().write(`\r${renderProgress(label, percent, bytesRead, totalBytes)}`);
    },
    done() {
      if (shownPercent >= 0) out().write('\r\x1b[2K');
    },
  };
}

/** "reading big.csv [#########---------------------]  30%  120/400 MB" */
export function renderProgress(label: string, percent: number, bytesRead: number, totalBytes: number): string {
  const filled = Math.floor((percent * BAR_WIDTH) / 100);
  const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
  const mb = (n: number): number => Math.floor(n / 2 ** 20);
  return `reading ${label} [${bar}] ${String(percent).padStart(3)}%  ${mb(bytesRead)}/${mb(totalBytes)} MB`;
}
