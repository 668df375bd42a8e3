/**
 * Counting a ballot file someone pasted or chose on the "count a file" page: the same parsers and rules
 * as `rollover count`, on text already in memory (the page limits its size), giving the same JSON the
 * published results hold, so the page can show the same views.
 */
import { countJson, type CountJson } from '../../formats/count-json.ts';
import type { Contest } from '../../count/ballots.ts';
import { count, DEFAULT_RULES, findRule } from '../../count/index.ts';
import { parseBlt } from '../../formats/blt.ts';
import { parseCsv } from '../../formats/csv.ts';
import { detectFormat, type BallotFormatName } from '../../formats/detect.ts';
import { parseContestJson } from '../../formats/json.ts';
import { parsePreflib } from '../../formats/preflib.ts';
import { describeInputError, err, ok, type Result } from '../../result.ts';

export interface Upload {
  /** The file's name, which names the format when its extension is known. */
  readonly file: string;
  readonly text: string;
  readonly format?: BallotFormatName;
  readonly rules?: string;
  readonly seats?: number;
}

export interface Counted {
  readonly title: string;
  readonly count: CountJson;
}

function parse(format: BallotFormatName, text: string, file: string): Result<Contest, string> {
  const parsed = { blt: parseBlt, csv: parseCsv, preflib: parsePreflib, json: parseContestJson }[format](text, file);
  return parsed.ok ? parsed : err(describeInputError(parsed.error));
}

export function countUpload(u: Upload): Result<Counted, string> {
  const format = u.format ?? detectFormat(u.file, u.text.slice(0, 64 * 1024));
  if (format === undefined) return err(`${u.file}: cannot tell the ballot format from the name or content; choose one`);
  const contest = parse(format, u.text, u.file);
  if (!contest.ok) return contest;
  const seats = u.seats ?? contest.value.seats;
  const method = seats === 1 ? 'irv' : 'stv';
  const rules = u.rules ?? DEFAULT_RULES[method];
  if (!findRule(method, rules)) return err(`the ${rules} rules do not count ${method === 'irv' ? 'single-seat' : 'multi-seat'} contests`);
  const result = count(contest.value, { method, rules, seats });
  if (!result.ok) return err(`${u.file}: ${result.error}`);
  return ok({ title: contest.value.title || u.file, count: countJson(result.value) });
}
