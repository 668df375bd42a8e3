/**
 * The node flags bin/rollover.js's shell line starts a bundle with: those of every run, and for a count
 * (dist/count.cjs) the one it adds. The build warms each bundle's code cache up under its flags, and tests
 * start node the same way, because V8 refuses a code cache made under other flags.
 */
export function binNodeFlags(binText, bundle) {
  const exec = /exec node ((?:--[\w=-]+ )*)\$f "\$0" "\$@"/.exec(binText);
  const count = /count\) f=(--[\w=-]+);/.exec(binText);
  if (!exec || !count) throw new Error('bin/rollover.js has no shell line `… count) f=FLAG; … exec node [flags] $f "$0" "$@"` to take node\'s flags from');
  const flags = exec[1].split(' ').filter((flag) => flag !== '');
  return bundle === 'count.cjs' ? [...flags, count[1]] : flags;
}
