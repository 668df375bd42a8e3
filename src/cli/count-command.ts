/** How both entry points (main.ts, count-main.ts) register `rollover count`. */
import type { Register } from './cli.ts';

/** The options rctab.ts adds to count: any of them loads it (its own checks then apply). */
const RCTAB_COUNT_OPTIONS = ['--rctab-config', '--report-dir', '--check-only'];

export const registerCountCommand: Register = async (program, args, help) => {
  const { registerCount } = await import('./count.ts');
  const rctab = help || args.some((a) => RCTAB_COUNT_OPTIONS.some((o) => a === o || a.startsWith(`${o}=`)));
  registerCount(program, rctab ? [(await import('./rctab.ts')).rctabCountMode] : []);
};
