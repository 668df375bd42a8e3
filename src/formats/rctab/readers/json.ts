/**
 * JSON plumbing for the JSON-based CVR readers (Dominion, NIST CDF JSON): parse errors as values with the
 * line where the text broke, and zod failures phrased as "record: path: what was expected".
 */
import type { z } from 'zod';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';

export function parseJson(text: string, file: string): Result<unknown, InputError> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const message = (e as Error).message;
    const line = lineOf(text, message);
    return err(inputError(`not valid JSON (${message})`, line === undefined ? { file } : { file, line }));
  }
}

/** V8 reports "... at position N" (and on Node 20 sometimes "line L column C"); turn either into a line. */
function lineOf(text: string, message: string): number | undefined {
  const lineMatch = /line (\d+)/.exec(message);
  if (lineMatch?.[1] !== undefined) return Number(lineMatch[1]);
  const position = /position (\d+)/.exec(message);
  if (position?.[1] === undefined) return undefined;
  let line = 1;
  const end = Math.min(Number(position[1]), text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

export function zodProblem(error: z.ZodError, file: string, record?: string): InputError {
  const issue = error.issues[0];
  const path = issue === undefined ? '' : issue.path.map(String).join('.');
  const what = issue === undefined ? 'unexpected structure' : issue.message;
  const message = path === '' ? what : `${path}: ${what}`;
  return inputError(message, record === undefined ? { file } : { file, record });
}
