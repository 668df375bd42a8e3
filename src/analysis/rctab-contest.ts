/**
 * An RCTab contest as a plain ranked contest, so the margin search can read RCTab's cast vote records.
 * RCTab applies its ballot rules as a ballot reaches each rank (RCTab v1.3 User Guide, "Overvote Rule",
 * "How Many Consecutive Skipped Ranks Are Allowed", "Exhaust on Multiple Ranks for the Same Candidate");
 * those that do not depend on who is still standing turn into a fixed ranking cut at the point where
 * the ballot would become inactive:
 * - an overvote: "exhaust immediately" cuts the ranking there, "always skip to next rank" passes over it;
 * - more consecutive skipped ranks than allowed cuts it;
 * - a candidate ranked again is passed over, or cuts it under "exhaust on duplicate";
 * - ranks beyond maxRankingsAllowed are not read.
 * "Exhaust if multiple continuing" depends on the round, so it is refused. Config candidates marked
 * excluded are withdrawn. Undeclared write-ins count as one candidate, as RCTab counts them.
 *
 * readRctabContest reads such a contest from its config and CVR files, for `rollover analyze
 * --rctab-config`, the count page's "Is it close?" panel and the margin bench.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CandidateIndex, Contest } from '../count/ballots.ts';
import { groupBallots, type Ballot } from '../count/ballots.ts';
import type { RctabConfig } from '../formats/rctab/config.ts';
import type { CastVoteRecord, Mark } from '../formats/rctab/cvr.ts';
import { err, ok, type InputError, type Result } from '../result.ts';

export class RctabContestBuilder {
  private readonly index: ReadonlyMap<string, CandidateIndex>;
  private readonly writeIn: CandidateIndex | undefined;
  private ballots: Ballot[] = [];

  constructor(private readonly config: RctabConfig) {
    this.index = new Map(config.candidates.map((c, i) => [c.name, i]));
    const uwi = config.candidates.findIndex((c) => c.undeclaredWriteIn === true);
    this.writeIn = uwi < 0 ? undefined : uwi;
  }

  /** Refuses rules that cannot be expressed as a fixed ranking. */
  static check(config: RctabConfig): Result<RctabConfig, string> {
    if (config.rules.overvoteRule === 'exhaustIfMultipleContinuing') return err('the overvote rule "exhaust if multiple continuing" depends on the round; the margin cannot use it');
    if (config.rules.numberOfWinners !== 1 || config.rules.winnerElectionMode !== 'singleWinnerMajority') return err('only single-winner majority contests have an IRV margin');
    return ok(config);
  }

  add(record: CastVoteRecord): void {
    this.ballots.push({ ranking: this.ranking(record), weight: 1n });
    // Grouping as we go keeps memory to the distinct rankings.
    if (this.ballots.length >= 65_536) this.ballots = groupBallots(this.ballots);
  }

  contest(): Contest {
    const withdrawn = this.config.candidates.flatMap((c, i) => (c.excluded ? [i] : []));
    return { title: this.config.contest.name, candidates: this.config.candidates.map((c) => c.name), withdrawn, seats: 1, ballots: groupBallots(this.ballots) };
  }

  private ranking(record: CastVoteRecord): CandidateIndex[] {
    const rules = this.config.rules;
    const ranking: CandidateIndex[] = [];
    let previous = 0;
    for (const { rank, marks } of record.rankings) {
      if (rules.maxRankingsAllowed !== undefined && rank > rules.maxRankingsAllowed) break;
      if (rules.maxSkippedRanksAllowed !== undefined && rank - previous - 1 > rules.maxSkippedRanksAllowed) break;
      previous = rank;
      const chosen = marks.length === 1 ? this.candidateOf(marks[0] as Mark) : undefined;
      if (chosen === undefined) {
        if (rules.overvoteRule === 'exhaustImmediately') break;
        continue;
      }
      if (ranking.includes(chosen)) {
        if (rules.exhaustOnDuplicateCandidate) break;
        continue;
      }
      ranking.push(chosen);
    }
    return ranking;
  }

  private candidateOf(mark: Mark): CandidateIndex | undefined {
    if (mark.kind === 'candidate') return this.index.get(mark.name);
    return mark.kind === 'undeclaredWriteIn' ? this.writeIn : undefined;
  }
}

/** Reads an RCTab contest's CVRs, with the config's ballot rules, as a plain contest. */
export async function readRctabContest(configPath: string): Promise<Result<Contest, InputError>> {
  const { parseRctabConfig } = await import('../formats/rctab/config.ts');
  const { CVR_READERS } = await import('../formats/rctab/readers/index.ts');
  const { CandidateDirectory } = await import('../formats/rctab/cvr.ts');
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch {
    return err({ file: configPath, message: 'cannot read the RCTab configuration' });
  }
  const parsed = parseRctabConfig(text, configPath, dirname(configPath));
  if (!parsed.ok) return parsed;
  const config = RctabContestBuilder.check(parsed.value);
  if (!config.ok) return err({ file: configPath, message: config.error });
  const builder = new RctabContestBuilder(config.value);
  const directory = new CandidateDirectory(config.value.directory);
  for (const spec of config.value.sources) {
    const read = await CVR_READERS[spec.provider](spec, directory, (record) => builder.add(record));
    if (!read.ok) return read;
  }
  return ok(builder.contest());
}
