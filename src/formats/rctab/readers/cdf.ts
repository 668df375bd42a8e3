/**
 * NIST SP 1500-103 cast vote records (Common Data Format), in JSON or XML: one CastVoteRecordReport with an
 * Election (candidates, contests and their selections), GpUnits, and CVR entries.
 *
 * Source: NIST SP 1500-103 (CVR common data format) and RCTab's `cdf` provider. The contest is found by
 * the config's contestId, matched against the contest's Name (as RCTab's configs write it) or its id. A
 * CVR is read from its current snapshot (CurrentSnapshotId); each SelectionPosition with a Rank marks the
 * selection's candidate at that rank (several selections at one rank are an overvote). A selection flagged
 * IsWriteIn, or whose candidate is named as the undeclared write-in label, is an undeclared write-in.
 * Positions without a Rank or with HasIndication "no" mark nothing. CVRs without the contest are not
 * records of it. RCTab's id is `<file name>(<n>)`, n counting CVRs from 1. Both JSON and XML files are
 * streamed CVR by CVR. Records carry no contest id, as RCTab's CDF records do not (its CVR export leaves
 * the column blank). Several contests of one export can be read in one pass (readCdfContests).
 */
import { basename } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';
import { UNDECLARED_WRITE_IN, type CastVoteRecord, type CvrReader, type CvrSourceSpec, type CandidateDirectory } from '../cvr.ts';
import type { ContestsReader } from './targets.ts';
import { parseJson, zodProblem } from './json.ts';
import { scanJsonArray } from './json-stream.ts';
import { scanXmlElements } from './xml-stream.ts';
import { candidateMark, RankingBuilder, UnknownCandidates } from './marks.ts';

const Text = z.union([z.string(), z.number()]).transform(String);
/** JSON CDF names objects with "@id"; the XML schema uses an ObjectId attribute. */
const Identified = { '@id': Text.optional(), ObjectId: Text.optional() };
const list = <T extends z.ZodType>(item: T) => z.array(item).optional().default([]);

const Selection = z.object({ ...Identified, CandidateIds: list(Text), IsWriteIn: z.union([z.boolean(), z.string()]).optional() }).loose();
const Contest = z.object({ ...Identified, Name: Text.optional(), ContestSelection: list(Selection) }).loose();
const Candidate = z.object({ ...Identified, Name: Text.optional() }).loose();
const Election = z.object({ Candidate: list(Candidate), Contest: list(Contest) }).loose();
const GpUnit = z.object({ ...Identified, Name: Text.optional() }).loose();
const Report = z.object({ CVR: list(z.unknown()), Election: list(Election), GpUnit: list(GpUnit) }).loose();

const Position = z.object({ Rank: z.coerce.number().int().positive().optional(), HasIndication: Text.optional() }).loose();
const CvrContestSelection = z.object({ ContestSelectionId: Text.optional(), SelectionPosition: list(Position) }).loose();
const CvrContest = z.object({ ContestId: Text, CVRContestSelection: list(CvrContestSelection) }).loose();
const Snapshot = z.object({ ...Identified, CVRContest: list(CvrContest) }).loose();
const Cvr = z
  .object({
    BallotPrePrintedId: Text.optional(),
    UniqueId: Text.optional(),
    BallotStyleUnitId: Text.optional(),
    BatchId: Text.optional(),
    CreatingDeviceId: Text.optional(),
    CurrentSnapshotId: Text.optional(),
    CVRSnapshot: list(Snapshot),
  })
  .loose();

type ReportT = z.infer<typeof Report>;
type CvrT = z.infer<typeof Cvr>;

/** What a ContestSelection id stands for in the chosen contest. */
type SelectionMeaning = { readonly writeIn: true } | { readonly writeIn: false; readonly candidateName: string };

interface ContestIndex {
  readonly contestId: string;
  readonly selections: ReadonlyMap<string, SelectionMeaning>;
  readonly precincts: ReadonlyMap<string, string>;
}

const idOf = (o: { '@id'?: string | undefined; ObjectId?: string | undefined }): string | undefined => o['@id'] ?? o.ObjectId;

export const readCdf: CvrReader = (spec, candidates, onRecord) => readCdfContests([{ spec, candidates, onRecord }]);

