/**
 * ERS97 STV: the Electoral Reform Society's rules, R.A. Newland & F.S. Britton, "How to conduct an election
 * by the Single Transferable Vote", 3rd edition (ERS, 1997), section 5; rule numbers are cited inline.
 *
 * In short: a Droop quota taken to two decimal places and rounded up (5.1.6), lowered while votes go
 * non-transferable before anyone is elected (5.4.8); a candidate is deemed elected on reaching the quota
 * or the total active vote over one more than the places left (5.1.7); only the last batch of papers
 * received is examined for a surplus, at a transfer value truncated to two places (5.3.2, 5.3.7);
 * surpluses are deferred while they cannot change who is excluded (5.2.2); the lowest candidates are
 * excluded together when they could not overtake the next one up (5.2.5), and their papers move in
 * sub-stages, one for each transfer value, highest first, with elections after each (5.4).
 *
 * Each transfer of a batch of papers is one Round: a surplus, or one sub-stage of an exclusion. Ties are
 * broken as the rules say (5.2.3, 5.2.5, 5.6.2): by the votes at the first point in the count where the
 * tied candidates differed (forwards), then by the seeded lot; a tie for election that no earlier point
 * separates elects none of them at that stage. The `--tiebreak` mode is therefore not used, only its seed
 * (or the contest's declared tie order, which takes the lot's place).
 * Values are held as whole hundredths of a vote.
 */
import { Rational } from '../arithmetic.ts';
import { withoutWithdrawn, type CandidateIndex, type Contest } from '../ballots.ts';
import { breakTie, type RoundTallies } from '../tiebreak.ts';
import type { CountResult, Round, TieBreakOptions, TieBreakRecord, Transfer } from '../types.ts';
import type { Rule, RuleOptions } from '../index.ts';

const PLACES = 2;
const ONE = 100n; // a vote of value 1.00, in hundredths

/** Papers of one ballot group held at ranking position `pos` (the holder is ranking[pos]). */
interface Parcel {
  readonly ballot: number;
  readonly pos: number;
  readonly count: bigint;
}

/** 6.1: all the papers of one value in a transfer. */
interface Batch {
  readonly value: bigint;
  readonly parcels: Parcel[];
}

type Status = 'continuing' | 'elected' | 'excluded';

const ceilDiv = (a: bigint, b: bigint): bigint => (a % b === 0n ? a / b : a / b + 1n);
const units = (u: bigint): Rational => Rational.fromUnits(u, PLACES);

class Ers97Count {
  readonly rankings: (readonly CandidateIndex[])[];
  readonly status: Status[];
  readonly vote: bigint[];
  readonly batches: Batch[][];
  readonly lastBatch: (Batch | undefined)[];
  readonly surplusDone = new Set<CandidateIndex>();
  readonly winners: CandidateIndex[] = [];
  readonly valid: bigint;
  quota: bigint;
  exhausted = 0n;
  loss = 0n;

  constructor(
    contest: Contest,
    readonly seats: number,
  ) {
    const gone = new Set(contest.withdrawn);
    // 6.9: a paper with no first preference is invalid and is not part of the count.
    const ballots = withoutWithdrawn(contest).ballots.filter((b) => b.ranking.length > 0);
    this.rankings = ballots.map((b) => b.ranking);
    this.status = contest.candidates.map((_, c) => (gone.has(c) ? 'excluded' : 'continuing'));
    this.vote = contest.candidates.map(() => 0n);
    this.batches = contest.candidates.map(() => []);
    this.lastBatch = contest.candidates.map(() => undefined);
    const first = new Map<CandidateIndex, Parcel[]>();
    ballots.forEach((b, i) => {
      const c = b.ranking[0] ?? -1;
      first.set(c, [...(first.get(c) ?? []), { ballot: i, pos: 0, count: b.weight }]);
    });
    for (const [c, parcels] of first) this.receive(c, { value: ONE, parcels });
    this.valid = ballots.reduce((s, b) => s + b.weight * ONE, 0n);
    this.quota = this.droopQuota();
  }

  /** 5.1.6: valid votes (less non-transferable ones, 5.4.8) over seats + 1, to 2 places, rounded up. */
  droopQuota(): bigint {
    return ceilDiv(this.valid - this.exhausted, BigInt(this.seats + 1));
  }

