/**
 * RCTab's detailed report JSON read back as the count JSON that the results views draw, so that the page
 * shows exactly the figures of the report it offers for download (the report is the contest's record).
 *
 * The report's rounds (URCVT format, as RCTab writes it: "tally", "threshold", "inactiveBallots",
 * "tallyResults" with "elected" or "eliminated" and the "transfers" made at the round's end) map onto
 * the views' rounds: inactive ballots of every kind are the exhausted pile; a residual surplus (the part
 * of a surplus lost to rounding) is the count's loss; the candidates elected or eliminated together in a
 * round pass on their votes as one transfer.
 */
import { z } from 'zod';
import type { CountJson, RoundJson, TransferJson } from '../../formats/count-json.ts';
import { Decimal, sumDecimals } from '../../count/rctab/decimal.ts';
import { err, ok, type Result } from '../../result.ts';

const amount = z.string().regex(/^-?\d+(\.\d+)?$/, 'not a decimal number');

const TallyResult = z.object({
  elected: z.string().optional(),
  eliminated: z.string().optional(),
  transfers: z.record(z.string(), amount),
});

const ReportRound = z.object({
  round: z.number().int().min(1),
  tally: z.record(z.string(), amount),
  threshold: amount,
  inactiveBallots: z.record(z.string(), amount),
  tallyResults: z.array(TallyResult),
});

const Report = z.object({
  config: z.object({ contest: z.string() }),
  results: z.array(ReportRound).min(1),
  summary: z.object({ numWinners: z.number().int().min(0), totalNumBallots: z.string().regex(/^\d+$/, 'not a whole number') }),
});

type ReportRound = z.infer<typeof ReportRound>;
type TallyResult = z.infer<typeof TallyResult>;

/** RCTab's names for what is not a candidate in a round's transfers. */
const EXHAUSTED = 'exhausted';
const RESIDUAL = 'residual surplus';
/** Reported beside the inactive ballots, but votes held back from a winner, not ballots set aside. */
const NOT_INACTIVE = 'finalRoundSurplus';

export interface ReportCount {
  readonly contest: string;
  readonly count: CountJson;
  /** Ballots read, undervotes included ("Is it close?" counts any of them as one that could change). */
  readonly ballots: bigint;
}

/** `mode` is the config's winnerElectionMode, named in the views as the rules. */
export function reportCount(reportJson: string, mode: string): Result<ReportCount, string> {
  let json: unknown;
  try {
    json = JSON.parse(reportJson);
  } catch (e) {
    return err(`the detailed report is not JSON: ${(e as Error).message}`);
  }
  const report = Report.safeParse(json);
  if (!report.success) return err(`the detailed report is not in RCTab's format: ${report.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { results, summary, config } = report.data;
  let loss = Decimal.ZERO;
  const rounds = results.map((r) => {
    loss = loss.add(sumDecimals(r.tallyResults.map((t) => decimal(t.transfers[RESIDUAL] ?? '0'))));
    return roundJson(r, loss);
  });
  const first = results[0] as ReportRound;
  const count: CountJson = {
    method: summary.numWinners === 1 ? 'irv' : 'stv',
    rules: `RCTab ${mode}`,
    seats: summary.numWinners,
    winners: results.flatMap((r) => r.tallyResults.flatMap((t) => (t.elected === undefined ? [] : [t.elected]))),
    places: Math.max(0, ...results.flatMap((r) => Object.values(r.tally).map((v) => decimal(v).scale))),
    validVotes: sumDecimals(Object.values(first.tally).map(decimal)).toString(),
    rounds,
  };
  return ok({ contest: config.contest, count, ballots: BigInt(summary.totalNumBallots) });
}

function roundJson(r: ReportRound, loss: Decimal): RoundJson {
  const inactive = Object.entries(r.inactiveBallots).filter(([kind]) => kind !== NOT_INACTIVE).map(([, v]) => decimal(v));
  const transfer = transferJson(r.tallyResults);
  return {
    round: r.round,
    tally: r.tally,
    exhausted: sumDecimals(inactive).toString(),
    threshold: r.threshold,
    elected: r.tallyResults.flatMap((t) => (t.elected === undefined ? [] : [t.elected])),
    excluded: r.tallyResults.flatMap((t) => (t.eliminated === undefined ? [] : [t.eliminated])),
    loss: loss.toString(),
    ...(transfer === undefined ? {} : { transfer }),
  };
}

/** The votes that moved at the round's end, from everyone whose ballots moved, as one transfer. */
function transferJson(results: readonly TallyResult[]): TransferJson | undefined {
  const moving = results.filter((t) => t.eliminated !== undefined || Object.keys(t.transfers).some((k) => k !== RESIDUAL));
  if (moving.length === 0) return undefined;
  const to = new Map<string, Decimal>();
  let exhausted = Decimal.ZERO;
  for (const t of moving) {
    for (const [target, v] of Object.entries(t.transfers)) {
      if (target === RESIDUAL) continue;
      if (target === EXHAUSTED) exhausted = exhausted.add(decimal(v));
      else to.set(target, (to.get(target) ?? Decimal.ZERO).add(decimal(v)));
    }
  }
  return {
    kind: moving.some((t) => t.elected !== undefined) ? 'surplus' : 'exclusion',
    from: moving.map((t) => t.elected ?? t.eliminated ?? ''),
    to: Object.fromEntries([...to].map(([name, v]) => [name, v.toString()])),
    exhausted: exhausted.toString(),
  };
}

/** The schema has checked every amount's form, so parsing cannot fail here. */
function decimal(text: string): Decimal {
  const d = Decimal.parse(text);
  if (d === undefined) throw new Error(`"${text}" passed the report schema but is not a decimal`);
  return d;
}
