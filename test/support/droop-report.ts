/**
 * A parser of the text reports that Droop (the reference STV program) writes, so that tests can compare a
 * count of ours with Droop's stage by stage. The reports look like:
 *
 *     Election: <title>
 *     	Rule: Scottish STV
 *     	Arithmetic: fixed-point decimal arithmetic (5 places)
 *     	Seats: 2
 *     	Ballots: 6
 *     	Quota: 3.00000
 *     	Add eligible: Castor
 *     Action: Begin Count
 *     	Hopeful:  Castor (4.00000)
 *     	Defeated: Pollux, Helen (0.00000)      <- several candidates sharing one value
 *     	Nontransferable votes: 0.00000
 *     	Residual: 0.00000
 *     Round 1:
 *     Action: Transfer high surplus: Castor
 *     ...
 *
 * Test support only: it throws on a malformed report, because a report we cannot read is a broken fixture.
 */
import { Rational } from '../../src/count/arithmetic.ts';
import { lotOrder } from '../../src/count/tiebreak.ts';
import type { CountResult } from '../../src/count/types.ts';

export type DroopState = 'elected' | 'pending' | 'hopeful' | 'defeated' | 'withdrawn';

export interface DroopCandidateLine {
  readonly state: DroopState;
  readonly value: Rational;
}

export interface DroopAction {
  /** The text after "Action: ", e.g. "Transfer defeated: Pollux". */
  readonly text: string;
  /** The part before the first colon, e.g. "Transfer defeated", "Break tie by lot (defeat low candidate)". */
  readonly kind: string;
  /** The Droop round the action belongs to (0 before "Round 1:"). */
  readonly round: number;
  /** Candidate lines of the action, by name (absent when the action lists no candidates). */
  readonly candidates: ReadonlyMap<string, DroopCandidateLine>;
  /** Every other "Key: value" line with a number, e.g. "Nontransferable votes", "Residual", "Quota". */
  readonly totals: ReadonlyMap<string, Rational>;
}

export interface DroopTie {
  readonly purpose: string;
  readonly tied: readonly string[];
  readonly chosen: string;
  /** "lot" when Droop drew lots (its tie order), "prior stage" when an earlier stage separated them. */
  readonly how: 'lot' | 'prior stage' | 'unspecified';
}

export interface DroopReport {
  readonly title: string;
  readonly rule: string;
  /** The header's arithmetic line, e.g. "fixed-point decimal arithmetic (5 places)". */
  readonly arithmetic: string;
  /** Decimal places shown in the report's values (taken from the quota). */
  readonly displayPlaces: number;
  readonly seats: number;
  readonly ballots: Rational;
  /** The quota (Minneapolis reports: the threshold). */
  readonly quota: Rational;
  readonly eligible: readonly string[];
  readonly withdrawn: readonly string[];
  /** Winners in order of election. */
  readonly elected: readonly string[];
  readonly actions: readonly DroopAction[];
  readonly ties: readonly DroopTie[];
}

const STATES: Readonly<Record<string, DroopState>> = {
  Elected: 'elected',
  Pending: 'pending',
  Hopeful: 'hopeful',
  Defeated: 'defeated',
  Withdrawn: 'withdrawn',
};

export function parseDroopReport(text: string): DroopReport {
  const header = new Map<string, string>();
  const eligible: string[] = [];
  const withdrawn: string[] = [];
  const actions: DroopAction[] = [];
  let title = '';
  let round = 0;
  let current: { text: string; kind: string; round: number; candidates: Map<string, DroopCandidateLine>; totals: Map<string, Rational> } | undefined;

  for (const raw of text.split(/\r?\n/)) {
    // Names may end in a space (Glasgow 2007 "Kieran Wild "), so only the line ending is removed.
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.startsWith('Election: ')) title = line.slice('Election: '.length);
    else if (/^Round \d+:$/.test(line)) round = Number(line.slice(6, -1));
    else if (line.startsWith('Action: ')) {
      const actionText = line.slice('Action: '.length);
      current = { text: actionText, kind: actionKind(actionText), round, candidates: new Map(), totals: new Map() };
      actions.push(current);
    } else if (line.startsWith('\t')) {
      const body = line.slice(1);
      const candidate = /^(Elected|Pending|Hopeful|Defeated|Withdrawn): +(.*) \((-?[\d.]+)\)$/.exec(body);
      const pair = /^([^:]+): +(.*)$/.exec(body);
      if (current && candidate) {
        const state = STATES[candidate[1] ?? ''];
        const value = decimal(candidate[3] ?? '', line);
        if (!state) throw new Error(`droop report: bad candidate line: ${line}`);
        for (const name of splitNames(candidate[2] ?? '', eligible, withdrawn)) current.candidates.set(name, { state, value });
      } else if (pair) {
        const key = pair[1] ?? '';
        const value = pair[2] ?? '';
        if (key === 'Add eligible' || key === 'Add undeclared') eligible.push(value);
        else if (key === 'Add withdrawn') withdrawn.push(value);
        else if (current) {
          const n = Rational.parse(value.trim());
          if (n) current.totals.set(key, n);
        } else header.set(key, value.trim());
      }
    }
  }
  return assemble(title, header, eligible, withdrawn, actions);
}