  receive(c: CandidateIndex, batch: Batch): void {
    this.batches[c]?.push(batch);
    this.lastBatch[c] = batch;
    this.vote[c] = (this.vote[c] ?? 0n) + valueOf(batch);
  }

  with(s: Status): CandidateIndex[] {
    return this.status.flatMap((t, c) => (t === s ? [c] : []));
  }

  votes(c: CandidateIndex): bigint {
    return this.vote[c] ?? 0n;
  }

  unfilled(): number {
    return this.seats - this.winners.length;
  }

  surplus(c: CandidateIndex): bigint {
    const s = this.votes(c) - this.quota;
    return this.status[c] === 'elected' && !this.surplusDone.has(c) && s > 0n ? s : 0n;
  }

  /** Surpluses not yet transferred, largest first. */
  surpluses(): CandidateIndex[] {
    return this.with('elected').filter((c) => this.surplus(c) > 0n);
  }

  /** 6.20: continuing candidates' votes plus votes awaiting transfer (surpluses, excluded papers). */
  totalActiveVote(): bigint {
    const continuing = this.with('continuing').reduce((s, c) => s + this.votes(c), 0n);
    const surpluses = this.with('elected').reduce((s, c) => s + this.surplus(c), 0n);
    const awaiting = this.with('excluded').reduce((s, c) => s + this.votes(c), 0n);
    return continuing + surpluses + awaiting;
  }

  /** 6.10: the next preference after `pos` for a continuing candidate. */
  nextPreference(p: Parcel): Parcel | undefined {
    const ranking = this.rankings[p.ballot] ?? [];
    for (let pos = p.pos + 1; pos < ranking.length; pos++) {
      if (this.status[ranking[pos] ?? -1] === 'continuing') return { ballot: p.ballot, pos, count: p.count };
    }
    return undefined;
  }

  /** 5.3.3 / 5.4.2: sorts papers by next available preference; the rest are non-transferable. */
  sort(parcels: readonly Parcel[]): { to: Map<CandidateIndex, Parcel[]>; stranded: bigint } {
    const to = new Map<CandidateIndex, Parcel[]>();
    let stranded = 0n;
    for (const p of parcels) {
      const next = this.nextPreference(p);
      if (!next) stranded += p.count;
      else {
        const c = this.rankings[next.ballot]?.[next.pos] ?? -1;
        to.set(c, [...(to.get(c) ?? []), next]);
      }
    }
    return { to, stranded };
  }

  tally(): Map<CandidateIndex, Rational> {
    const shown = this.status.flatMap((s, c) => (s !== 'excluded' || this.votes(c) > 0n ? [c] : []));
    return new Map(shown.map((c) => [c, units(this.votes(c))]));
  }
}

function valueOf(batch: Batch): bigint {
  return batch.parcels.reduce((s, p) => s + p.count, 0n) * batch.value;
}

/** What happens at the end of a round: the transfer of one batch of papers. */
interface Step {
  readonly transfer: Transfer;
  readonly excluded: CandidateIndex[];
  readonly notes: string[];
  readonly tieBreaks: TieBreakRecord[];
}

/** 5.3: transfers the surplus of `c` from the last batch of papers it received. */
function transferSurplus(n: Ers97Count, c: CandidateIndex): Transfer {
  const surplus = n.surplus(c);
  const batch = n.lastBatch[c] ?? { value: ONE, parcels: [] };
  const { to } = n.sort(batch.parcels);
  const transferable = [...to.values()].flat().reduce((s, p) => s + p.count, 0n);
  // 5.3.7: a transfer value truncated to 2 places, unless the papers are worth no more than the surplus.
  const value = transferable * batch.value > surplus ? surplus / transferable : batch.value;
  const moved = credit(n, to, value);
  const left = surplus - moved;
  if (value < batch.value) n.loss += left; // 6.11: the non-transferable difference
  else n.exhausted += left;
  n.vote[c] = n.quota;
  n.surplusDone.add(c);
  return { kind: 'surplus', from: [c], to: shares(to, value), exhausted: units(left), value: units(value) };
}

function credit(n: Ers97Count, to: ReadonlyMap<CandidateIndex, Parcel[]>, value: bigint): bigint {
  let moved = 0n;
  for (const [c, parcels] of to) {
    const batch = { value, parcels };
    n.receive(c, batch);
    moved += valueOf(batch);
  }
  return moved;
}

