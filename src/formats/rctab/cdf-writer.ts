/**
 * Cast vote records as a NIST SP 1500-103 CastVoteRecordReport (JSON), laid out as RCTab's CDF JSON export
 * lays them out, byte for byte, so tools that read RCTab's export read ours.
 *
 * Source: NIST SP 1500-103 (CVR common data format, version 1.0.0) and the expected CDF files of RCTab's
 * regression cases: the conversions (conversions_from_ess, _dominion, _cdf) and the tabulations whose
 * config sets generateCdfJson. What those files show:
 * - one Election ("election-001") whose Candidates are the config's candidates sorted by name, then
 *   "Undeclared Write-ins" when a source has an undeclared write-in label, then "overvote" when a source has
 *   an overvote label; ids are "c-" / "cs-" + the name, lower-cased, other than [a-z0-9_.-] made "_";
 * - one CVR per record: BallotPrePrintedId is RCTab's record id with the same character rule (case kept),
 *   an "original" snapshot "ballot-<id>" with one CVRContest ("contest-001");
 * - a CVRContestSelection per marked choice, in rank order (an overvoted rank's choices in string order),
 *   named by the CVR's own spelling of the candidate (a Dominion candidate id stays "cs-9"); a choice
 *   marked at several ranks is one selection with one SelectionPosition per rank;
 * - after a tabulation, one "interpreted" snapshot per round ("ballot-<id>-round-<n>", the last one the
 *   CVR's current snapshot), the same selections with IsAllocable "yes" where the ballot counted in that
 *   round (the first position of each candidate holding part of it, spelled as the config names it) and
 *   "no" elsewhere; a part worth less
 *   than a vote is NumberVotes 0 with FractionalVotes ".9063" (no leading zero);
 * - by precinct, a GpUnit per precinct ("gpu-1", ... in the order of RCTab's hash map of them) and each
 *   CVR's BallotStyleUnitId naming its precinct's unit.
 * Keys are sorted and the text laid out as RCTab's JSON writer does (see jackson.ts). The reporting device
 * names Rollover (RCTab's names itself) in the place RCTab's does, as the detailed report's generatedBy does.
 */
import { Decimal } from '../../count/rctab/decimal.ts';
import { UNDECLARED_WRITE_INS } from '../../count/rctab/rules.ts';
import type { RctabConfig } from './config.ts';
import type { CastVoteRecord, Mark } from './cvr.ts';
import { compareKeys, jackson, type JacksonJson } from './jackson.ts';
import { javaHashMapOrder } from './java-order.ts';

export interface CdfElection {
  readonly contestName: string;
  readonly jurisdiction: string;
  /** The config's candidate names, in any order. */
  readonly candidates: readonly string[];
  /** Whether a source declares an undeclared write-in label. */
  readonly undeclaredWriteIns: boolean;
  /** Whether a source declares an explicit overvote label. */
  readonly overvoteLabel: boolean;
}

/**
 * What a ballot counted for after one round of a count: each candidate holding part of it (by config name,
 * undeclared write-ins by their label), with the value of that part.
 */
export type RoundShares = ReadonlyMap<string, Decimal>;

/** What a tabulation adds to a record: its rounds, and its precinct's GpUnit id when reported by precinct. */
export interface CdfCount {
  readonly rounds?: readonly RoundShares[];
  readonly unitId?: string;
}

const ELECTION_ID = 'election-001';
const CONTEST_ID = 'contest-001';
const OVERVOTE = 'overvote';
const CVR_KEY = '"CVR" : ';

/** RCTab's id rule: characters other than letters, digits, "_", "." and "-" become "_". */
function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, '_');
}

const candidateCode = (name: string): string => sanitize(name).toLowerCase();

/** How RCTab names a mark: the CVR's spelling of a candidate, or its labels for write-ins and overvotes. */
function markText(mark: Mark): string {
  if (mark.kind === 'candidate') return mark.text;
  return mark.kind === 'overvote' ? OVERVOTE : UNDECLARED_WRITE_INS;
}

