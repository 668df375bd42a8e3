/**
 * Uploads to the count page's RCTab form, as its multipart form sends them, for the page's tests. Importing
 * this sends the uploads to a temporary folder of the test file's own, so that any file an upload leaves
 * behind shows: `post` checks it is empty once the page is answered, and so does the end of the file.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { after } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { TestServer } from '../server/helpers.ts';

const TEMP = mkdtempSync(join(tmpdir(), 'count-rctab-test-'));
process.env.TMPDIR = TEMP;
after(() => {
  assert.deepEqual(readdirSync(TEMP), [], 'an upload left files in the temporary folder');
  rmdirSync(TEMP);
});

export const DATA = resolve(process.cwd(), '../shared/data/rctab');
export const skip = existsSync(DATA) ? false : 'shared data absent: ../shared/data/rctab not found';

export interface Upload {
  readonly field: 'config' | 'cvr';
  readonly name: string;
  readonly content: string | Uint8Array<ArrayBuffer>;
}

export function fromDisk(field: Upload['field'], path: string): Upload {
  return { field, name: basename(path), content: new Uint8Array(readFileSync(path)) };
}

export async function post(s: TestServer, uploads: readonly Upload[]): Promise<LightMyRequestResponse> {
  const form = new FormData();
  for (const u of uploads) form.append(u.field, new Blob([u.content]), u.name);
  const res = await s.app.inject({ method: 'POST', url: '/count/rctab', payload: form });
  assert.deepEqual(readdirSync(TEMP), [], 'the upload\'s temporary folder is removed once the page is answered');
  return res;
}

/** The page's text with the character references escapeHtml writes turned back into characters. */
export function unescape(html: string): string {
  return html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replaceAll('&amp;', '&');
}