function shares(to: ReadonlyMap<CandidateIndex, Parcel[]>, value: bigint): Map<CandidateIndex, Rational> {
  return new Map([...to].map(([c, ps]) => [c, units(ps.reduce((s, p) => s + p.count, 0n) * value)]));
}

/** 5.4.1: the excluded candidates' papers, in batches by transfer value, highest first. */
function exclusionBatches(n: Ers97Count, excluded: readonly CandidateIndex[]): Batch[] {
  const byValue = new Map<bigint, Parcel[]>();
  for (const c of excluded) {
    for (const b of n.batches[c] ?? []) byValue.set(b.value, [...(byValue.get(b.value) ?? []), ...b.parcels]);
  }
  return [...byValue].sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0)).map(([value, parcels]) => ({ value, parcels }));
}

/** 5.4.2–5.4.7: one sub-stage, the transfer of one batch of the excluded candidates' papers. */
function transferBatch(n: Ers97Count, from: readonly CandidateIndex[], batch: Batch): Transfer {
  for (const p of batch.parcels) {
    const holder = n.rankings[p.ballot]?.[p.pos] ?? -1;
    n.vote[holder] = n.votes(holder) - p.count * batch.value;
  }
  const { to, stranded } = n.sort(batch.parcels);
  credit(n, to, batch.value);
  n.exhausted += stranded * batch.value;
  return { kind: 'exclusion', from, to: shares(to, batch.value), exhausted: units(stranded * batch.value), value: units(batch.value) };
}

/** 5.1.7 / 5.3.13 / 5.4.9 with 5.6.2: deems elected, in descending order of votes. */
function deemElected(n: Ers97Count, history: readonly RoundTallies[], names: readonly string[], tie: TieBreakOptions): { elected: CandidateIndex[]; tieBreaks: TieBreakRecord[] } {
  const elected: CandidateIndex[] = [];
  const tieBreaks: TieBreakRecord[] = [];
  const order = n.with('continuing').sort((x, y) => (n.votes(y) > n.votes(x) ? 1 : n.votes(y) < n.votes(x) ? -1 : x - y));
  for (let i = 0; i < order.length && n.unfilled() > 0; ) {
    const v = n.votes(order[i] ?? -1);
    const group = order.filter((c) => n.votes(c) === v);
    i += group.length;
    const reaches = v >= n.quota || v * BigInt(n.unfilled() + 1) >= n.totalActiveVote();
    // A candidate with no votes is never deemed elected, even when the total active vote is nil: the
    // places are then filled by 5.5.1 once the exclusions leave as many candidates as places.
    if (!reaches || v === 0n) continue;
    for (const c of chooseAmongEqual(group, n.unfilled(), history, names, tie, tieBreaks)) {
      n.status[c] = 'elected';
      n.winners.push(c);
      elected.push(c);
    }
  }
  return { elected, tieBreaks };
}

/**
 * 5.6.2: which of candidates with equal votes fill `places`, by their votes at the earliest point where
 * they differed: the highest are taken and the lowest set aside while an earlier point tells them apart.
 * If it cannot (equal at every point), none of those left is elected at this stage.
 */
function chooseAmongEqual(
  group: readonly CandidateIndex[],
  places: number,
  history: readonly RoundTallies[],
  names: readonly string[],
  tie: TieBreakOptions,
  records: TieBreakRecord[],
): CandidateIndex[] {
  const chosen: CandidateIndex[] = [];
  let tied = [...group];
  // Neither lot nor a declared tie order here: 5.6.2 elects none of those never told apart.
  const forwards = { mode: 'forwards', seed: tie.seed } as const;
  while (chosen.length < places && tied.length > places - chosen.length) {
    const high = breakTie(tied, 'highest', history, names, forwards);
    const low = high.how === 'lot' ? breakTie(tied, 'lowest', history, names, forwards) : undefined;
    if (low?.how === 'lot') return chosen;
    const record = low ?? high;
    records.push(record);
    if (!low) chosen.push(high.chosen);
    tied = tied.filter((c) => c !== record.chosen);
  }
  return chosen.length < places ? [...chosen, ...tied] : chosen;
}

/**
 * 5.2.5: the lowest candidates who can be excluded together: enough remain to fill the places, and their
 * votes with the deferred surpluses do not exceed the vote of the candidate next above. Returns the size.
 */
