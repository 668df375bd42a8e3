/**
 * The integer-programming solver as the analysis sees it: LP text in, integer values out. The solver itself
 * (HiGHS compiled to WebAssembly, npm `highs`) is loaded by the shells and passed in, so the analysis stays
 * pure. Solutions are only proposals: every witness built from one is confirmed by an exact recount.
 */
export type MipOutcome =
  /**
   * `bound`: the objective rounded up to a whole number (within the solver's tolerance). Of a linear
   * relaxation whose objective counts whole ballots it is a lower bound on the integer optimum.
   */
  | { readonly status: 'optimal'; readonly values: ReadonlyMap<string, bigint>; readonly bound: bigint }
  | { readonly status: 'infeasible' }
  /** Stopped by the solver's own limits: neither a bound nor a solution can be trusted. */
  | { readonly status: 'unknown'; readonly detail: string };

/**
 * `below`, when given: solutions whose objective reaches it are of no interest, so the solver may stop as
 * soon as it proves none cheaper exists, and answers infeasible then. A cutoff inside the solver rather than
 * a row in the program: a row changes the relaxation, and with it which of several optima comes back.
 */
export type MipSolver = (lp: string, below?: bigint) => MipOutcome;

/** The shape of highs' one-shot result that this reads. */
export interface HighsLikeSolution {
  readonly Status: string;
  readonly Columns: Readonly<Record<string, { readonly Primal: number }>>;
  readonly ObjectiveValue: number;
}

/** How far above a whole number an objective may be and still round down to it: the solver's tolerance. */
const OBJECTIVE_TOLERANCE = 1e-6;

/**
 * A MipSolver over highs' `solve(lp, options)`. Primal values are whole numbers up to the solver's
 * tolerance; they are rounded to the nearest integer, and the recount checks what they propose.
 */
export function highsSolver(solve: (lp: string, options: Record<string, unknown>) => HighsLikeSolution): MipSolver {
  return (lp, below) => {
    let result: HighsLikeSolution;
    // Objectives are whole numbers here, so half below the cutoff keeps every cheaper one.
    const cutoff = below === undefined ? {} : { objective_bound: Number(below) - 0.5 };
    try {
      result = solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, ...cutoff });
    } catch (e) {
      // The WebAssembly build aborts rather than report some failures (e.g. out of memory): no answer.
      return { status: 'unknown', detail: e instanceof Error ? e.message : String(e) };
    }
    if (result.Status === 'Infeasible') return { status: 'infeasible' };
    if (result.Status !== 'Optimal') return { status: 'unknown', detail: result.Status };
    const values = new Map<string, bigint>();
    for (const [name, column] of Object.entries(result.Columns)) values.set(name, BigInt(Math.round(column.Primal)));
    return { status: 'optimal', values, bound: BigInt(Math.ceil(result.ObjectiveValue - OBJECTIVE_TOLERANCE)) };
  };
}

interface HighsModule {
  readonly default: () => Promise<{ solve: (lp: string, options: Record<string, unknown>) => HighsLikeSolution }>;
}

/**
 * Loads HiGHS and wraps it. The package's type declarations describe a CommonJS module while Node's ESM
 * import gives the loader as `default`, hence the cast. Loading reads the WebAssembly file: shells call
 * this, the analysis only receives the solver.
 */
export async function loadHighsSolver(): Promise<MipSolver> {
  const highs = await ((await import('highs')) as unknown as HighsModule).default();
  return highsSolver((lp, options) => highs.solve(lp, options));
}
