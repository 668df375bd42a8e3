/**
 * The domain of a running election: an election holds one or more contests on one ballot paper, a
 * nomination stage, an electorate and a lifecycle. These are plain data so that the store can keep them
 * as a document and the pure functions in this folder can check every change before it is saved.
 */

export const STATUSES = ['draft', 'nominations', 'voting', 'closed', 'counted', 'published', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

/** A group whose members nominate, e.g. the parliamentary party, local parties, affiliates. */
export interface NominatingBody {
  readonly id: string;
  readonly name: string;
  /** How many members the body has: the base of percentage thresholds (e.g. 251 MPs and MEPs). */
  readonly size: number;
  /** Whether one nominator may nominate several candidates in a contest (a PLP member may not). */
  readonly onePerContest: boolean;
}

/**
 * What a candidate needs to reach the ballot. A leaf counts nominations from one body (optionally only
 * nominators of one kind, such as trade unions among affiliates); `all`/`any` combine, as Labour 2020's
 * "10% of MPs and MEPs AND (5% of CLPs OR 3 affiliates, 2 of them unions)".
 */
export type Threshold =
  | { readonly body: string; readonly kind?: string; readonly count: number }
  | { readonly body: string; readonly kind?: string; readonly percent: number }
  | { readonly all: readonly Threshold[] }
  | { readonly any: readonly Threshold[] };

export interface Candidate {
  readonly name: string;
  /** The sitting office holder: on the ballot without nominations where the contest says so. */
  readonly incumbent: boolean;
  readonly withdrawn: boolean;
}

export interface ElectionContest {
  readonly id: string;
  readonly title: string;
  readonly method: 'irv' | 'stv';
  /** Rule set of the counting engine; absent means the method's default. */
  readonly rules?: string;
  readonly seats: number;
  /** The most candidates a voter may rank; absent means any number. */
  readonly maxRanks?: number;
  /** Absent: every standing candidate is on the ballot. */
  readonly threshold?: Threshold;
  readonly incumbentOnBallot: boolean;
  readonly candidates: readonly Candidate[];
  /** Fixed when voting opens: the names on the ballot paper, in ballot order. */
  readonly ballot?: readonly string[];
}

export interface Nomination {
  readonly contest: string;
  readonly body: string;
  /** Who nominates: an MP's name, a local party, an affiliate. */
  readonly nominator: string;
  /** The nominator's kind where thresholds distinguish them (e.g. "union"). */
  readonly kind?: string;
  readonly candidate: string;
}

export interface EligibilityRules {
  /** Elector classes in order of precedence: a person on the roll twice votes in the earliest class. */
  readonly classes: readonly string[];
  /** Only those who joined on or before this date (YYYY-MM-DD) may vote. */
  readonly freezeDate?: string;
  /** Only members in good standing (not in arrears, lapsed or suspended) may vote. */
  readonly requireGoodStanding: boolean;
}

export interface Schedule {
  /** ISO instants; voting cannot open before `votingOpens`, ballots are refused from `votingCloses`. */
  readonly votingOpens?: string;
  readonly votingCloses?: string;
}

/** Eligibility challenges: ballots are sealed, still linked to their voter, until the deadline. */
export interface Challenges {
  /** ISO instant after which no challenge is heard and the envelopes may be opened. */
  readonly deadline: string;
  /** The returning officer's RSA public key (PEM); the private key stays offline until opening. */
  readonly publicKey: string;
}

export interface Election {
  readonly id: string;
  readonly title: string;
  readonly status: Status;
  readonly createdAt: string;
  readonly schedule: Schedule;
  readonly eligibility: EligibilityRules;
  readonly bodies: readonly NominatingBody[];
  readonly contests: readonly ElectionContest[];
  readonly nominations: readonly Nomination[];
  readonly challenges?: Challenges;
}

/** A refusal of a request by the rules of the election (wrong state, threshold not met, ...). */
export interface DomainError {
  readonly code: 'not-found' | 'conflict' | 'invalid';
  readonly message: string;
}

export function conflict(message: string): DomainError {
  return { code: 'conflict', message };
}

export function invalid(message: string): DomainError {
  return { code: 'invalid', message };
}

export function notFound(message: string): DomainError {
  return { code: 'not-found', message };
}