function batchSize(n: Ers97Count, ascending: readonly CandidateIndex[], surpluses: bigint): number {
  let best = 0;
  let total = surpluses;
  const most = ascending.length - n.unfilled();
  for (let k = 1; k <= most; k++) {
    total += n.votes(ascending[k - 1] ?? -1);
    const next = ascending[k];
    if (next !== undefined && total <= n.votes(next)) best = k;
  }
  return best;
}

/** 5.2.2: defer when the surpluses could not change which candidates 5.2.5 would exclude. */
function deferSurpluses(n: Ers97Count, ascending: readonly CandidateIndex[], total: bigint): boolean {
  return batchSize(n, ascending, total) > 0;
}

/** 5.2.5: chooses the candidates to exclude, breaking a tie at the bottom forwards, then by lot. */
function chooseExclusion(n: Ers97Count, history: readonly RoundTallies[], names: readonly string[], tie: TieBreakOptions): { out: CandidateIndex[]; tieBreaks: TieBreakRecord[] } {
  const ascending = n.with('continuing').sort((x, y) => (n.votes(x) < n.votes(y) ? -1 : n.votes(x) > n.votes(y) ? 1 : x - y));
  const deferred = n.surpluses().reduce((s, c) => s + n.surplus(c), 0n);
  const k = Math.max(1, batchSize(n, ascending, deferred));
  const edge = n.votes(ascending[k - 1] ?? -1);
  const out = ascending.slice(0, k).filter((c) => n.votes(c) < edge);
  let tied = ascending.filter((c) => n.votes(c) === edge);
  const tieBreaks: TieBreakRecord[] = [];
  while (out.length < k) {
    const t = tied.length === 1 ? undefined : breakTie(tied, 'lowest', history, names, { ...tie, mode: 'forwards' });
    const c = t ? t.chosen : (tied[0] ?? -1);
    if (t) tieBreaks.push(t);
    out.push(c);
    tied = tied.filter((x) => x !== c);
  }
  return { out, tieBreaks };
}

/** Counts a contest by the ERS97 rules. */
export function countErs97(contest: Contest, options: RuleOptions): CountResult {
  const n = new Ers97Count(contest, options.seats);
  const names = contest.candidates;
  const rounds: Round[] = [];
  let pending: { from: CandidateIndex[]; batches: Batch[] } | undefined;
  for (;;) {
    const history = rounds.map((r) => r.tally);
    // 5.4.8: papers gone non-transferable before anyone is elected lower the quota.
    if (n.winners.length === 0) n.quota = n.droopQuota();
    const at = { round: rounds.length + 1, tally: n.tally(), exhausted: units(n.exhausted), loss: units(n.loss), threshold: units(n.quota) };
    const { elected, tieBreaks } = deemElected(n, history, names, options.tieBreak);
    const step = nextStep(n, pending, [...history, at.tally], names, options.tieBreak);
    if (step.kind === 'end') {
      rounds.push({ ...at, elected: [...elected, ...step.elected], excluded: step.excluded, ...ties([...tieBreaks, ...step.tieBreaks]), notes: step.notes });
      break;
    }
    const done = step.run();
    pending = step.pending;
    rounds.push({ ...at, elected, excluded: done.excluded, transfer: done.transfer, ...ties([...tieBreaks, ...done.tieBreaks]), notes: done.notes });
  }
  return {
    method: 'stv',
    rules: 'ers97',
    seats: options.seats,
    candidates: names,
    places: PLACES,
    validVotes: units(n.valid),
    quota: rounds[0]?.threshold ?? Rational.ZERO,
    winners: n.winners,
    rounds,
    notes: ['ERS97 (Newland & Britton, 3rd edition 1997): quota and transfer values to 2 decimal places'],
  };
}

function ties(records: TieBreakRecord[]): { tieBreaks?: TieBreakRecord[] } {
  return records.length > 0 ? { tieBreaks: records } : {};
}

type NextStep =
  | { kind: 'end'; elected: CandidateIndex[]; excluded: CandidateIndex[]; notes: string[]; tieBreaks: TieBreakRecord[] }
  | { kind: 'transfer'; run: () => Step; pending: { from: CandidateIndex[]; batches: Batch[] } | undefined };