/**
 * Reads several contests of one CDF export in one pass over its CVRs (every target names the same file):
 * each CVR is parsed once and each target gets its record of that CVR, if the CVR holds its contest.
 */
export const readCdfContests: ContestsReader = async (targets) => {
  const [first] = targets;
  if (first === undefined) return ok({ records: 0, files: [] });
  const { resolvedPath: path, filePath: file } = first.spec;
  const xml = path.toLowerCase().endsWith('.xml');
  const report = xml ? await readXmlHeader(path, file) : await readJsonHeader(path, file);
  if (!report.ok) return report;
  const contexts: (CvrContext & { readonly onRecord: (record: CastVoteRecord) => void })[] = [];
  for (const { spec, candidates, onRecord } of targets) {
    const index = contestIndex(report.value, spec);
    if (!index.ok) return index;
    contexts.push({ spec, candidates, unknown: new UnknownCandidates(), index: index.value, onRecord });
  }
  let records = 0;
  const take = (entry: unknown, n: number): InputError | undefined => {
    const cvr = Cvr.safeParse(entry);
    if (!cvr.success) return zodProblem(cvr.error, file, `CVR ${n}`);
    for (const ctx of contexts) {
      const record = cvrRecord(cvr.data, n, ctx);
      if (!record.ok) return record.error;
      if (record.value === undefined) continue;
      records += 1;
      ctx.onRecord(record.value);
    }
    return undefined;
  };
  // A second pass streams the CVRs one at a time (the first read only what surrounds them).
  const streamed = xml
    ? await scanXmlElements(path, file, 'CVR', (element) => {
        const cvr = parseXmlCvr(element.text, file);
        if (!cvr.ok) return { ...cvr.error, record: `CVR ${element.index + 1}`, line: element.line + (cvr.error.line ?? 1) - 1 };
        return take(cvr.value, element.index + 1);
      })
    : await scanJsonArray(path, file, 'CVR', (element) => {
        const json = parseJson(element.text, file);
        if (!json.ok) return { ...json.error, record: `CVR ${element.index + 1}`, line: element.line + (json.error.line ?? 1) - 1 };
        return take(json.value, element.index + 1);
      });
  if (!streamed.ok) return streamed;
  for (const ctx of contexts) {
    const unknownError = ctx.unknown.error(ctx.spec.filePath);
    if (unknownError) return err(unknownError);
  }
  return ok({ records, files: [file] });
};

/** A JSON report's Election and GpUnits, read past its CVRs without keeping them. */
async function readJsonHeader(path: string, file: string): Promise<Result<ReportT, InputError>> {
  const rest = await scanJsonArray(path, file, 'CVR');
  if (!rest.ok) return rest;
  const json = parseJson(rest.value, file);
  if (!json.ok) return err(inputError(json.error.message, { file }));
  return reportOf(json.value, file);
}

/** An XML report's Election and GpUnits, read past its CVRs without keeping them. */
async function readXmlHeader(path: string, file: string): Promise<Result<ReportT, InputError>> {
  const rest = await scanXmlElements(path, file, 'CVR');
  if (!rest.ok) return rest;
  const xml = parseXml(rest.value, file);
  if (!xml.ok) return xml;
  const report = xml.value['CastVoteRecordReport'];
  return report === undefined ? err(inputError('no CastVoteRecordReport element', { file })) : reportOf(report, file);
}

function reportOf(value: unknown, file: string): Result<ReportT, InputError> {
  const report = Report.safeParse(value);
  return report.success ? ok(report.data) : err(zodProblem(report.error, file));
}

