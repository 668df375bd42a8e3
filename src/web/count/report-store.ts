/**
 * The report files of contests counted on the count page, kept in memory for a while so that the page's
 * download links (plain links, working without JavaScript) can serve them. Nothing is stored on disk or
 * in the database; the oldest results are forgotten first, and every result after a time.
 */
import { randomUUID } from 'node:crypto';
import type { ReportFile } from '../../formats/rctab/run.ts';

/** Long enough to read the page and download; a count can always be run again. */
export const KEPT_MINUTES = 30;
/** Each result holds a contest's reports (tens of kB, more with a report per precinct). */
const KEPT_RESULTS = 50;
/**
 * A bound on the characters held across results, as a contest tabulated by precinct has a report per
 * precinct (megabytes): beyond it the oldest go, though the newest result is always kept.
 */
export const KEPT_CHARS = 64 * 1024 * 1024;

interface Kept {
  readonly files: readonly ReportFile[];
  readonly until: number;
  readonly chars: number;
}

export class ReportStore {
  private readonly kept = new Map<string, Kept>();
  private chars = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the files and gives the key that fetches them. */
  keep(files: readonly ReportFile[]): string {
    this.forgetExpired();
    const key = randomUUID();
    const chars = files.reduce((n, f) => n + f.content.length, 0);
    this.kept.set(key, { files, until: this.now() + KEPT_MINUTES * 60_000, chars });
    this.chars += chars;
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.kept.size > KEPT_RESULTS || (this.kept.size > 1 && this.chars > KEPT_CHARS)) this.forget(this.kept.keys().next().value as string);
    return key;
  }

  file(key: string, index: number): ReportFile | undefined {
    this.forgetExpired();
    return this.kept.get(key)?.files[index];
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [key, k] of this.kept) if (k.until <= now) this.forget(key);
  }

  private forget(key: string): void {
    this.chars -= this.kept.get(key)?.chars ?? 0;
    this.kept.delete(key);
  }
}