function assemble(
  title: string,
  header: ReadonlyMap<string, string>,
  eligible: readonly string[],
  withdrawn: readonly string[],
  actions: readonly DroopAction[],
): DroopReport {
  const need = (key: string): string => {
    const v = header.get(key);
    if (v === undefined) throw new Error(`droop report: no "${key}" in the header`);
    return v;
  };
  // Minneapolis reports call the quota the threshold.
  const quotaText = header.get('Quota') ?? header.get('Threshold');
  if (quotaText === undefined) throw new Error('droop report: no "Quota" (or "Threshold") in the header');
  return {
    title,
    rule: need('Rule'),
    arithmetic: need('Arithmetic'),
    displayPlaces: /\.(\d+)$/.exec(quotaText)?.[1]?.length ?? 0,
    seats: Number(need('Seats')),
    ballots: decimal(need('Ballots'), 'Ballots'),
    quota: decimal(quotaText, 'Quota'),
    eligible,
    withdrawn,
    elected: electionOrder(actions),
    actions,
    ties: actions.flatMap((a) => tieOf(a.text, eligible, withdrawn)),
  };
}

function actionKind(text: string): string {
  const colon = text.indexOf(':');
  return colon < 0 ? text : text.slice(0, colon);
}

function decimal(text: string, context: string): Rational {
  const n = Rational.parse(text);
  if (!n) throw new Error(`droop report: "${text}" is not a number (${context})`);
  return n;
}

/**
 * "A, B, C" into names. Droop joins candidates that share a value with ", "; a name may itself hold a comma,
 * so pieces are re-joined until they make a known name.
 */
function splitNames(list: string, eligible: readonly string[], withdrawn: readonly string[]): string[] {
  const known = new Set([...eligible, ...withdrawn]);
  if (known.has(list)) return [list];
  const names: string[] = [];
  let pending = '';
  for (const piece of list.split(', ')) {
    pending = pending === '' ? piece : `${pending}, ${piece}`;
    if (known.has(pending)) {
      names.push(pending);
      pending = '';
    }
  }
  if (pending !== '') throw new Error(`droop report: unknown candidate name(s) in "${list}"`);
  return names;
}

/** Winners in the order Droop marked them elected (or elected with transfer pending). */
function electionOrder(actions: readonly DroopAction[]): string[] {
  const order: string[] = [];
  for (const action of actions) {
    const fresh = [...action.candidates]
      .filter(([name, c]) => (c.state === 'elected' || c.state === 'pending') && !order.includes(name))
      .map(([name]) => name);
    // Several elected in one action: the action text names them in Droop's order of election.
    fresh.sort((a, b) => positionIn(action.text, a) - positionIn(action.text, b));
    order.push(...fresh);
  }
  return order;
}

function positionIn(text: string, name: string): number {
  const at = text.indexOf(name);
  return at < 0 ? Number.MAX_SAFE_INTEGER : at;
}

function tieOf(text: string, eligible: readonly string[], withdrawn: readonly string[]): DroopTie[] {
  const m = /^Break tie(?: by (lot|prior stage))? \(([^)]*)\): \[(.*)\] -> (.*)$/.exec(text);
  if (!m) return [];
  const how = m[1] === 'lot' || m[1] === 'prior stage' ? m[1] : 'unspecified';
  return [{ purpose: m[2] ?? '', tied: splitNames(m[3] ?? '', eligible, withdrawn), chosen: m[4] ?? '', how }];
}

