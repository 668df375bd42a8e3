/**
 * Dominion cast vote records: a folder exported by Democracy Suite, holding manifests (ContestManifest,
 * CandidateManifest, PrecinctPortionManifest, ...) and the records in CvrExport.json or in several
 * CvrExport_<n>.json files (numbered with gaps when exported per batch: RCTab issue #898).
 *
 * Source: RCTab's "CVR Files" document (Dominion section). Each session has an Original and, after
 * adjudication, a Modified state; the one marked IsCurrent is the ballot. A mark names a candidate id and a
 * rank; ambiguous marks (IsAmbiguous) are not votes and are left out, as RCTab's own CVR export shows for
 * Alaska 2024. Candidate ids are what the config's aliases (and its undeclared write-in label) refer to;
 * RCTab's id for a record is `<tabulator>-<batch>-<record>`. Only sessions that hold the contest are records,
 * and not when the contest carries the InvalidContest outstack condition. Several contests of one export
 * can be read in one pass (readDominionContests).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { err, inputError, ok, type InputError, type Result } from '../../../result.ts';
import { UNDECLARED_WRITE_IN, type CandidateDirectory, type CastVoteRecord, type CvrReader, type CvrSourceSpec } from '../cvr.ts';
import { candidateMark, RankingBuilder, UnknownCandidates } from './marks.ts';
import { parseJson, zodProblem } from './json.ts';
import { scanJsonArray } from './json-stream.ts';
import type { ContestsReader } from './targets.ts';

/**
 * Outstack condition 7, "InvalidContest": Alaska's partial-count ballots, cast by voters not entitled to vote
 * in that contest, whose marks there must not be counted (RCTab issue #909).
 */
const INVALID_CONTEST = 7;

const Id = z.union([z.number(), z.string()]).transform(String);

const Manifest = z.object({
  List: z.array(z.object({ Id, Description: z.string() }).loose()),
});

const MarkSchema = z.object({ CandidateId: Id, Rank: z.number().int().positive(), IsAmbiguous: z.boolean().optional() }).loose();
const ContestSchema = z.object({ Id, Marks: z.array(MarkSchema), OutstackConditionIds: z.array(z.number()).optional() }).loose();
const BallotState = z
  .object({
    PrecinctPortionId: Id.optional(),
    IsCurrent: z.boolean().optional(),
    Cards: z.array(z.object({ Contests: z.array(ContestSchema) }).loose()),
  })
  .loose();
const Session = z
  .object({ TabulatorId: Id, BatchId: Id, RecordId: Id, Original: BallotState, Modified: BallotState.optional() })
  .loose();
const CvrExport = z.object({ Sessions: z.array(z.unknown()) }).loose();

type BallotStateT = z.infer<typeof BallotState>;

interface Manifests {
  readonly candidateNames: ReadonlyMap<string, string>;
  readonly precinctPortions: ReadonlyMap<string, string>;
}

export const readDominion: CvrReader = (spec, candidates, onRecord) => readDominionContests([{ spec, candidates, onRecord }]);

/**
 * Reads several contests of one Dominion export in one pass over its CvrExport files (every target names
 * the same folder): each session is parsed once and each target gets its record of it, if the session
 * holds its contest. The manifests, small, are read for each target.
 */
export const readDominionContests: ContestsReader = async (targets) => {
  const [first] = targets;
  if (first === undefined) return ok({ records: 0, files: [] });
  const { resolvedPath: folder, filePath: label } = first.spec;
  const contexts: (SessionContext & { readonly onRecord: (record: CastVoteRecord) => void })[] = [];
  for (const { spec, candidates, onRecord } of targets) {
    const contestId = spec.contestId;
    if (contestId === undefined) return err(inputError('a Dominion source needs a contestId', { file: spec.filePath }));
    const manifests = await readManifests(spec.resolvedPath, spec.filePath, contestId);
    if (!manifests.ok) return manifests;
    contexts.push({ spec, contestId, candidates, unknown: new UnknownCandidates(), manifests: manifests.value, onRecord });
  }
  const exports = await cvrExportFiles(folder, label);
  if (!exports.ok) return exports;
  let records = 0;
  for (const name of exports.value) {
    const file = join(label, name);
    // Sessions are parsed one at a time as the file streams past: exports reach several GB.
    const rest = await scanJsonArray(join(folder, name), file, 'Sessions', (element) => {
      const json = parseJson(element.text, file);
      const where = { file, record: `session ${element.index + 1}` };
      if (!json.ok) return { ...json.error, ...where, line: element.line + (json.error.line ?? 1) - 1 };
      const session = Session.safeParse(json.value);
      if (!session.success) return zodProblem(session.error, file, where.record);
      for (const ctx of contexts) {
        const record = sessionRecord(session.data, ctx);
        if (record === undefined) continue;
        records += 1;
        ctx.onRecord(record);
      }
      return undefined;
    });
    if (!rest.ok) return rest;
    const top = parseJson(rest.value, file);
    if (!top.ok) return err(inputError(top.error.message, { file }));
    const shape = CvrExport.safeParse(top.value);
    if (!shape.success) return err(zodProblem(shape.error, file));
  }
  for (const ctx of contexts) {
    const unknownError = ctx.unknown.error(ctx.spec.filePath);
    if (unknownError) return err(unknownError);
  }
  return ok({ records, files: exports.value.map((n) => join(label, n)) });
};