/**
 * The candidate a mark counts for, as RoundShares names it; an overvote counts for nobody. RCTab looks the
 * round's holders up by the CVR's spelling, so a choice spelled by an alias or a vendor's id is never marked
 * allocable (its aliases_cdf_json case: the candidate named "Unused Display Name Candidate A" is "no" in
 * every round on ballots that spell it "Candidate A Name File 1").
 */
function markHolder(mark: Mark): string | undefined {
  if (mark.kind === 'candidate') return mark.text;
  return mark.kind === 'undeclaredWriteIn' ? UNDECLARED_WRITE_INS : undefined;
}

interface Position {
  readonly rank: number;
  readonly holder: string | undefined;
}

/** The record's marks as CDF selections: one per spelling, in order of first rank, each with its ranks. */
function selections(record: CastVoteRecord): Map<string, Position[]> {
  const byCode = new Map<string, Position[]>();
  for (const { rank, marks } of record.rankings) {
    // RCTab keeps an overvoted rank's choices as a sorted set, so they come out in string order.
    const named = marks.map((mark) => ({ text: markText(mark), holder: markHolder(mark) })).sort((a, b) => compareKeys(a.text, b.text));
    for (const { text, holder } of named) {
      const code = candidateCode(text);
      const positions = byCode.get(code);
      if (positions === undefined) byCode.set(code, [{ rank, holder }]);
      else positions.push({ rank, holder });
    }
  }
  return byCode;
}

type Indication = { readonly IsAllocable: 'unknown' | 'no' } | { readonly IsAllocable: 'yes'; readonly value: Decimal };

function positionJson(rank: number, indication: Indication): JacksonJson {
  const base = { '@type': 'CVR.SelectionPosition', HasIndication: 'yes', IsAllocable: indication.IsAllocable };
  if (!('value' in indication) || indication.value.cmp(Decimal.ONE) === 0) return { ...base, NumberVotes: 1, Rank: rank };
  return { '@type': base['@type'], FractionalVotes: fractionText(indication.value), HasIndication: 'yes', IsAllocable: 'yes', NumberVotes: Number(indication.value.floor()), Rank: rank };
}

/** A part of a vote as RCTab's files write it: ".9063", without the leading zero. */
function fractionText(value: Decimal): string {
  return value.toString().replace(/^0\./, '.');
}

function snapshot(id: string, type: 'original' | 'interpreted', byCode: ReadonlyMap<string, Position[]>, indicate: (p: Position) => Indication): JacksonJson {
  const chosen = [...byCode].map(([code, positions]) => ({
    '@type': 'CVR.CVRContestSelection',
    ContestSelectionId: `cs-${code}`,
    SelectionPosition: positions.map((p) => positionJson(p.rank, indicate(p))),
  }));
  return { '@id': id, '@type': 'CVR.CVRSnapshot', CVRContest: [{ '@type': 'CVR.CVRContest', CVRContestSelection: chosen, ContestId: CONTEST_ID }], Type: type };
}

/** Marks, round by round, the first position of each candidate holding part of the ballot. */
function roundIndicator(shares: RoundShares): (p: Position) => Indication {
  const marked = new Set<string>();
  return (p) => {
    const value = p.holder === undefined ? undefined : shares.get(p.holder);
    if (p.holder === undefined || value === undefined || marked.has(p.holder)) return { IsAllocable: 'no' };
    marked.add(p.holder);
    return { IsAllocable: 'yes', value };
  };
}

/** One record as a CDF CVR, with its rounds when it was counted. */
export function cdfCvr(record: CastVoteRecord, count: CdfCount = {}): JacksonJson {
  const id = sanitize(record.computedId);
  const byCode = selections(record);
  const snapshots = [snapshot(`ballot-${id}`, 'original', byCode, () => ({ IsAllocable: 'unknown' }))];
  (count.rounds ?? []).forEach((shares, i) => snapshots.push(snapshot(`ballot-${id}-round-${i + 1}`, 'interpreted', byCode, roundIndicator(shares))));
  const current = (snapshots[snapshots.length - 1] as { '@id': string })['@id'];
  return {
    '@type': 'CVR',
    BallotPrePrintedId: id,
    ...(count.unitId !== undefined ? { BallotStyleUnitId: count.unitId } : {}),
    CVRSnapshot: snapshots,
    CurrentSnapshotId: current,
    ElectionId: ELECTION_ID,
  };
}

