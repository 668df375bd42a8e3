/**
 * `rollover count` alone, the command people script once per file: bin/rollover.js runs this bundle
 * (dist/count.cjs) when the first argument is `count`. Without the other commands it is half the size of
 * dist/cli.cjs, with a code cache to match, which saves about 3% of a ward's count process.
 */
import { runCli } from './cli.ts';
import { registerCountCommand } from './count-command.ts';

void runCli({ count: registerCountCommand }, process.argv);