interface SessionContext {
  readonly spec: CvrSourceSpec;
  readonly contestId: string;
  readonly candidates: CandidateDirectory;
  readonly unknown: UnknownCandidates;
  readonly manifests: Manifests;
}

function sessionRecord(session: z.infer<typeof Session>, ctx: SessionContext): CastVoteRecord | undefined {
  const state: BallotStateT = currentState(session.Original, session.Modified);
  const contests = state.Cards.flatMap((card) => card.Contests).filter(
    (c) => c.Id === ctx.contestId && !(c.OutstackConditionIds ?? []).includes(INVALID_CONTEST),
  );
  if (contests.length === 0) return undefined;
  const computedId = `${session.TabulatorId}-${session.BatchId}-${session.RecordId}`;
  const ranking = new RankingBuilder();
  for (const mark of contests.flatMap((c) => c.Marks)) {
    if (mark.IsAmbiguous === true) continue;
    const resolved =
      mark.CandidateId === ctx.spec.undeclaredWriteInLabel
        ? UNDECLARED_WRITE_IN
        : (ctx.candidates.resolve(mark.CandidateId) ??
          candidateMark(ctx.manifests.candidateNames.get(mark.CandidateId) ?? mark.CandidateId, ctx.candidates, ctx.unknown, computedId));
    if (resolved !== undefined) ranking.add(mark.Rank, resolved);
  }
  const portion = state.PrecinctPortionId === undefined ? undefined : ctx.manifests.precinctPortions.get(state.PrecinctPortionId);
  return {
    provider: 'dominion',
    source: ctx.spec.filePath,
    computedId,
    suppliedId: session.RecordId,
    contestId: ctx.contestId,
    tabulatorId: session.TabulatorId,
    batchId: session.BatchId,
    ...(portion === undefined ? {} : { precinctPortion: portion }),
    rankings: ranking.build(),
  };
}

/** The adjudicated state when there is one and it is current, else the original scan. */
function currentState(original: BallotStateT, modified: BallotStateT | undefined): BallotStateT {
  if (modified === undefined) return original;
  return original.IsCurrent === true && modified.IsCurrent !== true ? original : modified;
}

async function readManifests(folder: string, label: string, contestId: string): Promise<Result<Manifests, InputError>> {
  const contests = await readManifest(folder, label, 'ContestManifest.json');
  if (!contests.ok) return contests;
  if (!contests.value.has(contestId)) {
    return err(inputError(`contest id '${contestId}' is not in ContestManifest.json`, { file: label }));
  }
  const candidateNames = await readManifest(folder, label, 'CandidateManifest.json');
  if (!candidateNames.ok) return candidateNames;
  const precinctPortions = await readManifest(folder, label, 'PrecinctPortionManifest.json');
  if (!precinctPortions.ok) return precinctPortions;
  return ok({ candidateNames: candidateNames.value, precinctPortions: precinctPortions.value });
}

/** A manifest as id -> description. */
async function readManifest(folder: string, label: string, name: string): Promise<Result<Map<string, string>, InputError>> {
  const file = join(label, name);
  let text: string;
  try {
    text = await readFile(join(folder, name), 'utf8');
  } catch {
    return err(inputError(`missing ${name} in the Dominion export folder`, { file: label }));
  }
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const manifest = Manifest.safeParse(json.value);
  if (!manifest.success) return err(zodProblem(manifest.error, file));
  return ok(new Map(manifest.data.List.map((entry) => [entry.Id, entry.Description])));
}

/** CvrExport.json, or every CvrExport_<n>.json in numeric order. */
async function cvrExportFiles(folder: string, label: string): Promise<Result<string[], InputError>> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return err(inputError('Dominion export folder not found', { file: label }));
  }
  const numbered = names
    .map((name) => ({ name, n: /^CvrExport_(\d+)\.json$/.exec(name)?.[1] }))
    .filter((f): f is { name: string; n: string } => f.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n))
    .map((f) => f.name);
  const files = names.includes('CvrExport.json') ? ['CvrExport.json', ...numbered] : numbered;
  if (files.length === 0) return err(inputError('no CvrExport.json or CvrExport_<n>.json in the Dominion export folder', { file: label }));
  return ok(files);
}