/**
 * GpUnit ids of the precincts, when a count reports by precinct: numbered in the order RCTab lists them
 * (its hash map of precinct names), given the names in order of first appearance.
 */
export function precinctUnits(precincts: readonly string[]): Map<string, string> {
  return new Map(javaHashMapOrder(precincts, (name) => name).map((name, i) => [name, `gpu-${i + 1}`]));
}

/** The report around its CVRs; `generatedDate` is an ISO 8601 timestamp the caller supplies. */
function cdfReport(election: CdfElection, units: ReadonlyMap<string, string>, generatedDate: string): JacksonJson {
  const names = [...election.candidates].sort(compareKeys);
  if (election.undeclaredWriteIns) names.push(UNDECLARED_WRITE_INS);
  if (election.overvoteLabel) names.push(OVERVOTE);
  const codes = names.map((name) => ({ name, code: candidateCode(name) }));
  const precincts = [...units].map(([name, id]) => ({ '@id': id, '@type': 'GpUnit', Name: name, Type: 'precinct' }));
  return {
    '@type': 'CVR.CastVoteRecordReport',
    CVR: [],
    Election: [
      {
        '@id': ELECTION_ID,
        '@type': 'Election',
        Candidate: codes.map(({ name, code }) => ({ '@id': `c-${code}`, Name: name })),
        Contest: [
          {
            '@id': CONTEST_ID,
            '@type': 'CandidateContest',
            ContestSelection: codes.map(({ code }) => ({ '@id': `cs-${code}`, '@type': 'ContestSelection', CandidateIds: [`c-${code}`] })),
            Name: election.contestName,
          },
        ],
        ElectionScopeId: 'gpu-election',
      },
    ],
    GeneratedDate: generatedDate,
    GpUnit: [{ '@id': 'gpu-election', '@type': 'GpUnit', Name: election.jurisdiction, OtherType: 'Election Scope Jurisdiction', Type: 'other' }, ...precincts],
    ReportGeneratingDeviceIds: ['rd-001'],
    ReportingDevice: [{ '@id': 'rd-001', '@type': 'CVR.ReportingDevice', Application: 'Rollover', Manufacturer: 'Rollover' }],
    Version: '1.0.0',
  };
}

/**
 * The report's text in pieces, for writing millions of CVRs one at a time (the whole report would not fit
 * in one string): `head`, then `cvr(json, i)` for the i-th CVR (from 0), then `tail`.
 */
export interface CdfFrame {
  readonly head: string;
  cvr(json: JacksonJson, index: number): string;
  readonly tail: string;
}

export function cdfFrame(election: CdfElection, generatedDate: string, units: ReadonlyMap<string, string> = new Map()): CdfFrame {
  // With no CVRs the array prints as "[ ]": its opening bracket ends the head, " ]" starts the tail.
  const text = jackson(cdfReport(election, units, generatedDate));
  const at = text.indexOf(CVR_KEY) + CVR_KEY.length + 1;
  // Each CVR is an object inside the report object: one level of indent.
  return { head: text.slice(0, at), cvr: (json, index) => (index === 0 ? ' ' : ', ') + jackson(json, 1), tail: text.slice(at) };
}

/** The whole report, for contests small enough to hold in memory. */
export function cdfReportText(election: CdfElection, cvrs: readonly JacksonJson[], generatedDate: string, units?: ReadonlyMap<string, string>): string {
  const frame = cdfFrame(election, generatedDate, units);
  return frame.head + cvrs.map((cvr, i) => frame.cvr(cvr, i)).join('') + frame.tail;
}

/** The election of a contest config, as its CDF export describes it. */
export function cdfElection(config: RctabConfig): CdfElection {
  return {
    contestName: config.contest.name,
    jurisdiction: config.contest.jurisdiction,
    candidates: config.directory.map((c) => c.name),
    undeclaredWriteIns: config.sources.some((s) => s.undeclaredWriteInLabel !== undefined),
    overvoteLabel: config.sources.some((s) => s.overvoteLabel !== undefined),
  };
}
