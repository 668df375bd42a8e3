/**
 * Checks a published result from its files alone: the audit chain is intact and ends at the published
 * head; the count's audit entry names the very ballots files and results published; and recounting each
 * contest's ballots gives the published rounds. Returns the first difference found.
 */
import { z } from 'zod';
import { count } from '../count/index.ts';
import { countJson } from '../formats/count-json.ts';
import { parseBlt } from '../formats/blt.ts';
import { describeInputError, err, ok, type Result } from '../result.ts';
import { canonicalJson, findChainBreak, sha256Hex, type Json, type PublicAuditEntry } from './audit.ts';

const AuditSchema = z.array(
  z.object({ seq: z.int(), at: z.string(), actor: z.string(), action: z.string(), data: z.record(z.string(), z.json()), prevHash: z.string(), hash: z.string(), withheld: z.array(z.string()).optional() }),
);

const ResultSchema = z.object({
  auditHead: z.string(),
  contests: z.array(
    z.object({
      id: z.string(), ballotFile: z.string(), ballotsSha256: z.string(), countSha256: z.string(),
      count: z.object({ method: z.enum(['irv', 'stv']), rules: z.string(), seats: z.int() }).loose(),
    }),
  ),
});

const CountEntryData = z.object({ contests: z.record(z.string(), z.object({ ballotsSha256: z.string(), countSha256: z.string() }).loose()) });

/** The first place two JSON values differ, as a path with both values; undefined when equal. */
export function firstDifference(published: unknown, recounted: unknown, path = ''): string | undefined {
  if (typeof published !== 'object' || typeof recounted !== 'object' || published === null || recounted === null) {
    return published === recounted ? undefined : `${path || '(root)'}: published ${JSON.stringify(published)}, recount ${JSON.stringify(recounted)}`;
  }
  const a = published as Record<string, unknown>;
  const b = recounted as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], Array.isArray(published) ? `${path}[${k}]` : path ? `${path}.${k}` : k);
    if (d !== undefined) return d;
  }
  return undefined;
}

function parseJson<T>(files: ReadonlyMap<string, string>, name: string, schema: z.ZodType<T>): Result<T, string> {
  const text = files.get(name);
  if (text === undefined) return err(`${name} is missing`);
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? ok(parsed.data) : err(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  } catch (e) {
    return err(`${name} is not JSON: ${(e as Error).message}`);
  }
}

export function verifyPublished(files: ReadonlyMap<string, string>): Result<string[], string> {
  const audit = parseJson(files, 'audit.json', AuditSchema);
  if (!audit.ok) return audit;
  const result = parseJson(files, 'result.json', ResultSchema);
  if (!result.ok) return result;
  const entries = audit.value as PublicAuditEntry[];
  const broken = findChainBreak(entries);
  if (broken) return err(`audit.json: ${broken.problem}`);
  const head = entries[entries.length - 1]?.hash;
  if (head !== result.value.auditHead) return err(`result.json: audit head ${result.value.auditHead} is not the last entry's hash ${head ?? '(none)'}`);
  const counted = entries.find((e) => e.action === 'counted');
  if (!counted) return err('audit.json: no "counted" entry');
  const recorded = CountEntryData.safeParse(counted.data);
  if (!recorded.success) return err(`audit.json entry ${counted.seq}: not a count record`);
  const report = [`audit chain of ${entries.length} entries intact, head ${head}`];
  for (const c of result.value.contests) {
    const checked = verifyContest(files, c, recorded.data.contests[c.id]);
    if (!checked.ok) return checked;
    report.push(checked.value);
  }
  return ok(report);
}

type PublishedContest = z.infer<typeof ResultSchema>['contests'][number];

function verifyContest(files: ReadonlyMap<string, string>, c: PublishedContest, audited: { ballotsSha256: string; countSha256: string } | undefined): Result<string, string> {
  const blt = files.get(c.ballotFile);
  if (blt === undefined) return err(`${c.ballotFile} is missing`);
  if (!audited) return err(`audit.json: the count entry does not record contest ${c.id}`);
  const bltHash = sha256Hex(blt);
  if (bltHash !== audited.ballotsSha256) return err(`${c.ballotFile}: sha256 ${bltHash} differs from the audited ${audited.ballotsSha256}`);
  const countHash = sha256Hex(canonicalJson(c.count as Json));
  if (countHash !== audited.countSha256) return err(`result.json contest ${c.id}: the published rounds differ from those audited at the count`);
  const contest = parseBlt(blt, c.ballotFile);
  if (!contest.ok) return err(describeInputError(contest.error));
  const recount = count(contest.value, { method: c.count.method, rules: c.count.rules, seats: c.count.seats });
  if (!recount.ok) return err(`${c.ballotFile}: ${recount.error}`);
  const diff = firstDifference(c.count, countJson(recount.value));
  if (diff !== undefined) return err(`contest ${c.id}: recount differs at ${diff}`);
  return ok(`contest ${c.id}: ${c.ballotFile} recounted, ${recount.value.rounds.length} round(s) as published, winners ${countJson(recount.value).winners.join(', ')}`);
}