/** Decides what the next stage or sub-stage is (5.2, 5.5). */
function nextStep(
  n: Ers97Count,
  pending: { from: CandidateIndex[]; batches: Batch[] } | undefined,
  history: readonly RoundTallies[],
  names: readonly string[],
  tie: TieBreakOptions,
): NextStep {
  const continuing = n.with('continuing');
  if (n.unfilled() === 0) {
    // 5.5.2: all places filled: the remaining candidates are formally excluded.
    return { kind: 'end', elected: [], excluded: continuing, notes: continuing.length > 0 ? ['all places filled (5.5.2)'] : [], tieBreaks: [] };
  }
  if (continuing.length <= n.unfilled()) return electRemaining(n, continuing, [], [], []);
  const [batch, ...rest] = pending?.batches ?? [];
  if (pending && batch) {
    return { kind: 'transfer', run: () => ({ transfer: transferBatch(n, pending.from, batch), excluded: [], notes: [`exclusion continues: papers of value ${units(batch.value).toFixed(PLACES)}`], tieBreaks: [] }), pending: { from: pending.from, batches: rest } };
  }
  const withSurplus = n.surpluses();
  const total = withSurplus.reduce((s, c) => s + n.surplus(c), 0n);
  const ascending = continuing.sort((x, y) => (n.votes(x) < n.votes(y) ? -1 : n.votes(x) > n.votes(y) ? 1 : x - y));
  if (total > 0n && !deferSurpluses(n, ascending, total)) return surplusStep(n, withSurplus, history, names, tie);
  const deferredNote = total > 0n ? [`surpluses deferred (5.2.2): ${withSurplus.map((c) => `${names[c] ?? c} ${units(n.surplus(c)).toFixed(PLACES)}`).join(', ')}`] : [];
  const { out, tieBreaks } = chooseExclusion(n, history, names, tie);
  if (continuing.length - out.length === n.unfilled()) {
    return electRemaining(n, continuing.filter((c) => !out.includes(c)), out, deferredNote, tieBreaks);
  }
  for (const c of out) n.status[c] = 'excluded';
  const [first, ...later] = exclusionBatches(n, out);
  const run = (): Step => {
    const transfer: Transfer = first ? transferBatch(n, out, first) : { kind: 'exclusion', from: out, to: new Map(), exhausted: Rational.ZERO };
    const sub = later.length > 0 ? [`exclusion in ${later.length + 1} sub-stages, highest transfer value first (5.4)`] : [];
    return { transfer, excluded: out, notes: [...deferredNote, ...sub], tieBreaks };
  };
  return { kind: 'transfer', run, pending: later.length > 0 ? { from: out, batches: later } : undefined };
}

function surplusStep(n: Ers97Count, withSurplus: CandidateIndex[], history: readonly RoundTallies[], names: readonly string[], tie: TieBreakOptions): NextStep {
  // 5.2.3: the largest surplus first; equal surpluses by the earliest point where the votes differed.
  const largest = withSurplus.reduce((m, c) => (n.surplus(c) > m ? n.surplus(c) : m), 0n);
  const tied = withSurplus.filter((c) => n.surplus(c) === largest);
  const t = tied.length > 1 ? breakTie(tied, 'highest', history, names, { ...tie, mode: 'forwards' }) : undefined;
  const c = t ? t.chosen : (tied[0] ?? -1);
  return {
    kind: 'transfer',
    run: () => ({ transfer: transferSurplus(n, c), excluded: [], notes: [`surplus of ${names[c] ?? c} transferred`], tieBreaks: t ? [t] : [] }),
    pending: undefined,
  };
}

/** 4.3 / 5.5.1: as many continuing candidates as places left: all are deemed elected. */
function electRemaining(n: Ers97Count, remaining: CandidateIndex[], excluded: CandidateIndex[], notes: string[], tieBreaks: TieBreakRecord[]): NextStep {
  const byVote = [...remaining].sort((x, y) => (n.votes(y) > n.votes(x) ? 1 : n.votes(y) < n.votes(x) ? -1 : x - y));
  for (const c of excluded) n.status[c] = 'excluded';
  for (const c of byVote) {
    n.status[c] = 'elected';
    n.winners.push(c);
  }
  return { kind: 'end', elected: byVote, excluded, notes: [...notes, 'continuing candidates fill the places left (5.5.1)'], tieBreaks };
}

export const ERS97_RULE: Rule = {
  name: 'ers97',
  method: 'stv',
  summary: 'ERS97 STV (Electoral Reform Society 1997): 2 decimal places, deferred surpluses, exclusion by sub-stages',
  allowsEqualRanks: false,
  count: countErs97,
};
