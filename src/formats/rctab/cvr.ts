/**
 * The cast vote record (CVR) model shared by every RCTab CVR reader, the RCTab tabulator and the CDF writer.
 *
 * Source: RCTab's configuration documentation ("cvrFileSources": provider, filePath, contestId, column and
 * row indexes, overvoteDelimiter, overvoteLabel, skippedRankLabel, undeclaredWriteInLabel,
 * treatBlankAsUndeclaredWriteIn) and its CVR export, whose columns name what a record carries: source file,
 * provider, contest id, RCTab CVR id, tabulator id, batch id, vendor id, precinct, precinct portion, ranks.
 *
 * A record keeps what the voter marked, rank by rank, without applying any rule: overvotes, skipped ranks and
 * duplicates are the tabulator's business (its rules decide what they mean), so readers never drop them.
 */
import type { InputError, Result } from '../../result.ts';

/** The CVR formats RCTab reads, spelled as in its config's `provider` field. */
export type CvrProvider = 'ess' | 'dominion' | 'cdf' | 'clearBallot' | 'hart' | 'genericCsv';

/** A candidate marked at a rank, by the name the contest config gives it (aliases already resolved). */
export interface CandidateMark {
  readonly kind: 'candidate';
  readonly name: string;
  /** How the CVR wrote it (a name, an alias, a vendor's candidate id): RCTab's CDF export keeps this spelling. */
  readonly text: string;
}

/** The CVR's explicit overvote label at a rank (ES&S writes "overvote" instead of the names). */
export interface OvervoteMark {
  readonly kind: 'overvote';
}

/** A write-in the voting system did not attribute to a declared candidate. */
export interface UndeclaredWriteInMark {
  readonly kind: 'undeclaredWriteIn';
}

export type Mark = CandidateMark | OvervoteMark | UndeclaredWriteInMark;

export const OVERVOTE: OvervoteMark = Object.freeze({ kind: 'overvote' });
export const UNDECLARED_WRITE_IN: UndeclaredWriteInMark = Object.freeze({ kind: 'undeclaredWriteIn' });

/** What the voter marked at one rank: one mark normally, several when they overvoted that rank. */
export interface RankMarks {
  /** 1 = first choice. */
  readonly rank: number;
  readonly marks: readonly Mark[];
}

export interface CastVoteRecord {
  readonly provider: CvrProvider;
  /** The source's path as the config wrote it (RCTab's "Source Filepath"). */
  readonly source: string;
  /**
   * RCTab's own id: ES&S, Clear Ballot and generic CSV `<file name>-<n>`, CDF `<file name>(<n>)` (n counting
   * from 1), Dominion `<tabulator>-<batch>-<record>`, Hart the CvrGuid.
   */
  readonly computedId: string;
  /** The id the voting system gave the ballot (RCTab's "Vendor Id"), when the file has one. */
  readonly suppliedId?: string;
  readonly contestId?: string;
  readonly tabulatorId?: string;
  readonly batchId?: string;
  readonly precinct?: string;
  readonly precinctPortion?: string;
  /**
   * Ranks in increasing order. A skipped rank (blank cell, the skipped-rank label, no mark) is absent, so
   * gaps in `rank` are skipped ranks; a candidate ranked twice appears at both ranks.
   */
  readonly rankings: readonly RankMarks[];
}

/** One `cvrFileSources` entry, as the config module maps it for a reader. Indexes are 1-based, as in RCTab. */
export interface CvrSourceSpec {
  readonly provider: CvrProvider;
  /** The path as written in the config: used in ids, messages and reports. */
  readonly filePath: string;
  /** Where to read it (filePath resolved against the config's folder): a file, or a folder for Dominion/Hart. */
  readonly resolvedPath: string;
  /** Dominion, CDF, Clear Ballot, Hart: which contest of a multi-contest export to read. */
  readonly contestId?: string;
  /** ES&S, generic CSV: column of the first rank; the following columns are ranks 2, 3, ... */
  readonly firstVoteColumnIndex?: number;
  /** ES&S, generic CSV: the first row holding a ballot (rows above are headers). */
  readonly firstVoteRowIndex?: number;
  readonly idColumnIndex?: number;
  readonly precinctColumnIndex?: number;
  readonly batchColumnIndex?: number;
  /** ES&S: a cell holding several names joined by this delimiter is an overvote of those candidates. */
  readonly overvoteDelimiter?: string;
  /** The text the file writes for an overvoted rank (e.g. "overvote"). */
  readonly overvoteLabel?: string;
  /** The text the file writes for a skipped rank (e.g. "undervote"). */
  readonly skippedRankLabel?: string;
  /** The text (Dominion, Hart: the candidate id) the file uses for an undeclared write-in. */
  readonly undeclaredWriteInLabel?: string;
  readonly treatBlankAsUndeclaredWriteIn: boolean;
  /**
   * The contest's maximum rankings. ES&S: how many rank columns to read (files may carry more columns after
   * them); generic CSV: the highest rank a cell may give. Absent: every column, any rank.
   */
  readonly maxRankings?: number;
}

/** A contest candidate from the config: the name reports use, and other spellings CVRs may use. */
export interface CandidateSpec {
  readonly name: string;
  readonly aliases: readonly string[];
}

/**
 * Resolves what a CVR writes (a name, an alias, a vendor's candidate id) to the config's candidate. Each
 * spelling has one mark object, so a million records share a few dozen marks; compare marks by name.
 */
export class CandidateDirectory {
  private readonly byAlias = new Map<string, CandidateMark>();

  constructor(candidates: readonly CandidateSpec[]) {
    for (const c of candidates) {
      for (const alias of [c.name, ...c.aliases]) this.byAlias.set(alias, Object.freeze({ kind: 'candidate', name: c.name, text: alias }));
    }
  }

  resolve(text: string): CandidateMark | undefined {
    return this.byAlias.get(text);
  }
}

/** What a reader tells the caller once a source is read: enough for an operator to compare totals. */
export interface CvrSourceSummary {
  readonly records: number;
  /** The files read (one for most providers, every CvrExport or XML file for Dominion and Hart). */
  readonly files: readonly string[];
}

/**
 * A reader streams records to `onRecord` as it parses them, so a caller can group ballots without holding
 * every record. On failure the records already delivered must be discarded: the source is invalid.
 */
export type CvrReader = (
  spec: CvrSourceSpec,
  candidates: CandidateDirectory,
  onRecord: (record: CastVoteRecord) => void,
) => Promise<Result<CvrSourceSummary, InputError>>;
