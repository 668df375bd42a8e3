/**
 * The counting engine's front door: pick a rule by method and name, check the contest suits it, count.
 * Each rule lives in its own file and registers here.
 */
import type { Contest } from './ballots.ts';
import type { CountResult, TieBreakOptions } from './types.ts';
import { DEFAULT_TIEBREAK } from './types.ts';
import { err, ok, type Result } from '../result.ts';
import { IRV_RULE } from './irv.ts';
import { MEEK_RULES } from './stv/meek.ts';
import { ERS97_RULE } from './stv/ers97.ts';
import { SCOTTISH_RULE } from './stv/scottish.ts';
import { WIGM_RULE } from './stv/wigm.ts';

export interface CountOptions {
  readonly method: 'irv' | 'stv';
  /** Rule set name, e.g. "scottish", "meek"; each method has a default. */
  readonly rules?: string;
  /** Seats to fill; defaults to the contest's. */
  readonly seats?: number;
  readonly tieBreak?: TieBreakOptions;
  /** IRV: exclude at once every candidate who could not win even with all lower candidates' votes. */
  readonly batchElimination?: boolean;
  /** IRV: keep excluding until two candidates remain, even after someone has a majority. */
  readonly continueUntilTwo?: boolean;
}

/** Options a rule receives, with defaults filled in. */
export interface RuleOptions {
  readonly seats: number;
  readonly tieBreak: TieBreakOptions;
  readonly batchElimination: boolean;
  readonly continueUntilTwo: boolean;
}

export interface Rule {
  readonly name: string;
  readonly method: 'irv' | 'stv';
  /** One line for `--help` and the README. */
  readonly summary: string;
  /** Whether ballots may rank candidates equal (BLT `=`). */
  readonly allowsEqualRanks: boolean;
  readonly count: (contest: Contest, options: RuleOptions) => CountResult;
}

const RULES: readonly Rule[] = [
  // Each rule file adds its entry here.
  IRV_RULE,
  ...MEEK_RULES,
  ERS97_RULE,
  SCOTTISH_RULE,
  WIGM_RULE,
];

export const DEFAULT_RULES: Readonly<Record<'irv' | 'stv', string>> = { irv: 'irv', stv: 'scottish' };

export function listRules(): readonly Rule[] {
  return RULES;
}

export function findRule(method: 'irv' | 'stv', name: string): Rule | undefined {
  return RULES.find((r) => r.method === method && r.name === name);
}

/** Counts a contest. Errors are about the request (unknown rule, impossible seats), never bugs. */
export function count(contest: Contest, options: CountOptions): Result<CountResult, string> {
  const name = options.rules ?? DEFAULT_RULES[options.method];
  const rule = findRule(options.method, name);
  if (!rule) {
    const known = RULES.filter((r) => r.method === options.method).map((r) => r.name);
    return err(`unknown ${options.method} rules "${name}" (known: ${known.join(', ')})`);
  }
  const seats = options.seats ?? contest.seats;
  const standing = contest.candidates.length - contest.withdrawn.length;
  if (!Number.isInteger(seats) || seats < 1) return err(`seats must be a whole number of at least 1, not ${seats}`);
  if (options.method === 'irv' && seats !== 1) return err(`IRV fills one seat; use --method stv for ${seats} seats`);
  if (seats > standing) return err(`${seats} seats but only ${standing} candidates standing`);
  if (!rule.allowsEqualRanks && contest.ballots.some((b) => b.tiedWithPrevious !== undefined)) {
    return err(`${rule.name} rules do not allow candidates ranked equal (=) on a ballot`);
  }
  const tieBreak = options.tieBreak ?? DEFAULT_TIEBREAK;
  return ok(
    rule.count(contest, {
      seats,
      tieBreak: contest.tieOrder ? { ...tieBreak, order: contest.tieOrder } : tieBreak,
      batchElimination: options.batchElimination ?? false,
      continueUntilTwo: options.continueUntilTwo ?? false,
    }),
  );
}
