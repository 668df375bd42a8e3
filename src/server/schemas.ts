/** The shapes of request bodies and parameters, in zod: unknown fields are refused everywhere. */
import { z } from 'zod';
import type { Threshold } from '../election/types.ts';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use letters, digits, - and _ (at most 64)');
const Name = z.string().trim().min(1).max(200);
const Instant = z.iso.datetime({ offset: true });

export const ElectionParams = z.strictObject({ id: Id });
export const ContestParams = z.strictObject({ id: Id, contest: Id });
export const FileParams = z.strictObject({ id: Id, file: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/) });
export const ReceiptParams = z.strictObject({ id: Id, receipt: z.string().min(1).max(64) });

export const ThresholdSchema: z.ZodType<Threshold> = z.lazy(() =>
  z.union([
    z.strictObject({ body: Id, kind: Id.optional(), count: z.int().min(1) }),
    z.strictObject({ body: Id, kind: Id.optional(), percent: z.number().gt(0).max(100) }),
    z.strictObject({ all: z.array(ThresholdSchema).min(1) }),
    z.strictObject({ any: z.array(ThresholdSchema).min(1) }),
  ]),
) as z.ZodType<Threshold>;

const Contest = z.strictObject({
  id: Id,
  title: Name,
  method: z.enum(['irv', 'stv']),
  rules: z.string().min(1).max(40).optional(),
  seats: z.int().min(1).max(100),
  maxRanks: z.int().min(1).optional(),
  threshold: ThresholdSchema.optional(),
  incumbentOnBallot: z.boolean().default(false),
  candidates: z.array(z.strictObject({ name: Name, incumbent: z.boolean().default(false), withdrawn: z.literal(false).default(false) })).default([]),
});

export const ScheduleSchema = z.strictObject({ votingOpens: Instant.optional(), votingCloses: Instant.optional() });
export const EligibilitySchema = z.strictObject({
  classes: z.array(Id).min(1),
  freezeDate: z.iso.date().optional(),
  requireGoodStanding: z.boolean().default(true),
});

export const ElectionSpecSchema = z.strictObject({
  title: Name,
  schedule: ScheduleSchema.default({}),
  eligibility: EligibilitySchema,
  bodies: z.array(z.strictObject({ id: Id, name: Name, size: z.int().min(1), onePerContest: z.boolean().default(true) })).default([]),
  contests: z.array(Contest).min(1),
  challenges: z.strictObject({ deadline: Instant, publicKey: z.string().min(100).max(10_000) }).optional(),
});

/** Either a preset and a title, or a full specification (one schema, so errors name the exact field). */
export const NewElection = z
  .strictObject({ preset: z.string().min(1).max(40).optional(), title: Name.optional(), spec: ElectionSpecSchema.optional() })
  .refine((b) => (b.spec === undefined) === (b.preset !== undefined && b.title !== undefined) && (b.spec === undefined || (b.preset === undefined && b.title === undefined)), {
    message: 'send either {preset, title} or {spec}',
  });

export const TransitionBody = z.strictObject({ to: z.enum(['nominations', 'voting', 'closed', 'published', 'cancelled']) });
export const CandidateBody = z.strictObject({ name: Name, incumbent: z.boolean().default(false) });
export const WithdrawBody = z.strictObject({ name: Name });
export const NominationBody = z.strictObject({ contest: Id, body: Id, nominator: Name, kind: Id.optional(), candidate: Name });
export const NominationBatch = z.strictObject({ nominations: z.array(NominationBody).min(1).max(1000) });
export const CredentialsBody = z.strictObject({
  voters: z.array(z.string().min(1).max(200)).min(1).max(100_000).optional(),
  delivery: z.enum(['return', 'send']).default('return'),
});
export const CredentialOnly = z.strictObject({ credential: z.string().min(1).max(100) });
export const VoteBody = z.strictObject({
  credential: z.string().min(1).max(100),
  rankings: z.record(Id, z.array(Name).max(200)),
});
export const PostalBody = z.strictObject({ voterId: z.string().min(1).max(200), rankings: VoteBody.shape.rankings });
export const ChallengeBody = z.strictObject({ voterId: z.string().min(1).max(200), reason: z.string().trim().min(1).max(1000) });
export const OpenEnvelopesBody = z.strictObject({ privateKey: z.string().min(100).max(20_000) });
export const Page = z.strictObject({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100) });
export const CsvText = z.string().min(1, 'the CSV is empty');
