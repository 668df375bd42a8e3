/**
 * The electoral-college JSON format: the native contest JSON's candidates and ballots, in sections that
 * each carry a share of the college.
 *
 *   { "title": "Labour leader 2010",
 *     "candidates": ["Ed Miliband", "David Miliband"], "withdrawn": [],
 *     "sections": [
 *       { "name": "members", "share": "1/3", "ballots": [ { "ranking": ["David Miliband"], "count": 55905 } ] },
 *       ... ] }
 *
 * `share` is a positive number: a whole number, or text such as "1/3" or "33.3"; shares are taken
 * relative to their sum. Each section's `ballots` are written exactly as in the contest JSON (json.ts),
 * which this parser uses to read them, except that equal rankings are refused: the college counts by IRV.
 */
import { z } from 'zod';
import { Rational } from '../count/arithmetic.ts';
import type { College, CollegeSection } from '../count/college.ts';
import { err, inputError, ok, type InputError, type Result } from '../result.ts';
import { parseContestJson } from './json.ts';

const CollegeJson = z.strictObject({
  title: z.string(),
  candidates: z.array(z.string().min(1)).min(1),
  withdrawn: z.array(z.string()).default([]),
  sections: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        share: z.union([z.number().int().positive(), z.string()]),
        ballots: z.array(z.unknown()),
      }),
    )
    .min(1, 'a college needs at least one section'),
});

type CollegeJsonValue = z.infer<typeof CollegeJson>;

export function parseCollegeJson(text: string, file: string): Result<College, InputError> {
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    // Not JSON at all: the contest JSON parser says so with the line where the text breaks.
    const located = parseContestJson(text, file);
    return err(located.ok ? inputError('not valid JSON', { file }) : located.error);
  }
  const parsed = CollegeJson.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const record = issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return err(inputError(issue?.message ?? 'not an electoral college', { file, ...(record ? { record } : {}) }));
  }
  // Candidates and withdrawn names checked once, at the top level, before any section's ballots.
  const names = parseContestJson(JSON.stringify({ title: '', candidates: parsed.data.candidates, withdrawn: parsed.data.withdrawn, ballots: [] }), file);
  if (!names.ok) return names;
  const sections: CollegeSection[] = [];
  for (const [i, json] of parsed.data.sections.entries()) {
    const section = readSection(parsed.data, json, file, `sections[${i}]`);
    if (!section.ok) return section;
    if (sections.some((s) => s.name === json.name)) return err(inputError(`section "${json.name}" appears twice`, { file, record: `sections[${i}].name` }));
    sections.push(section.value);
  }
  return ok({ title: parsed.data.title, candidates: names.value.candidates, withdrawn: names.value.withdrawn, sections });
}

function readSection(college: CollegeJsonValue, json: CollegeJsonValue['sections'][number], file: string, at: string): Result<CollegeSection, InputError> {
  const share = typeof json.share === 'number' ? Rational.of(json.share) : Rational.parse(json.share);
  if (share === undefined || !share.gt(Rational.ZERO)) {
    return err(inputError(`share "${json.share}" is not a positive number (e.g. "1/3")`, { file, record: `${at}.share` }));
  }
  const contest = { title: json.name, candidates: college.candidates, withdrawn: college.withdrawn, ballots: json.ballots };
  const parsed = parseContestJson(JSON.stringify(contest), file);
  if (!parsed.ok) {
    const where = parsed.error.record === undefined ? at : `${at}.${parsed.error.record}`;
    return err(inputError(parsed.error.message, { file, record: where }));
  }
  if (parsed.value.ballots.some((b) => b.tiedWithPrevious !== undefined)) {
    return err(inputError(`section "${json.name}" has a ballot ranking candidates equal; a college counts by IRV, which does not allow that`, { file, record: `${at}.ballots` }));
  }
  return ok({ name: json.name, share, ballots: parsed.value.ballots });
}
