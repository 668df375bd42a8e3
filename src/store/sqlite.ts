/**
 * The embedded store: SQLite through better-sqlite3, in WAL mode with synchronous=FULL so that a receipted
 * ballot survives a power cut. better-sqlite3 is synchronous, so each method is one BEGIN IMMEDIATE
 * transaction that no other request can interleave with.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { chainEntry, type AuditEntry, type AuditInput } from '../election/audit.ts';
import type { Voter } from '../election/roll.ts';
import { conflict, notFound, type DomainError, type Election, type Status } from '../election/types.ts';
import type { MarkedBallot } from '../election/voting.ts';
import { err, ok, type Result } from '../result.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type {
  Account, AccountChange, BallotContent, CastRefusal, ChangeFn, ClassTurnout, CredentialIssue, ElectionSummary, Guard, Role, RollEntry, Session, Store, StoredResult, StoredVoter, User,
} from './store.ts';

function migrate(db: Database.Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  MIGRATIONS.forEach((sql, i) => {
    if (i < current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    })();
  });
}

interface VoterRow {
  id: string; name: string; email: string | null; postal_address: string | null; elector_class: string; joined: string;
  standing: Voter['standing']; segments: string; ineligible_reason: string | null; voted: number; has_credential: number;
}

interface AuditRow { seq: number; at: string; actor: string; action: string; data: string; prev_hash: string; hash: string }

function toVoter(r: VoterRow): StoredVoter {
  const voter: Voter = {
    id: r.id, name: r.name, electorClass: r.elector_class, joined: r.joined, standing: r.standing,
    segments: JSON.parse(r.segments) as Record<string, string>,
    ...(r.email === null ? {} : { email: r.email }),
    ...(r.postal_address === null ? {} : { postalAddress: r.postal_address }),
  };
  return { voter, ...(r.ineligible_reason === null ? {} : { ineligible: r.ineligible_reason }), voted: r.voted === 1, hasCredential: r.has_credential === 1 };
}

function toAudit(r: AuditRow): AuditEntry {
  return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, data: JSON.parse(r.data) as AuditEntry['data'], prevHash: r.prev_hash, hash: r.hash };
}

const VOTER_COLUMNS = `id, name, email, postal_address, elector_class, joined, standing, segments, ineligible_reason, voted,
  EXISTS (SELECT 1 FROM credentials c WHERE c.election_id = v.election_id AND c.voter_id = v.id AND c.revoked = 0) AS has_credential`;

export class SqliteStore implements Store {
  private readonly db: Database.Database;

  /** Use openSqliteStore: better-sqlite3 is loaded on demand, so commands that need no database start faster. */
  constructor(db: Database.Database) {
    this.db = db;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten, so an opened envelope (voter id beside a ballot) leaves no trace in the file.
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
  }

  private tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Inside a transaction: the election exists and `guard` allows the change now. */
  private allowed(electionId: string, guard: Guard): Result<true, DomainError> {
    const e = this.readElection(electionId);
    return e ? guard(e) : err(notFound(`no election ${electionId}`));
  }

  /** Runs `change` in one transaction if the election exists and `guard` allows it. */
  private guarded<E>(electionId: string, guard: Guard, change: () => Result<true, DomainError | E>): Promise<Result<true, DomainError | E>> {
    return Promise.resolve(
      this.tx((): Result<true, DomainError | E> => {
        const allowed = this.allowed(electionId, guard);
        return allowed.ok ? change() : allowed;
      }),
    );
  }

  private appendAudit(electionId: string, input: AuditInput, at: string): void {
    const last = this.db.prepare('SELECT * FROM audit_log WHERE election_id = ? ORDER BY seq DESC LIMIT 1').get(electionId) as AuditRow | undefined;
    const e = chainEntry(last ? toAudit(last) : undefined, input, at);
    this.db
      .prepare('INSERT INTO audit_log (election_id, seq, at, actor, action, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(electionId, e.seq, e.at, e.actor, e.action, JSON.stringify(e.data), e.prevHash, e.hash);
  }

  private readElection(id: string): Election | undefined {
    const row = this.db.prepare('SELECT document FROM elections WHERE id = ?').get(id) as { document: string } | undefined;
    return row ? (JSON.parse(row.document) as Election) : undefined;
  }

  private writeElection(e: Election): void {
    this.db.prepare('UPDATE elections SET title = ?, status = ?, document = ? WHERE id = ?').run(e.title, e.status, JSON.stringify(e), e.id);
  }

  createElection(e: Election, audit: AuditInput, at: string): Promise<void> {
    this.tx(() => {
      this.db.prepare('INSERT INTO elections (id, title, status, document) VALUES (?, ?, ?, ?)').run(e.id, e.title, e.status, JSON.stringify(e));
      this.appendAudit(e.id, audit, at);
    });
    return Promise.resolve();
  }

  getElection(id: string): Promise<Election | undefined> {
    return Promise.resolve(this.readElection(id));
  }

  listElections(): Promise<ElectionSummary[]> {
    const rows = this.db.prepare('SELECT id, title, status FROM elections ORDER BY title, id').all() as { id: string; title: string; status: Status }[];
    return Promise.resolve(rows);
  }

  updateElection<T>(id: string, at: string, change: ChangeFn<T>): Promise<Result<T, DomainError>> {
    return Promise.resolve(
      this.tx((): Result<T, DomainError> => {
        const e = this.readElection(id);
        if (!e) return err(notFound(`no election ${id}`));
        const counts = this.db
          .prepare('SELECT count(*) AS size, count(*) FILTER (WHERE ineligible_reason IS NULL) AS eligible FROM voters WHERE election_id = ?')
          .get(id) as { size: number; eligible: number };
        const planned = change(e, { eligibleVoters: counts.eligible, rollSize: counts.size });
        if (!planned.ok) return planned;
        const c = planned.value;
        if (c.roll) {
          const issued = this.db.prepare('SELECT count(*) AS n FROM credentials WHERE election_id = ?').get(id) as { n: number };
          if (issued.n > 0) return err(conflict('credentials have been issued: the roll can no longer be replaced'));
          this.replaceRoll(id, c.roll);
        }
        if (c.result) {
          this.db.prepare('INSERT INTO results (election_id, result, ballots_blt) VALUES (?, ?, ?)').run(id, JSON.stringify(c.result.result), JSON.stringify(c.result.ballots));
        }
        this.writeElection(c.election);
        this.appendAudit(id, c.audit, at);
        return ok(c.value);
      }),
    );
  }

  private replaceRoll(electionId: string, roll: readonly RollEntry[]): void {
    this.db.prepare('DELETE FROM voters WHERE election_id = ?').run(electionId);
    const insert = this.db.prepare(
      `INSERT INTO voters (election_id, id, name, email, postal_address, elector_class, joined, standing, segments, ineligible_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const { voter: v, ineligible } of roll) {
      insert.run(electionId, v.id, v.name, v.email ?? null, v.postalAddress ?? null, v.electorClass, v.joined, v.standing, JSON.stringify(v.segments), ineligible ?? null);
    }
  }

  voters(electionId: string, offset: number, limit: number): Promise<StoredVoter[]> {
    const rows = this.db.prepare(`SELECT ${VOTER_COLUMNS} FROM voters v WHERE election_id = ? ORDER BY id LIMIT ? OFFSET ?`).all(electionId, limit, offset) as VoterRow[];
    return Promise.resolve(rows.map(toVoter));
  }

  voter(electionId: string, voterId: string): Promise<StoredVoter | undefined> {
    const row = this.db.prepare(`SELECT ${VOTER_COLUMNS} FROM voters v WHERE election_id = ? AND id = ?`).get(electionId, voterId) as VoterRow | undefined;
    return Promise.resolve(row ? toVoter(row) : undefined);
  }

  turnout(electionId: string): Promise<ClassTurnout[]> {
    const rows = this.db
      .prepare(
        `SELECT elector_class AS electorClass, count(*) AS eligible, sum(voted) AS voted FROM voters
         WHERE election_id = ? AND ineligible_reason IS NULL GROUP BY elector_class ORDER BY elector_class`,
      )
      .all(electionId) as ClassTurnout[];
    return Promise.resolve(rows);
  }

  issueCredentials(electionId: string, at: string, actor: string, guard: Guard, issues: readonly CredentialIssue[]): Promise<Result<number, DomainError>> {
    try {
      return Promise.resolve(this.tx(() => this.issueInTx(electionId, at, actor, guard, issues)));
    } catch (e) {
      // A refusal part-way is thrown so that better-sqlite3 rolls the whole batch back.
      if (e instanceof RefusedIssue) return Promise.resolve(err(e.refusal));
      throw e;
    }
  }

  private issueInTx(electionId: string, at: string, actor: string, guard: Guard, issues: readonly CredentialIssue[]): Result<number, DomainError> {
    const allowed = this.allowed(electionId, guard);
    if (!allowed.ok) return allowed;
    const find = this.db.prepare('SELECT ineligible_reason, voted FROM voters WHERE election_id = ? AND id = ?');
    const revoke = this.db.prepare('UPDATE credentials SET revoked = 1 WHERE election_id = ? AND voter_id = ? AND revoked = 0');
    const insert = this.db.prepare('INSERT INTO credentials (hash, election_id, voter_id) VALUES (?, ?, ?)');
    const issued: string[] = [];
    const reissued: string[] = [];
    for (const { voterId, hash } of issues) {
      const v = find.get(electionId, voterId) as { ineligible_reason: string | null; voted: number } | undefined;
      if (!v) throw new RefusedIssue(notFound(`voter ${voterId} is not on the roll`));
      if (v.ineligible_reason !== null) throw new RefusedIssue(conflict(`voter ${voterId} is not eligible: ${v.ineligible_reason}`));
      if (v.voted === 1) throw new RefusedIssue(conflict(`voter ${voterId} has already voted`));
      (revoke.run(electionId, voterId).changes > 0 ? reissued : issued).push(voterId);
      insert.run(hash, electionId, voterId);
    }
    this.appendAudit(electionId, { actor, action: 'credentials issued', data: { issued, reissued } }, at);
    return ok(issues.length);
  }

  castBallot(electionId: string, _at: string, guard: Guard, credentialHash: string, content: BallotContent, receiptHash: string): Promise<Result<true, DomainError | CastRefusal>> {
    return this.guarded(electionId, guard, (): Result<true, DomainError | CastRefusal> => {
      const used = this.db
        .prepare('UPDATE credentials SET used = 1 WHERE hash = ? AND election_id = ? AND used = 0 AND revoked = 0 RETURNING voter_id')
        .get(credentialHash, electionId) as { voter_id: string } | undefined;
      if (!used) return err(this.refusal(electionId, credentialHash));
      this.db.prepare('UPDATE voters SET voted = 1 WHERE election_id = ? AND id = ?').run(electionId, used.voter_id);
      this.deposit(electionId, used.voter_id, content);
      this.db.prepare('INSERT INTO receipts (hash, election_id) VALUES (?, ?)').run(receiptHash, electionId);
      return ok(true);
    });
  }

  castPostal(electionId: string, at: string, actor: string, guard: Guard, voterId: string, content: BallotContent): Promise<Result<true, DomainError>> {
    return this.guarded(electionId, guard, (): Result<true, DomainError> => {
      const v = this.db.prepare('SELECT ineligible_reason FROM voters WHERE election_id = ? AND id = ?').get(electionId, voterId) as { ineligible_reason: string | null } | undefined;
      if (!v) return err(notFound(`voter ${voterId} is not on the roll`));
      if (v.ineligible_reason !== null) return err(conflict(`voter ${voterId} is not eligible: ${v.ineligible_reason}`));
      const marked = this.db.prepare('UPDATE voters SET voted = 1 WHERE election_id = ? AND id = ? AND voted = 0').run(electionId, voterId);
      if (marked.changes === 0) return err(conflict(`voter ${voterId} has already voted (online or by post)`));
      this.db.prepare('UPDATE credentials SET revoked = 1 WHERE election_id = ? AND voter_id = ? AND revoked = 0').run(electionId, voterId);
      this.deposit(electionId, voterId, content);
      this.appendAudit(electionId, { actor, action: 'postal ballot entered', data: { voter: voterId } }, at);
      return ok(true);
    });
  }

  /** A sealed envelope is kept with its voter (until opened); open ballots go into the box unlinked. */
  private deposit(electionId: string, voterId: string, content: BallotContent): void {
    if ('sealed' in content) {
      this.db.prepare('INSERT INTO envelopes (election_id, voter_id, sealed) VALUES (?, ?, ?)').run(electionId, voterId, content.sealed);
    } else this.insertBallots(electionId, content.ballots);
  }

  private insertBallots(electionId: string, ballots: readonly MarkedBallot[]): void {
    const insert = this.db.prepare('INSERT INTO ballots (id, election_id, contest_id, ranking) VALUES (?, ?, ?, ?)');
    for (const b of ballots) insert.run(randomUUID(), electionId, b.contest, b.ranking.join(','));
  }

  cancelEnvelope(electionId: string, at: string, actor: string, guard: Guard, voterId: string, reason: string): Promise<Result<true, DomainError>> {
    return this.guarded(electionId, guard, (): Result<true, DomainError> => {
      const removed = this.db.prepare('DELETE FROM envelopes WHERE election_id = ? AND voter_id = ?').run(electionId, voterId);
      if (removed.changes === 0) return err(conflict(`voter ${voterId} has no sealed envelope to cancel`));
      this.db.prepare('UPDATE voters SET ineligible_reason = ? WHERE election_id = ? AND id = ?').run(`ruled ineligible: ${reason}`, electionId, voterId);
      this.appendAudit(electionId, { actor, action: 'envelope cancelled', data: { voter: voterId, reason } }, at);
      return ok(true);
    });
  }

  envelopes(electionId: string): Promise<string[]> {
    const rows = this.db.prepare('SELECT sealed FROM envelopes WHERE election_id = ?').all(electionId) as { sealed: string }[];
    return Promise.resolve(rows.map((r) => r.sealed));
  }

  openEnvelopes(electionId: string, at: string, actor: string, guard: Guard, opened: number, ballots: readonly (readonly MarkedBallot[])[]): Promise<Result<true, DomainError>> {
    return this.guarded(electionId, guard, (): Result<true, DomainError> => {
      const held = (this.db.prepare('SELECT count(*) AS n FROM envelopes WHERE election_id = ?').get(electionId) as { n: number }).n;
      if (held !== opened) return err(conflict(`${held} envelopes are held but ${opened} were opened; open them again`));
      this.db.prepare('DELETE FROM envelopes WHERE election_id = ?').run(electionId);
      for (const paper of ballots) this.insertBallots(electionId, paper);
      this.appendAudit(electionId, { actor, action: 'envelopes opened', data: { opened } }, at);
      return ok(true);
    });
  }

  /** Why a credential cannot vote; a voter who has voted by post counts as having used it. */
  private refusal(electionId: string, credentialHash: string): CastRefusal {
    const row = this.db
      .prepare('SELECT c.revoked, c.used, v.voted FROM credentials c JOIN voters v ON v.election_id = c.election_id AND v.id = c.voter_id WHERE c.hash = ? AND c.election_id = ?')
      .get(credentialHash, electionId) as { revoked: number; used: number; voted: number } | undefined;
    return !row ? 'unknown' : row.used === 1 || row.voted === 1 ? 'used' : 'revoked';
  }

  credentialState(electionId: string, credentialHash: string): Promise<'valid' | CastRefusal> {
    const valid = this.db.prepare('SELECT 1 FROM credentials WHERE hash = ? AND election_id = ? AND used = 0 AND revoked = 0').get(credentialHash, electionId);
    return Promise.resolve(valid ? 'valid' : this.refusal(electionId, credentialHash));
  }

  hasReceipt(electionId: string, receiptHash: string): Promise<boolean> {
    return Promise.resolve(this.db.prepare('SELECT 1 FROM receipts WHERE hash = ? AND election_id = ?').get(receiptHash, electionId) !== undefined);
  }

  ballots(electionId: string, contestId: string): Promise<number[][]> {
    const rows = this.db.prepare('SELECT ranking FROM ballots WHERE election_id = ? AND contest_id = ?').all(electionId, contestId) as { ranking: string }[];
    return Promise.resolve(rows.map((r) => r.ranking.split(',').map(Number)));
  }

  result(electionId: string): Promise<StoredResult | undefined> {
    const row = this.db.prepare('SELECT result, ballots_blt FROM results WHERE election_id = ?').get(electionId) as { result: string; ballots_blt: string } | undefined;
    return Promise.resolve(row ? { result: JSON.parse(row.result) as unknown, ballots: JSON.parse(row.ballots_blt) as Record<string, string> } : undefined);
  }

  audit(electionId: string): Promise<AuditEntry[]> {
    const rows = this.db.prepare('SELECT * FROM audit_log WHERE election_id = ? ORDER BY seq').all(electionId) as AuditRow[];
    return Promise.resolve(rows.map(toAudit));
  }

  appendSystemAudit(input: AuditInput, at: string): Promise<void> {
    this.tx(() => this.appendSystemAuditIn(input, at));
    return Promise.resolve();
  }

  /** Appends to the system chain inside the caller's transaction. */
  private appendSystemAuditIn(input: AuditInput, at: string): void {
    const last = this.db.prepare('SELECT * FROM system_audit ORDER BY seq DESC LIMIT 1').get() as AuditRow | undefined;
    const e = chainEntry(last ? toAudit(last) : undefined, input, at);
    this.db
      .prepare('INSERT INTO system_audit (seq, at, actor, action, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.seq, e.at, e.actor, e.action, JSON.stringify(e.data), e.prevHash, e.hash);
  }

  systemAudit(): Promise<AuditEntry[]> {
    const rows = this.db.prepare('SELECT * FROM system_audit ORDER BY seq').all() as AuditRow[];
    return Promise.resolve(rows.map(toAudit));
  }

  createUser(user: User): Promise<Result<true, DomainError>> {
    const taken = this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(user.username);
    if (taken) return Promise.resolve(err(conflict(`user ${user.username} exists`)));
    this.db.prepare('INSERT INTO users (id, username, role, password_hash) VALUES (?, ?, ?, ?)').run(user.id, user.username, user.role, user.passwordHash);
    return Promise.resolve(ok(true));
  }

  userByName(username: string): Promise<User | undefined> {
    const row = this.db.prepare('SELECT id, username, role, password_hash AS passwordHash FROM users WHERE username = ? AND disabled = 0').get(username) as User | undefined;
    return Promise.resolve(row);
  }

  accounts(): Promise<Account[]> {
    const rows = this.db.prepare('SELECT username, role, disabled FROM users ORDER BY username').all() as AccountRow[];
    return Promise.resolve(rows.map(toAccount));
  }

  updateAccount(username: string, change: AccountChange, actor: string, at: string): Promise<Result<Account, DomainError>> {
    return Promise.resolve(
      this.tx(() => {
        const row = this.db.prepare('SELECT username, role, disabled FROM users WHERE username = ?').get(username) as AccountRow | undefined;
        if (!row) return err(notFound(`no account ${username}`));
        const after: Account = { ...toAccount(row), ...change };
        const owners = (this.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'owner' AND disabled = 0 AND username <> ?").get(username) as { n: number }).n;
        if (owners === 0 && (after.role !== 'owner' || after.disabled)) return err(conflict('this is the last enabled owner: make another account owner first'));
        this.db.prepare('UPDATE users SET role = ?, disabled = ? WHERE username = ?').run(after.role, after.disabled ? 1 : 0, username);
        if (after.disabled) this.db.prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)').run(username);
        this.appendSystemAuditIn({ actor, action: 'account changed', data: { username, role: after.role, disabled: after.disabled } }, at);
        return ok(after);
      }),
    );
  }

  countUsers(): Promise<number> {
    return Promise.resolve((this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n);
  }

  createSession(tokenHash: string, userId: string, csrfToken: string, expiresAt: string): Promise<void> {
    this.db.prepare('INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, userId, csrfToken, expiresAt);
    return Promise.resolve();
  }

  session(tokenHash: string, now: string): Promise<Session | undefined> {
    const row = this.db
      .prepare(
        `SELECT u.id, u.username, u.role, u.password_hash AS passwordHash, s.csrf_token AS csrfToken, s.expires_at AS expiresAt
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
      )
      .get(tokenHash, now) as (User & { csrfToken: string; expiresAt: string }) | undefined;
    if (!row) return Promise.resolve(undefined);
    const { csrfToken, expiresAt, ...user } = row;
    return Promise.resolve({ user, csrfToken, expiresAt });
  }

  deleteSession(tokenHash: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    return Promise.resolve();
  }

  compact(): Promise<void> {
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

/** Opens (creating if need be) the database file and brings its schema up to date. */
export async function openSqliteStore(path: string): Promise<SqliteStore> {
  const { default: Database } = await import('better-sqlite3');
  return new SqliteStore(new Database(path));
}

interface AccountRow {
  readonly username: string;
  readonly role: Role;
  readonly disabled: number;
}

function toAccount(r: AccountRow): Account {
  return { username: r.username, role: r.role, disabled: r.disabled !== 0 };
}

/** Carries a refusal out of a better-sqlite3 transaction so that the transaction rolls back. */
class RefusedIssue extends Error {
  readonly refusal: DomainError;
  constructor(refusal: DomainError) {
    super(refusal.message);
    this.refusal = refusal;
  }
}

