/**
 * Counting an uploaded RCTab contest: the config and its cast vote record files, received from a
 * multipart form into a temporary folder (the CVR readers read files from disk), matched to the config's
 * sources (rctab-files.ts), and run exactly as `rollover count --rctab-config` runs them (formats/rctab/
 * run.ts), giving the same report files. The caller owns the folder and removes it afterwards.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import type { ReportFile } from '../../formats/rctab/run.ts';
import { describeInputError, err, ok, type Result } from '../../result.ts';
import { baseName, placeFiles, safeName } from './rctab-files.ts';

/** Every regression case of RCTab, Minneapolis 2013's 80,000 ballots included, fits in a few MB. */
export const RCTAB_UPLOAD_BYTES = 32 * 1024 * 1024;
/** A Dominion export is one file per tabulator batch, plus its manifests. */
export const RCTAB_UPLOAD_FILES = 200;

/** The form's file inputs; a problem names the one to correct. */
export type RctabField = 'config' | 'cvr';

export interface Refusal {
  /**
   * 413 when the upload is too large, 400 when it is not the form's, 422 when the contest is invalid, 503
   * when the server is busy with other counts (server/admission.ts).
   */
  readonly status: 400 | 413 | 422 | 503;
  readonly message: string;
  readonly field?: RctabField;
}

export interface ReceivedFile {
  readonly field: RctabField;
  /** The name the browser sent: a base name, or "folder/name" for a chosen folder's files. */
  readonly name: string;
  readonly path: string;
}

export interface RctabUpload {
  /** The config's winnerElectionMode, which names the rules on the page. */
  readonly mode: string;
  readonly reports: readonly ReportFile[];
  /** The config as counted, beside its CVR files in the temporary folder (gone once the page is sent). */
  readonly configPath: string;
}

const TOO_LARGE = `the upload is larger than ${RCTAB_UPLOAD_BYTES / 1024 / 1024} MB altogether or has more than ${RCTAB_UPLOAD_FILES} files; count larger contests with rollover count --rctab-config`;

class UploadTooLarge extends Error {}

/** Counts the bytes received so far, refusing the upload once they pass the limit. */
function meter(total: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total.bytes += chunk.length;
      done(total.bytes > RCTAB_UPLOAD_BYTES ? new UploadTooLarge() : null, chunk);
    },
  });
}

function isTooLarge(e: unknown): boolean {
  return e instanceof UploadTooLarge || (typeof e === 'object' && e !== null && (e as { statusCode?: unknown }).statusCode === 413);
}

/** Writes each chosen file into `dir` under a name of our own; inputs left empty send no file and are skipped. */
export async function receiveFiles(parts: AsyncIterable<Multipart>, dir: string): Promise<Result<ReceivedFile[], Refusal>> {
  const received: ReceivedFile[] = [];
  const total = { bytes: 0 };
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'config' && part.fieldname !== 'cvr') return err({ status: 400, message: `unexpected file field "${part.fieldname}"` });
      const path = join(dir, `upload-${received.length + 1}`);
      await pipeline(part.file, meter(total), createWriteStream(path));
      if (part.filename !== '') received.push({ field: part.fieldname, name: part.filename, path });
    }
  } catch (e) {
    if (isTooLarge(e)) return err({ status: 413, message: TOO_LARGE });
    throw e;
  }
  return ok(received);
}

/** Validates the config, places the CVR files where its sources now point, and runs the contest. */
export async function countRctab(files: readonly ReceivedFile[], dir: string): Promise<Result<RctabUpload, Refusal>> {
  const { parseRctabConfig } = await import('../../formats/rctab/config.ts');
  const { runRctabContest } = await import('../../formats/rctab/run.ts');
  const configs = files.filter((f) => f.field === 'config');
  const cvrs = files.filter((f) => f.field === 'cvr');
  const chosen = configs[0];
  if (chosen === undefined || configs.length > 1) return err({ status: 422, field: 'config', message: 'choose one contest configuration file (RCTab JSON)' });
  const configName = safeName(baseName(chosen.name)) ? baseName(chosen.name) : 'config.json';
  const contestDir = join(dir, 'contest');
  const text = await readFile(chosen.path, 'utf8');
  // Messages name files as uploaded: a path inside the temporary folder (RCTab names some sources by
  // their resolved path) would only confuse.
  const asUploaded = (message: string): string => message.replaceAll(`${contestDir}/`, '');
  const config = parseRctabConfig(text, configName, contestDir);
  if (!config.ok) return err({ status: 422, field: 'config', message: asUploaded(describeInputError(config.error)) });
  const placed = placeFiles(config.value.sources, cvrs.map((f) => f.name));
  if (!placed.ok) return err({ status: 422, field: 'cvr', message: placed.error });
  // The config is written beside the CVRs (below), so it must not take one's place.
  const takenBy = (place: string): boolean => place === configName || place.startsWith(`${configName}/`);
  if ([...placed.value.files.values()].some(takenBy)) return err({ status: 422, field: 'cvr', message: `a CVR file or folder has the configuration's name, ${configName}; rename one of them` });
  for (const [i, relative] of placed.value.files) {
    const target = join(contestDir, relative);
    await mkdir(dirname(target), { recursive: true });
    await rename((cvrs[i] as ReceivedFile).path, target);
  }
  // Written beside the CVRs for the closeness panel, which reads the contest from disk as the CLI does.
  const configPath = join(contestDir, configName);
  const repointed = repointSources(text, placed.value.sourcePaths);
  await writeFile(configPath, repointed);
  const run = await runRctabContest(repointed, configPath);
  if (!run.ok) {
    const message = asUploaded(describeInputError(run.error));
    return err({ status: 422, message, ...(run.error.file === undefined ? {} : { field: run.error.file === configName ? 'config' : 'cvr' }) });
  }
  return ok({ mode: config.value.rules.winnerElectionMode, reports: run.value, configPath });
}

/** The config's text with each CVR source's filePath replaced (the config has been validated, so it is an object with sources). */
function repointSources(text: string, paths: readonly string[]): string {
  const raw = JSON.parse(text) as { cvrFileSources: Record<string, unknown>[] };
  raw.cvrFileSources.forEach((s, i) => {
    s.filePath = paths[i];
  });
  return JSON.stringify(raw, null, 2);
}
