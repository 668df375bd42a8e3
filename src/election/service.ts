/**
 * The use cases of the election service, each one store transaction around the pure rules of this
 * folder: the HTTP routes and the CLI call these, so neither holds business logic. The clock, the random
 * source and the credential pepper come from outside, so that tests and the demo can fix them.
 */
import { err, ok, type Result } from '../result.ts';
import type { BallotContent, ChangeFn, CastRefusal, Guard, Store } from '../store/store.ts';
import type { AuditInput } from './audit.ts';
import { hashCode, newCredential, newReceipt, type RandomBytes } from './credentials.ts';
import { addCandidate, createElection, setEligibility, setSchedule, withdrawCandidate, type ElectionSpec } from './election.ts';
import { acceptingBallots, before, transition } from './lifecycle.ts';
import { addNomination } from './nominations.ts';
import { batchDownloaded, batchPrinted, postalBatches } from './postal-batches.ts';
import { open, seal, sealing } from './envelopes.ts';
import { countAuditData, countElection, shuffle, turnoutRows, type PublishedResult } from './results.ts';
import { importRoll, ineligibility, type RollReport } from './roll.ts';
import { conflict, invalid, notFound, type DomainError, type Election, type EligibilityRules, type Nomination, type Schedule, type Status } from './types.ts';
import { markBallots, type MarkedBallot, type Submission } from './voting.ts';

export interface ServiceDeps {
  readonly store: Store;
  readonly clock: () => Date;
  readonly random: RandomBytes;
  /** Secret mixed into credential hashes, kept outside the database (may be empty). */
  readonly pepper: string;
}

export type VoteRefusal = DomainError | CastRefusal;

/** Messages for refused credentials: the voter needs to know which case they are in. */
export const CREDENTIAL_REFUSALS: Readonly<Record<CastRefusal, string>> = {
  unknown: 'this credential is not recognised for this election',
  revoked: 'this credential was replaced by a newer one; use the latest credential you were sent',
  used: 'this voter has already voted (with this credential or by post)',
};

function audit(actor: string, action: string, data: AuditInput['data'] = {}): AuditInput {
  return { actor, action, data };
}

function change(actor: string, action: string, data: AuditInput['data'], edit: (e: Election) => Result<Election, DomainError>): ChangeFn<Election> {
  return (e) => {
    const next = edit(e);
    return next.ok ? ok({ election: next.value, audit: audit(actor, action, data), value: next.value }) : next;
  };
}

