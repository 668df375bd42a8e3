/** See bin-flags.mjs. */
export function binNodeFlags(binText: string, bundle: 'count.cjs' | 'cli.cjs'): string[];
