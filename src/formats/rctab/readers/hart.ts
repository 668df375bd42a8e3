/**
 * Hart Verity cast vote records: a folder of XML files, one per ballot sheet (`<Cvr>` with Contests,
 * PrecinctSplit, BatchNumber, CvrGuid).
 *
 * Source: RCTab's "CVR Files" document (Hart Verity section). A contest's Options hold the marked choices;
 * an option's Value is a string of digits whose 1s give the ranks it was marked at ("010000" is rank 2,
 * "1" rank 1). The contest is chosen by its Id (a GUID), candidates by the option Id (config aliases) or
 * Name; a write-in option (WriteInData, no declared candidate) is an undeclared write-in. Sheets without the
 * contest are not records of it. The CvrGuid is the ballot's id. A CVR file with a signature beside it
 * (`<name>.sig.xml`) is read only if the signature vouches for its bytes. Several contests of one folder
 * can be read in one pass (readHartContests).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';
import { UNDECLARED_WRITE_IN, type CastVoteRecord, type CvrReader, type CvrSourceSpec, type CandidateDirectory } from '../cvr.ts';
import { zodProblem } from './json.ts';
import { hartSignatureProblem } from './hart-signature.ts';
import { candidateMark, RankingBuilder, UnknownCandidates } from './marks.ts';
import type { ContestsReader } from './targets.ts';

const Text = z.union([z.string(), z.number()]).transform(String);
const Option = z.object({ Name: Text.optional(), Id: Text, Value: Text, WriteInData: z.unknown().optional() }).loose();
const Contest = z.object({ Id: Text, Options: z.union([z.object({ Option: z.array(Option).optional().default([]) }), z.literal('')]).optional() }).loose();
const Sheet = z
  .object({
    Contests: z.union([z.object({ Contest: z.array(Contest).optional().default([]) }), z.literal('')]).optional(),
    PrecinctSplit: z.object({ Name: Text.optional() }).loose().optional(),
    BatchNumber: Text.optional(),
    CvrGuid: Text,
  })
  .loose();

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'Contest' || name === 'Option',
});

export const readHart: CvrReader = (spec, candidates, onRecord) => readHartContests([{ spec, candidates, onRecord }]);

/**
 * Reads several contests of one Hart folder in one pass (every target names the same folder): each sheet
 * is read, its signature checked and its XML parsed once, and each target gets its record of it, if the
 * sheet holds its contest.
 */
export const readHartContests: ContestsReader = async (targets) => {
  const [first] = targets;
  if (first === undefined) return ok({ records: 0, files: [] });
  const { resolvedPath: folder, filePath: label } = first.spec;
  const listed = await sheetFiles(folder, label);
  if (!listed.ok) return listed;
  const { names, signatures } = listed.value;
  const contexts = targets.map((target) => ({ ...target, unknown: new UnknownCandidates() }));
  let records = 0;
  for (const name of names) {
    const file = join(label, name);
    const sheet = await readSheet(folder, name, file, signatures);
    if (!sheet.ok) return sheet;
    for (const { spec, candidates, unknown, onRecord } of contexts) {
      const record = sheetRecord(sheet.value, spec, candidates, unknown);
      if (!record.ok) return err({ ...record.error, file });
      if (record.value === undefined) continue;
      records += 1;
      onRecord(record.value);
    }
  }
  for (const { spec, unknown } of contexts) {
    const unknownError = unknown.error(spec.filePath);
    if (unknownError) return err(unknownError);
  }
  return ok({ records, files: names.map((n) => join(label, n)) });
};

/** The folder's CVR files in name order, and the signature files beside them. */
async function sheetFiles(folder: string, label: string): Promise<Result<{ names: string[]; signatures: Set<string> }, InputError>> {
  let all: string[];
  try {
    all = await readdir(folder);
  } catch {
    return err(inputError('Hart CVR folder not found', { file: label }));
  }
  const isSignature = (n: string): boolean => n.toLowerCase().endsWith('.sig.xml');
  const names = all.filter((n) => n.toLowerCase().endsWith('.xml') && !isSignature(n)).sort();
  if (names.length === 0) return err(inputError('no CVR .xml files in the Hart folder', { file: label }));
  return ok({ names, signatures: new Set(all.filter(isSignature)) });
}

/** One sheet, parsed, once its signature (when it has one) vouches for its bytes. */
async function readSheet(folder: string, name: string, file: string, signatures: ReadonlySet<string>): Promise<Result<z.infer<typeof Sheet>, InputError>> {
  const bytes = await readFile(join(folder, name));
  const signature = `${name}.sig.xml`;
  if (signatures.has(signature)) {
    const problem = hartSignatureProblem(bytes, await readFile(join(folder, signature), 'utf8'));
    if (problem !== undefined) return err(inputError(`signature check failed: ${problem}`, { file }));
  }
  return parseSheet(bytes.toString('utf8'), file);
}

function parseSheet(text: string, file: string): Result<z.infer<typeof Sheet>, InputError> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return err(inputError(`not well-formed XML (${valid.err.msg})`, { file, line: valid.err.line }));
  const doc = parser.parse(text) as Record<string, unknown>;
  const sheet = Sheet.safeParse(doc['Cvr']);
  if (!sheet.success) return err(zodProblem(sheet.error, file, 'Cvr'));
  return ok(sheet.data);
}

function sheetRecord(
  sheet: z.infer<typeof Sheet>,
  spec: CvrSourceSpec,
  candidates: CandidateDirectory,
  unknown: UnknownCandidates,
): Result<CastVoteRecord | undefined, InputError> {
  const contests = sheet.Contests === '' || sheet.Contests === undefined ? [] : sheet.Contests.Contest;
  const contest = contests.find((c) => c.Id === spec.contestId);
  if (contest === undefined) return ok(undefined);
  const options = contest.Options === '' || contest.Options === undefined ? [] : contest.Options.Option;
  const ranking = new RankingBuilder();
  for (const option of options) {
    if (!/^[01]+$/.test(option.Value)) return err(inputError(`option ${option.Id}: Value '${option.Value}' is not a string of 0s and 1s`, { record: sheet.CvrGuid }));
    const known = candidates.resolve(option.Id);
    const mark =
      option.Id === spec.undeclaredWriteInLabel || (known === undefined && option.WriteInData !== undefined && option.Name === undefined)
        ? UNDECLARED_WRITE_IN
        : (known ?? candidateMark(option.Name ?? option.Id, candidates, unknown, sheet.CvrGuid));
    if (mark === undefined) continue;
    [...option.Value].forEach((digit, i) => {
      if (digit === '1') ranking.add(i + 1, mark);
    });
  }
  const precinct = sheet.PrecinctSplit?.Name;
  return ok({
    provider: 'hart',
    source: spec.filePath,
    computedId: sheet.CvrGuid,
    suppliedId: sheet.CvrGuid,
    contestId: contest.Id,
    ...(sheet.BatchNumber === undefined ? {} : { batchId: sheet.BatchNumber }),
    ...(precinct === undefined ? {} : { precinct }),
    rankings: ranking.build(),
  });
}