function contestIndex(report: ReportT, spec: CvrSourceSpec): Result<ContestIndex, InputError> {
  const elections = report.Election;
  const contest = elections.flatMap((e) => e.Contest).find((c) => c.Name === spec.contestId || idOf(c) === spec.contestId);
  const contestId = contest === undefined ? undefined : idOf(contest);
  if (contest === undefined || contestId === undefined) {
    return err(inputError(`contest '${spec.contestId ?? ''}' is not in the file's Election`, { file: spec.filePath }));
  }
  const names = new Map<string, string>();
  for (const c of elections.flatMap((e) => e.Candidate)) {
    const id = idOf(c);
    if (id !== undefined) names.set(id, c.Name ?? id);
  }
  const selections = new Map<string, SelectionMeaning>();
  for (const s of contest.ContestSelection) {
    const id = idOf(s);
    if (id === undefined) continue;
    const writeIn = s.IsWriteIn === true || s.IsWriteIn === 'true';
    const candidateId = s.CandidateIds[0];
    if (writeIn || candidateId === undefined) selections.set(id, { writeIn: true });
    else selections.set(id, { writeIn: false, candidateName: names.get(candidateId) ?? candidateId });
  }
  const precincts = new Map<string, string>();
  for (const unit of report.GpUnit) {
    const id = idOf(unit);
    if (id !== undefined && unit.Name !== undefined) precincts.set(id, unit.Name);
  }
  return ok({ contestId, selections, precincts });
}

interface CvrContext {
  readonly spec: CvrSourceSpec;
  readonly candidates: CandidateDirectory;
  readonly unknown: UnknownCandidates;
  readonly index: ContestIndex;
}

function cvrRecord(cvr: CvrT, n: number, ctx: CvrContext): Result<CastVoteRecord | undefined, InputError> {
  const snapshot = cvr.CVRSnapshot.find((s) => idOf(s) === cvr.CurrentSnapshotId) ?? cvr.CVRSnapshot[0];
  const contests = (snapshot?.CVRContest ?? []).filter((c) => c.ContestId === ctx.index.contestId);
  if (contests.length === 0) return ok(undefined);
  const computedId = `${basename(ctx.spec.filePath)}(${n})`;
  const ranking = new RankingBuilder();
  for (const selection of contests.flatMap((c) => c.CVRContestSelection)) {
    const selectionId = selection.ContestSelectionId;
    const meaning = selectionId === undefined ? undefined : ctx.index.selections.get(selectionId);
    for (const position of selection.SelectionPosition) {
      if (position.Rank === undefined || position.HasIndication === 'no') continue;
      if (meaning === undefined) {
        return err(inputError(`ContestSelectionId '${selectionId ?? ''}' is not a selection of the contest`, { file: ctx.spec.filePath, record: `CVR ${n}` }));
      }
      const writeIn = meaning.writeIn || meaning.candidateName === ctx.spec.undeclaredWriteInLabel;
      const mark = writeIn ? UNDECLARED_WRITE_IN : candidateMark(meaning.candidateName, ctx.candidates, ctx.unknown, `CVR ${n}`);
      if (mark !== undefined) ranking.add(position.Rank, mark);
    }
  }
  const suppliedId = cvr.BallotPrePrintedId ?? cvr.UniqueId;
  const precinct = cvr.BallotStyleUnitId === undefined ? undefined : ctx.index.precincts.get(cvr.BallotStyleUnitId);
  return ok({
    provider: 'cdf',
    source: ctx.spec.filePath,
    computedId,
    ...(suppliedId === undefined ? {} : { suppliedId }),
    ...(cvr.CreatingDeviceId === undefined ? {} : { tabulatorId: cvr.CreatingDeviceId }),
    ...(cvr.BatchId === undefined ? {} : { batchId: cvr.BatchId }),
    ...(precinct === undefined ? {} : { precinct }),
    rankings: ranking.build(),
  });
}

/** Elements the CDF schema allows to repeat: always arrays, even when a file has one. */
const REPEATED = new Set([
  'CVR', 'CVRSnapshot', 'CVRContest', 'CVRContestSelection', 'SelectionPosition',
  'Election', 'Candidate', 'Contest', 'ContestSelection', 'CandidateIds', 'GpUnit',
]);

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => REPEATED.has(name),
});

/** XML as the JSON shape: namespaces dropped, ObjectId kept as an attribute, lists always arrays. */
function parseXml(text: string, file: string): Result<Record<string, unknown>, InputError> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return err(inputError(`not well-formed XML (${valid.err.msg})`, { file, line: valid.err.line }));
  return ok(xmlParser.parse(text) as Record<string, unknown>);
}

/** One `<CVR>` element's text as the JSON shape of a CVR. */
function parseXmlCvr(text: string, file: string): Result<unknown, InputError> {
  const xml = parseXml(text, file);
  if (!xml.ok) return xml;
  const [cvr] = (xml.value['CVR'] ?? []) as unknown[];
  return ok(cvr);
}
