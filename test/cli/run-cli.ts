/**
 * Runs the `rollover` command line as a user would, in a child process, from the TypeScript source (so the
 * tests always exercise the current code, built or not), and writes small hand-made fixtures to a
 * temporary folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** With `closeEarly`, stdout is closed after the first piece of output, as `rollover … | head -1` would. */
export function runCli(args: readonly string[], options: { closeEarly?: boolean } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root });
    if (options.closeEarly) child.stdout.once('data', () => child.stdout.destroy());
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh temporary folder, removed when the test file's tests are done. */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rollover-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh folder holding the given files; returns each file's path by name. */
export function fixtures(files: Readonly<Record<string, string | Buffer>>): Record<string, string> {
  const dir = scratchDir();
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, content);
    paths[name] = path;
  }
  return paths;
}

/** A Node stack trace line ("    at fn (file:line:col)"): the CLI must never show one. */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
