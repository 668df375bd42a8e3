/**
 * Persistence behind one interface. Every method that changes anything runs in one transaction and, where
 * it is an admin action, appends its audit entry in that same transaction: nothing is ever half-written.
 * The methods are async so that a PostgreSQL store can implement the same interface; the domain checks are
 * passed in as pure functions and run inside the transaction, on the state as it is there.
 */
import type { AuditEntry, AuditInput } from '../election/audit.ts';
import type { Voter } from '../election/roll.ts';
import type { DomainError, Election, Status } from '../election/types.ts';
import type { MarkedBallot } from '../election/voting.ts';
import type { Result } from '../result.ts';

export interface ElectionSummary {
  readonly id: string;
  readonly title: string;
  readonly status: Status;
}

export interface RollEntry {
  readonly voter: Voter;
  /** Why the voter may not vote, or undefined. */
  readonly ineligible?: string;
}

export interface StoredVoter extends RollEntry {
  readonly voted: boolean;
  readonly hasCredential: boolean;
}

/** Facts a change may depend on besides the election document. */
export interface ElectionFacts {
  readonly eligibleVoters: number;
  readonly rollSize: number;
}

/** What a pure change asks the store to write, atomically. */
export interface Change<T> {
  readonly election: Election;
  readonly audit: AuditInput;
  readonly value: T;
  /** Replaces the roll (only before any credential is issued). */
  readonly roll?: readonly RollEntry[];
  readonly result?: StoredResult;
}

export type ChangeFn<T> = (e: Election, facts: ElectionFacts) => Result<Change<T>, DomainError>;
export type Guard = (e: Election) => Result<true, DomainError>;

export interface StoredResult {
  /** The published result document (JSON-ready). */
  readonly result: unknown;
  /** Contest id → BLT text of its anonymised ballots. */
  readonly ballots: Readonly<Record<string, string>>;
}

export interface CredentialIssue {
  readonly voterId: string;
  readonly hash: string;
}

/** A ballot goes straight into the box, or (during a challenge period) into a sealed envelope. */
export type BallotContent = { readonly ballots: readonly MarkedBallot[] } | { readonly sealed: string };

export type CastRefusal = 'unknown' | 'revoked' | 'used';

export interface ClassTurnout {
  readonly electorClass: string;
  readonly eligible: number;
  readonly voted: number;
}

export type Role = 'owner' | 'returning_officer' | 'scrutineer';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly passwordHash: string;
}

/** An account as the owner's account list shows it (never the password hash). */
export interface Account {
  readonly username: string;
  readonly role: Role;
  readonly disabled: boolean;
}

/** What an owner may change about an account. */
export interface AccountChange {
  readonly role?: Role;
  readonly disabled?: boolean;
}

export interface Session {
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface Store {
  createElection(e: Election, audit: AuditInput, at: string): Promise<void>;
  getElection(id: string): Promise<Election | undefined>;
  listElections(): Promise<ElectionSummary[]>;
  updateElection<T>(id: string, at: string, change: ChangeFn<T>): Promise<Result<T, DomainError>>;

  voters(electionId: string, offset: number, limit: number): Promise<StoredVoter[]>;
  voter(electionId: string, voterId: string): Promise<StoredVoter | undefined>;
  turnout(electionId: string): Promise<ClassTurnout[]>;

  /**
   * Issues credentials, revoking any earlier one of the same voter, after `guard` accepts the election;
   * refuses unknown, ineligible and already-voted voters. Audited as one entry.
   */
  issueCredentials(electionId: string, at: string, actor: string, guard: Guard, issues: readonly CredentialIssue[]): Promise<Result<number, DomainError>>;
  /**
   * Marks the credential used and puts the ballots in the box in one transaction; the conditional update
   * makes a second use fail even when submissions race.
   */
  castBallot(electionId: string, at: string, guard: Guard, credentialHash: string, content: BallotContent, receiptHash: string): Promise<Result<true, DomainError | CastRefusal>>;
  /** Cancels a challenged voter's sealed envelope unread and marks them ineligible. Audited. */
  cancelEnvelope(electionId: string, at: string, actor: string, guard: Guard, voterId: string, reason: string): Promise<Result<true, DomainError>>;
  /** The sealed envelopes still held (without their voters). */
  envelopes(electionId: string): Promise<string[]>;
  /**
   * Puts the opened envelopes' ballots in the box and deletes the envelopes, if exactly `opened` are still
   * held (none cancelled meanwhile). Audited.
   */
  openEnvelopes(electionId: string, at: string, actor: string, guard: Guard, opened: number, ballots: readonly (readonly MarkedBallot[])[]): Promise<Result<true, DomainError>>;
  /**
   * Puts a postal ballot, entered by the returning officer's staff, in the same box: refused if the voter
   * has voted by either channel; cancels the voter's online credential. Audited (voter id, not the vote).
   */
  castPostal(electionId: string, at: string, actor: string, guard: Guard, voterId: string, content: BallotContent): Promise<Result<true, DomainError>>;
  /** Whether the credential may still vote (for showing the ballot paper before voting). */
  credentialState(electionId: string, credentialHash: string): Promise<'valid' | CastRefusal>;
  hasReceipt(electionId: string, receiptHash: string): Promise<boolean>;
  /** The rankings in the box for one contest, in the store's (random key) order. */
  ballots(electionId: string, contestId: string): Promise<number[][]>;
  result(electionId: string): Promise<StoredResult | undefined>;
  audit(electionId: string): Promise<AuditEntry[]>;

  /** Appends to the chain of admin actions outside any election (accounts, sign-ins). */
  appendSystemAudit(input: AuditInput, at: string): Promise<void>;
  systemAudit(): Promise<AuditEntry[]>;
  createUser(user: User): Promise<Result<true, DomainError>>;
  /** The enabled account of that name: a disabled account can neither sign in nor keep a session. */
  userByName(username: string): Promise<User | undefined>;
  accounts(): Promise<Account[]>;
  /**
   * Changes an account's role or disables it, refusing to leave no enabled owner; audited in the system
   * log in the same transaction. Disabling ends the account's sessions.
   */
  updateAccount(username: string, change: AccountChange, actor: string, at: string): Promise<Result<Account, DomainError>>;
  countUsers(): Promise<number>;
  createSession(tokenHash: string, userId: string, csrfToken: string, expiresAt: string): Promise<void>;
  session(tokenHash: string, now: string): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  /**
   * Rewrites the database file and empties the write-ahead log, so that the order in which pages were
   * allocated or written during voting (a faint trace of when ballots arrived) is gone once voting closes.
   */
  compact(): Promise<void>;
  close(): Promise<void>;
}
