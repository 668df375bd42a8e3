/**
 * `rollover verify RESULTS_DIR`: checks a published result folder (result.json, audit.json and the
 * ballots files, as downloaded from the service) by recounting; exit 1 with the first difference.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { err, ok, type Result } from '../result.ts';
import { commandAction, invalidInput, success, type Outcome } from './exit.ts';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('recount published ballots and check the rounds and the audit chain of a result folder')
    .argument('<RESULTS_DIR>', 'folder holding result.json, audit.json and ballots-*.blt')
    .action(commandAction(async (dir: string): Promise<Outcome> => {
      const { verifyPublished } = await import('../election/verify.ts');
      const files = await readResultDir(dir);
      if (!files.ok) return invalidInput(files.error);
      const verified = verifyPublished(files.value);
      return verified.ok ? success(`${verified.value.join('\n')}\nverified\n`) : invalidInput(`${dir}: ${verified.error}`);
    }));
}

export async function readResultDir(dir: string): Promise<Result<Map<string, string>, string>> {
  try {
    const names = (await readdir(dir)).filter((n) => /\.(json|csv|blt)$/.test(n));
    const files = new Map<string, string>();
    for (const n of names) files.set(n, await readFile(join(dir, n), 'utf8'));
    return ok(files);
  } catch (e) {
    return err(`cannot read ${dir}: ${(e as Error).message}`);
  }
}

export async function writeResultDir(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFile(join(dir, name), text);
}