export class ElectionService {
  private readonly deps: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }

  async create(spec: ElectionSpec, actor: string): Promise<Result<Election, DomainError>> {
    const id = Buffer.from(this.deps.random(9)).toString('base64url');
    const created = createElection(spec, id, this.now());
    if (!created.ok) return created;
    await this.deps.store.createElection(created.value, audit(actor, 'election created', { title: spec.title }), this.now());
    return created;
  }

  async move(id: string, to: Status, actor: string): Promise<Result<Election, DomainError>> {
    if (to === 'counted') return err(conflict('an election is counted with POST /count, not moved to counted'));
    const now = this.now();
    const moved = await this.deps.store.updateElection(id, now, (e, facts) => {
      const next = transition(e, to, { now, eligibleVoters: facts.eligibleVoters });
      return next.ok ? ok({ election: next.value, audit: audit(actor, `status ${e.status} → ${to}`, { from: e.status, to }), value: next.value }) : next;
    });
    if (moved.ok && to === 'closed') await this.deps.store.compact();
    return moved;
  }

  /**
   * Makes the scheduled moves that are due: nominations → voting at `votingOpens`, voting → closed at
   * `votingCloses`. Returns what happened, including moves the rules refused (e.g. no candidate qualified).
   */
  async applySchedule(): Promise<string[]> {
    const now = this.now();
    const done: string[] = [];
    for (const summary of await this.deps.store.listElections()) {
      const e = await this.deps.store.getElection(summary.id);
      const { votingOpens, votingCloses } = e?.schedule ?? {};
      const to: Status | undefined =
        e?.status === 'nominations' && votingOpens !== undefined && !before(now, votingOpens) ? 'voting'
          : e?.status === 'voting' && votingCloses !== undefined && !before(now, votingCloses) ? 'closed'
            : undefined;
      if (!e || to === undefined) continue;
      const moved = await this.move(e.id, to, 'scheduler');
      done.push(moved.ok ? `${e.title}: ${e.status} → ${to}` : `${e.title}: could not move to ${to}: ${moved.error.message}`);
    }
    return done;
  }

  schedule(id: string, schedule: Schedule, actor: string): Promise<Result<Election, DomainError>> {
    return this.deps.store.updateElection(id, this.now(), change(actor, 'schedule set', { ...schedule }, (e) => setSchedule(e, schedule)));
  }

  eligibility(id: string, rules: EligibilityRules, actor: string): Promise<Result<Election, DomainError>> {
    const data = { classes: [...rules.classes], requireGoodStanding: rules.requireGoodStanding, ...(rules.freezeDate === undefined ? {} : { freezeDate: rules.freezeDate }) };
    return this.deps.store.updateElection(id, this.now(), (e, facts) => {
      const next = setEligibility(e, rules, facts.rollSize);
      return next.ok ? ok({ election: next.value, audit: audit(actor, 'eligibility set', data), value: next.value }) : next;
    });
  }

  addCandidate(id: string, contest: string, name: string, incumbent: boolean, actor: string): Promise<Result<Election, DomainError>> {
    return this.deps.store.updateElection(id, this.now(), change(actor, 'candidate added', { contest, name, incumbent }, (e) => addCandidate(e, contest, name, incumbent)));
  }

  withdraw(id: string, contest: string, name: string, actor: string): Promise<Result<Election, DomainError>> {
    return this.deps.store.updateElection(id, this.now(), change(actor, 'candidate withdrawn', { contest, name }, (e) => withdrawCandidate(e, contest, name)));
  }

  nominate(id: string, n: Nomination, actor: string): Promise<Result<Election, DomainError>> {
    const data = { contest: n.contest, body: n.body, nominator: n.nominator, candidate: n.candidate, ...(n.kind === undefined ? {} : { kind: n.kind }) };
    return this.deps.store.updateElection(id, this.now(), change(actor, 'nomination recorded', data, (e) => addNomination(e, n)));
  }

  /** Records a batch of nomination forms all or nothing, as one audit entry. */
  nominateAll(id: string, list: readonly Nomination[], actor: string): Promise<Result<Election, DomainError>> {
    const data = { nominations: list.map((n) => [n.contest, n.body, n.nominator, n.candidate, n.kind ?? null]) };
    return this.deps.store.updateElection(id, this.now(), change(actor, 'nominations recorded', data, (e) => {
      let next: Result<Election, DomainError> = ok(e);
      for (const n of list) {
        if (!next.ok) return next;
        next = addNomination(next.value, n);
      }
      return next;
    }));
  }

  /** Imports the roll all or nothing: any invalid row rejects the file, with the report. */
  importRoll(id: string, csv: string, actor: string): Promise<Result<RollReport, DomainError | RollReport>> {
    return this.deps.store.updateElection<RollReport | undefined>(id, this.now(), (e) => {
      if (e.status !== 'draft' && e.status !== 'nominations') return err(conflict(`the roll can be imported only before voting (the election is ${e.status})`));
      const report = importRoll(csv, e.eligibility.classes);
      if (report.errors.length > 0) return ok({ election: e, audit: audit(actor, 'roll import rejected', { rows: report.rows, errors: report.errors.length }), value: report });
      const roll = report.voters.map((voter) => {
        const why = ineligibility(voter, e.eligibility);
        return why === undefined ? { voter } : { voter, ineligible: why };
      });
      const eligible = roll.filter((r) => r.ineligible === undefined).length;
      const data = { rows: report.rows, voters: roll.length, eligible, duplicates: report.duplicates.length };
      return ok({ election: e, audit: audit(actor, 'roll imported', data), value: report, roll });
    }).then((r) => (r.ok && r.value && r.value.errors.length > 0 ? err(r.value) : (r as Result<RollReport, DomainError>)));
  }

  /** Issues (or reissues, revoking the old) credentials; returns the plain credentials once, to deliver. */
  async issueCredentials(id: string, voterIds: readonly string[], actor: string): Promise<Result<{ voterId: string; credential: string }[], DomainError>> {
    const issued = voterIds.map((voterId) => ({ voterId, credential: newCredential(this.deps.random) }));
    const guard = (e: Election): Result<true, DomainError> =>
      e.status === 'nominations' || e.status === 'voting' ? ok(true) : err(conflict(`credentials are issued during nominations or voting (the election is ${e.status})`));
    const stored = await this.deps.store.issueCredentials(id, this.now(), actor, guard, issued.map((i) => ({ voterId: i.voterId, hash: hashCode(i.credential, this.deps.pepper) })));
    return stored.ok ? ok(issued) : stored;
  }

  /** Records in the audit log a batch of postal ballot papers just printed (they carry live credentials). */
  recordPostalBatch(id: string, name: string, papers: number, actor: string): Promise<Result<true, DomainError>> {
    return this.deps.store.updateElection(id, this.now(), (e) => ok({ election: e, audit: batchPrinted(actor, name, papers), value: true as const }));
  }

  /**
   * A batch of this election's papers, to download: refused unless the log shows it printed for this
   * election, and the download itself is logged, so the console can say who has taken each batch.
   */
  async downloadPostalBatch(id: string, name: string, actor: string): Promise<Result<true, DomainError>> {
    const printed = postalBatches(await this.deps.store.audit(id)).some((b) => b.name === name);
    if (!printed) return err(notFound(`no postal batch ${name} was printed for election ${id}`));
    return this.deps.store.updateElection(id, this.now(), (e) => ok({ election: e, audit: batchDownloaded(actor, name), value: true as const }));
  }

  /** Everyone eligible who has neither a credential nor a vote yet. */
  async votersWithoutCredential(id: string): Promise<string[]> {
    const out: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await this.deps.store.voters(id, offset, 1000);
      out.push(...page.filter((v) => v.ineligible === undefined && !v.hasCredential && !v.voted).map((v) => v.voter.id));
      if (page.length < 1000) return out;
    }
  }

  async ballotPaper(id: string, credential: string): Promise<Result<Election, VoteRefusal>> {
    const e = await this.deps.store.getElection(id);
    if (!e) return err(notFound(`no election ${id}`));
    const open = acceptingBallots(e, this.now());
    if (!open.ok) return open;
    const state = await this.deps.store.credentialState(id, hashCode(credential, this.deps.pepper));
    return state === 'valid' ? ok(e) : err(state);
  }

  async vote(id: string, credential: string, submission: Submission): Promise<Result<string, VoteRefusal>> {
    const checked = await this.checkSubmission(id, submission);
    if (!checked.ok) return checked;
    const { now, content, guard } = checked.value;
    const receipt = newReceipt(this.deps.random);
    const cast = await this.deps.store.castBallot(id, now, guard, hashCode(credential, this.deps.pepper), content, hashCode(receipt, this.deps.pepper));
    return cast.ok ? ok(receipt) : cast;
  }

  /** A postal ballot keyed in by staff: same box, and it cancels the voter's online credential. */
  async postalBallot(id: string, voterId: string, submission: Submission, actor: string): Promise<Result<true, DomainError>> {
    const checked = await this.checkSubmission(id, submission);
    if (!checked.ok) return checked;
    const { now, content, guard } = checked.value;
    return this.deps.store.castPostal(id, now, actor, guard, voterId, content);
  }

  /**
   * What every channel checks before a ballot goes into the box: the election takes ballots now and the
   * marks fit its ballot papers. The papers cannot change once voting is open, so the marks checked here
   * stay valid inside the store's transaction, where `guard` checks the election is still open.
   * Until a challenge deadline the ballots go into a sealed envelope still linked to the voter, so that a
   * voter ruled ineligible can have it cancelled unread; otherwise straight into the box.
   */
  private async checkSubmission(id: string, submission: Submission): Promise<Result<{ now: string; content: BallotContent; guard: Guard }, DomainError>> {
    const e = await this.deps.store.getElection(id);
    if (!e) return err(notFound(`no election ${id}`));
    const now = this.now();
    const open = acceptingBallots(e, now);
    if (!open.ok) return open;
    const marked = markBallots(e, submission);
    if (!marked.ok) return marked;
    const ballots = marked.value;
    const content = e.challenges && sealing(e, now) ? { sealed: seal(ballots, e.challenges.publicKey, this.deps.random) } : { ballots };
    return ok({ now, content, guard: (current: Election) => acceptingBallots(current, now) });
  }

  /** Rules a voter ineligible before the challenge deadline: their sealed envelope is cancelled unread. */
  challenge(id: string, voterId: string, reason: string, actor: string): Promise<Result<true, DomainError>> {
    const now = this.now();
    const guard = (e: Election): Result<true, DomainError> =>
      !e.challenges ? err(conflict('this election does not take eligibility challenges'))
        : sealing(e, now) ? ok(true) : err(conflict(`challenges closed at ${e.challenges.deadline}`));
    return this.deps.store.cancelEnvelope(id, now, actor, guard, voterId, reason);
  }

  /** After the deadline: opens every remaining envelope with the officer's private key, into the box. */
  async openEnvelopes(id: string, privateKey: string, actor: string): Promise<Result<number, DomainError>> {
    const now = this.now();
    const guard = (e: Election): Result<true, DomainError> =>
      !e.challenges ? err(conflict('this election does not take eligibility challenges'))
        : sealing(e, now) ? err(conflict(`envelopes stay sealed until the challenge deadline, ${e.challenges.deadline}`)) : ok(true);
    const e = await this.deps.store.getElection(id);
    if (!e) return err(notFound(`no election ${id}`));
    const allowed = guard(e);
    if (!allowed.ok) return allowed;
    const sealed = await this.deps.store.envelopes(id);
    const opened: MarkedBallot[][] = [];
    for (const s of sealed) {
      const ballots = open(s, privateKey);
      if (!ballots.ok) return err(invalid(ballots.error));
      opened.push(ballots.value);
    }
    const stored = await this.deps.store.openEnvelopes(id, now, actor, guard, sealed.length, shuffle(opened, this.deps.random));
    return stored.ok ? ok(sealed.length) : stored;
  }

  hasReceipt(id: string, receipt: string): Promise<boolean> {
    return this.deps.store.hasReceipt(id, hashCode(receipt, this.deps.pepper));
  }

  /** closed → counted: counts every contest and stores the result with its audit entry. */
  async count(id: string, actor: string): Promise<Result<PublishedResult, DomainError>> {
    const e = await this.deps.store.getElection(id);
    if (!e) return err(notFound(`no election ${id}`));
    if (e.status !== 'closed') return err(conflict(`only a closed election can be counted (it is ${e.status})`));
    const sealed = (await this.deps.store.envelopes(id)).length;
    if (sealed > 0) return err(conflict(`${sealed} sealed envelopes must be opened (after the challenge deadline) before the count`));
    // No ballot can arrive once closed, so reading the box before the transaction reads all of it.
    const rankings = new Map<string, number[][]>();
    for (const c of e.contests) rankings.set(c.id, await this.deps.store.ballots(id, c.id));
    const counted = countElection(e, rankings, turnoutRows(await this.deps.store.turnout(id)), this.deps.random);
    if (!counted.ok) return counted;
    const { result, ballots } = counted.value;
    return this.deps.store.updateElection(id, this.now(), (current) =>
      current.status !== 'closed'
        ? err(conflict(`only a closed election can be counted (it is ${current.status})`))
        : ok({ election: { ...current, status: 'counted' }, audit: audit(actor, 'counted', countAuditData(result)), value: result, result: { result, ballots } }),
    );
  }
}
