/**
 * Where each uploaded file goes for an RCTab contest counted on the count page. A config names its cast
 * vote records by paths on the machine it was written on (often "../_shared/cvr.xlsx" or a Windows
 * path), which mean nothing here, so uploaded files are matched to the config's sources by base name and
 * the sources are pointed at the uploaded copies. Dominion and Hart sources name a folder of files: the
 * files uploaded for it are those sent under that folder's name ("folder/file", as a browser sends a
 * chosen folder), or, when the config has just one folder source, every file no other source names.
 */
import type { CvrProvider } from '../../formats/rctab/cvr.ts';
import { err, ok, type Result } from '../../result.ts';

/** The providers whose filePath is a folder of CVR files (RCTab's Dominion export and Hart archive). */
const FOLDER_PROVIDERS: ReadonlySet<CvrProvider> = new Set(['dominion', 'hart']);

export interface SourceRef {
  readonly filePath: string;
  readonly provider: CvrProvider;
}

export interface Placement {
  /** For each uploaded file (by its place in the upload), where it goes, relative to the config's folder. */
  readonly files: ReadonlyMap<number, string>;
  /** The filePath each source is given instead of the config's, in the sources' order. */
  readonly sourcePaths: readonly string[];
}

/** The path's last segment, with either separator ("C:\cvr\a.xlsx" and "./partial_cvr/" too). */
export function baseName(path: string): string {
  return path.split(/[\\/]+/).filter((s) => s !== '').pop() ?? '';
}

/** The folder an uploaded file was sent under, if any ("export/CvrExport_1.json" → "export"). */
function folderOf(uploaded: string): string | undefined {
  const segments = uploaded.split(/[\\/]+/).filter((s) => s !== '');
  return segments.length > 1 ? segments[segments.length - 2] : undefined;
}

/** A name that is one plain path segment, safe to create inside the contest's folder. */
export function safeName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('\0');
}

export function placeFiles(sources: readonly SourceRef[], uploaded: readonly string[]): Result<Placement, string> {
  const unsafe = uploaded.find((u) => !safeName(baseName(u)) || (folderOf(u) !== undefined && !safeName(folderOf(u) ?? '')));
  if (unsafe !== undefined) return err(`the uploaded file name "${unsafe}" cannot be used`);
  const files = new Map<number, string>();
  const sourcePaths: string[] = [];
  const folders = sources.filter((s) => FOLDER_PROVIDERS.has(s.provider)).length;
  // File sources first, so that a lone folder source takes only what they leave.
  for (const [n, s] of sources.entries()) {
    if (FOLDER_PROVIDERS.has(s.provider)) continue;
    const name = baseName(s.filePath);
    const matches = uploaded.flatMap((u, i) => (baseName(u) === name ? [i] : []));
    if (matches.length === 0) return err(`CVR source ${n + 1} (${s.provider}) is the file "${name}" (${s.filePath}), which was not uploaded${listed(uploaded)}`);
    if (matches.length > 1) return err(`CVR source ${n + 1}: ${matches.length} uploaded files are named "${name}"; upload one`);
    files.set(matches[0] as number, name);
  }
  for (const [n, s] of sources.entries()) {
    if (!FOLDER_PROVIDERS.has(s.provider)) {
      sourcePaths.push(baseName(s.filePath));
      continue;
    }
    const folder = baseName(s.filePath);
    // The folder is created inside the contest's: ".." would put its files beside the upload's own.
    if (!safeName(folder)) return err(`CVR source ${n + 1} (${s.provider}) reads the folder "${s.filePath}", which cannot be used here: name the folder itself`);
    const inFolder = uploaded.flatMap((u, i) => (folderOf(u) === folder || (folders === 1 && !files.has(i) && folderOf(u) === undefined) ? [i] : []));
    if (inFolder.length === 0) return err(`CVR source ${n + 1} (${s.provider}) reads the folder "${folder}" (${s.filePath}): upload the files in it`);
    for (const i of inFolder) files.set(i, `${folder}/${baseName(uploaded[i] ?? '')}`);
    sourcePaths.push(folder);
  }
  const clash = clashing([...files.values()]);
  return clash === undefined ? ok({ files, sourcePaths }) : err(clash);
}

/** Two uploaded files given one place (one would overwrite the other), or a file named as a source's folder. */
function clashing(places: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const p of places) {
    if (seen.has(p)) return `two uploaded files would both be "${p}"; upload one`;
    seen.add(p);
  }
  const folder = places.find((p) => p.includes('/') && seen.has(p.split('/')[0] ?? ''));
  return folder === undefined ? undefined : `an uploaded file has the name of the folder "${folder.split('/')[0] ?? ''}"; rename it`;
}

function listed(uploaded: readonly string[]): string {
  return uploaded.length === 0 ? ' (no CVR file was uploaded)' : ` (uploaded: ${uploaded.map(baseName).join(', ')})`;
}