/** Droop prints names with runs of spaces collapsed ("Ellen   Hurcombe" in the BLT is "Ellen Hurcombe"). */
export function droopName(name: string): string {
  return name.replace(/ {2,}/g, ' ');
}

/** A state of the count after a transfer (or at its start): each candidate's votes, non-transferable, residual. */
export interface DroopSnapshot {
  readonly action: string;
  readonly votes: ReadonlyMap<string, Rational>;
  readonly nontransferable: Rational | undefined;
  readonly residual: Rational | undefined;
}

/**
 * The counts Droop reports at the start and after each transfer, the points where a stage of a Gregory count
 * ends. A "surplus" of 0 (Droop passes one on from a candidate with exactly the quota) moves nothing and makes
 * no stage, so it is dropped.
 */
export function droopStages(report: DroopReport): DroopSnapshot[] {
  return report.actions
    .filter((a) => /^(Begin Count|Surplus transferred|Transfer defeated)$/.test(a.kind) && !/\(0(\.0+)?\)$/.test(a.text))
    .map((action) => ({
      action: action.text,
      votes: new Map([...action.candidates].map(([name, c]) => [name, c.state === 'defeated' ? Rational.ZERO : c.value])),
      nontransferable: action.totals.get('Nontransferable votes'),
      residual: action.totals.get('Residual'),
    }));
}

/**
 * A lot seed under which our reproducible lot draws as Droop did: Droop draws by its tie order, we by
 * sha256("<seed>:<name>"), so the seed is searched for (droop-0, droop-1, ...). The first in our lot order
 * is the one excluded; the last is the one favoured (its surplus goes first).
 */
export function lotSeedFor(report: DroopReport, candidates: readonly string[]): string {
  const index = (name: string): number => candidates.findIndex((c) => droopName(c) === name);
  const draws = report.ties.filter((t) => t.how !== 'prior stage');
  for (let i = 0; i < 10_000; i++) {
    const seed = `droop-${i}`;
    const agrees = draws.every((t) => {
      const order = lotOrder(t.tied.map(index), candidates, seed);
      const pick = /defeat|smallest|low/.test(t.purpose) ? order[0] : order[order.length - 1];
      return pick === index(t.chosen);
    });
    if (agrees) return seed;
  }
  throw new Error('no lot seed reproduces Droop\'s draws');
}

/**
 * Where a count of ours differs from Droop's report: the elected set, the number of stages, and each
 * stage's votes per candidate, non-transferable votes and residual (our exhausted and loss). Fixed-point
 * reports print every digit the count held, so they must agree exactly; other reports round to their last
 * printed place, so they must agree within one unit of it. Empty when they agree.
 */
export function differencesFromDroop(report: DroopReport, result: CountResult): string[] {
  const names = result.candidates.map(droopName);
  const out: string[] = [];
  const ours = result.winners.map((w) => names[w] ?? '?').sort();
  const theirs = [...report.elected].sort();
  if (ours.join('|') !== theirs.join('|')) out.push(`elected: ours ${ours.join(', ')}; Droop ${theirs.join(', ')}`);
  const stages = droopStages(report);
  if (stages.length !== result.rounds.length) out.push(`stages: ours ${result.rounds.length}; Droop ${stages.length}`);
  const exact = report.arithmetic.startsWith('fixed-point');
  const tolerance = exact ? Rational.ZERO : Rational.of(1n, 10n ** BigInt(report.displayPlaces));
  const near = (a: Rational, b: Rational): boolean => !a.sub(b).gt(tolerance) && !b.sub(a).gt(tolerance);
  stages.forEach((stage, i) => {
    const round = result.rounds[i];
    if (!round) return;
    for (const [name, votes] of stage.votes) {
      const mine = round.tally.get(names.indexOf(name)) ?? Rational.ZERO;
      if (!near(mine, votes)) out.push(`stage ${i + 1} ${name}: ours ${mine.toDecimal()}; Droop ${votes.toDecimal()}`);
    }
    if (stage.nontransferable && !near(round.exhausted, stage.nontransferable)) out.push(`stage ${i + 1} non-transferable: ours ${round.exhausted.toDecimal()}; Droop ${stage.nontransferable.toDecimal()}`);
    if (stage.residual && !near(round.loss, stage.residual)) out.push(`stage ${i + 1} residual: ours ${round.loss.toDecimal()}; Droop ${stage.residual.toDecimal()}`);
  });
  return out;
}
