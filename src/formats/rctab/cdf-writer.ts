/**
 * Cast vote records as a NIST SP 1500-103 CastVoteRecordReport (JSON), laid out as RCTab's "generate CDF
 * JSON" export lays them out, so tools that read RCTab's conversion read ours.
 *
 * Source: NIST SP 1500-103 (CVR common data format, version 1.0.0) and the expected CDF files of RCTab's
 * conversion cases (conversions_from_ess, _dominion, _cdf). What those files show:
 * - one Election ("election-001") whose Candidates are the config's candidates sorted by name, then
 *   "Undeclared Write-ins" when a source has an undeclared write-in label, then "overvote" when a source has
 *   an overvote label; ids are "c-" / "cs-" + the name, lower-cased, other than [a-z0-9_.-] made "_";
 * - one CVR per record: BallotPrePrintedId is RCTab's record id with the same character rule (case kept),
 *   one "original" snapshot "ballot-<id>" with one CVRContest ("contest-001");
 * - a CVRContestSelection per marked choice, in rank order (an overvoted rank's choices in string order),
 *   named by the CVR's own spelling of the candidate (a Dominion candidate id stays "cs-9"); a choice
 *   marked at several ranks is one selection with one SelectionPosition per rank.
 * Keys are written in sorted order, as RCTab's JSON writer sorts them. The reporting device names Rollover
 * (RCTab's names itself), as the detailed report's generatedBy does.
 */
import type { CastVoteRecord, Mark } from './cvr.ts';

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

export type CdfJson = string | number | CdfJson[] | { readonly [key: string]: CdfJson };

const ELECTION_ID = 'election-001';
const CONTEST_ID = 'contest-001';
const UNDECLARED_WRITE_INS = 'Undeclared Write-ins';
const OVERVOTE = 'overvote';

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

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One record as a CDF CVR. */
export function cdfCvr(record: CastVoteRecord): CdfJson {
  const id = sanitize(record.computedId);
  const positions = new Map<string, number[]>();
  for (const { rank, marks } of record.rankings) {
    // RCTab keeps an overvoted rank's choices as a sorted set, so they come out in string order.
    for (const text of marks.map(markText).sort(byCodeUnits)) {
      const code = candidateCode(text);
      const ranks = positions.get(code);
      if (ranks === undefined) positions.set(code, [rank]);
      else ranks.push(rank);
    }
  }
  const selections = [...positions].map(([code, ranks]) => ({
    '@type': 'CVR.CVRContestSelection',
    ContestSelectionId: `cs-${code}`,
    SelectionPosition: ranks.map((rank) => ({
      '@type': 'CVR.SelectionPosition',
      HasIndication: 'yes',
      IsAllocable: 'unknown',
      NumberVotes: 1,
      Rank: rank,
    })),
  }));
  return {
    '@type': 'CVR',
    BallotPrePrintedId: id,
    CVRSnapshot: [
      {
        '@id': `ballot-${id}`,
        '@type': 'CVR.CVRSnapshot',
        CVRContest: [{ '@type': 'CVR.CVRContest', CVRContestSelection: selections, ContestId: CONTEST_ID }],
        Type: 'original',
      },
    ],
    CurrentSnapshotId: `ballot-${id}`,
    ElectionId: ELECTION_ID,
  };
}

/** The whole report around the CVRs; `generatedDate` is an ISO 8601 timestamp the caller supplies. */
export function cdfReport(election: CdfElection, cvrs: readonly CdfJson[], generatedDate: string): CdfJson {
  const names = [...election.candidates].sort(byCodeUnits);
  if (election.undeclaredWriteIns) names.push(UNDECLARED_WRITE_INS);
  if (election.overvoteLabel) names.push(OVERVOTE);
  const codes = names.map((name) => ({ name, code: candidateCode(name) }));
  return {
    '@type': 'CVR.CastVoteRecordReport',
    CVR: [...cvrs],
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
    GpUnit: [{ '@id': 'gpu-election', '@type': 'GpUnit', Name: election.jurisdiction, OtherType: 'Election Scope Jurisdiction', Type: 'other' }],
    ReportGeneratingDeviceIds: ['rd-001'],
    ReportingDevice: [{ '@id': 'rd-001', '@type': 'CVR.ReportingDevice', Application: 'Rollover', Manufacturer: 'Rollover' }],
    Version: '1.0.0',
  };
}

const CVR_SLOT = '\u0000cvrs\u0000';

/**
 * The report's text around its CVRs, for writing millions of them one at a time (the whole report would
 * not fit in one string): `head`, then each CVR's JSON separated by `separator`, then `tail`.
 */
export function cdfReportFrame(election: CdfElection, generatedDate: string): { head: string; separator: string; tail: string } {
  const text = JSON.stringify(cdfReport(election, [CVR_SLOT], generatedDate), null, 2);
  const slot = JSON.stringify(CVR_SLOT);
  const at = text.indexOf(slot);
  return { head: text.slice(0, at), separator: ',\n', tail: `${text.slice(at + slot.length)}\n` };
}
