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

/** A bar for reading `label`; it draws nothing unless `stream` is a terminal and the file is large. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  let shownPercent = -1;
  return {
    update(bytesRead, totalBytes) {
      if (!stream.isTTY || totalBytes < PROGRESS_MIN_BYTES) return;
      const percent = Math.min(100, Math.floor((bytesRead * 100) / totalBytes));
      if (percent === shownPercent) return; // redraw only when the figure changes
      shownPercent = percent;
      stream.write(`\r${renderProgress(label, percent, bytesRead, totalBytes)}`);
    },
    done() {
      if (shownPercent >= 0) stream.write('\r\x1b[2K');
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
