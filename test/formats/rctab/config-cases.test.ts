// Every config of RCTab's regression cases (shared data rctab/) checked as RCTab checks it, CVR files
// included: the valid ones give no problem at all (no false errors), and the cases RCTab's suite expects to
// fail validation give exactly the problems worked out below from their configs and RCTab's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { configSchema } from '../../../src/formats/rctab/config-options.ts';
import { validateRctabConfig } from '../../../src/formats/rctab/config-validation.ts';

const root = resolve(process.cwd(), '../shared/data/rctab');
const absent = existsSync(root) ? false : 'shared data absent: ../shared/data/rctab not found';

const missing = (path: string): string => `Cast vote record file not found: ${join(root, path)}`;

/** Configs that fail validation, keyed by folder/file, with RCTab's problems in its order of checking. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  // The case ships without its CVR file.
  '2018_maine_governor_primary/2018_maine_governor_primary_config.json': [missing('2018_maine_governor_primary/2018_maine_governor_primary_cvr.xlsx')],
  // A second config beside the case's own, naming a CVR file the folder doesn't hold.
  'sample_interactive_tiebreak/sample_interactive_tiebreak_sequential_config.json': [missing('sample_interactive_tiebreak/sample_interactive_tiebreak_cvr.xlsx')],
  'invalid_output_directory/config.json': [
    'outputDirectory "C:/Users/output" is inside a Windows user account folder (C:\\Users), where results can\'t be kept read-only! Choose a folder outside it, e.g. C:\\RCTab.',
  ],
  // No version, no sources, no candidates; tiebreakMode, overvoteRule and winnerElectionMode wrong or
  // absent; maxSkippedRanksAllowed -3, decimal places -1; two flags written as strings. (maxRankingsAllowed
  // -1 passes: RCTab checks its lower bound only when there are candidates.)
  'invalid_params_test/invalid_params_test_config.json': [
    'tabulatorVersion is required!',
    'Contest config must contain at least 1 cast vote record file!',
    'Contest config must contain at least 1 declared candidate!',
    'tiebreakMode "whatever" is unrecognized! Please supply a valid tiebreakMode.',
    'overvoteRule "invalidOption" is unrecognized! Please supply a valid overvoteRule.',
    'Invalid winnerElectionMode!',
    'maxSkippedRanksAllowed must either be "unlimited" or an integer from 0 to 2147483647!',
    'decimalPlacesForVoteArithmetic must be an integer from 1 to 20!',
    'batchElimination must be true or false, not "True"!',
    'continueUntilTwoCandidatesRemain must be true or false, not "false"!',
  ],
  // Source 1 is missing; source 2 is missing and gives no columns (and precincts are asked for); source 3
  // has no path; source 4 has no first row nor precinct column. "random Seed" is not randomSeed.
  'invalid_sources_test/invalid_sources_test_config.json': [
    'tabulatorVersion is required!',
    missing('invalid_sources_test/test_data/nonexistent_path'),
    'firstVoteColumnIndex must be an integer from 1 to 1000 for file source: test_data/nonexistent_path2',
    'firstVoteRowIndex must be an integer from 1 to 100000 for file source: test_data/nonexistent_path2',
    missing('invalid_sources_test/test_data/nonexistent_path2'),
    `precinctColumnIndex is required when tabulateByPrecinct is enabled: ${join(root, 'invalid_sources_test/test_data/nonexistent_path2')}`,
    'filePath is required for each cast vote record file!',
    'firstVoteRowIndex must be an integer from 1 to 100000 for file source: invalid_sources_test_cvr.xlsx',
    `precinctColumnIndex is required when tabulateByPrecinct is enabled: ${join(root, 'invalid_sources_test/invalid_sources_test_cvr.xlsx')}`,
    'When tiebreakMode involves a random element, randomSeed must be supplied!',
    'Invalid winnerElectionMode!',
  ],
};

/** Every contest config in the cases: config.json or any *_config.json in a case's folder. */
function configs(): string[] {
  if (absent) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, d.name)).filter((f) => f === 'config.json' || f.endsWith('_config.json')).map((f) => `${d.name}/${f}`))
    .sort();
}

function problems(name: string): string[] {
  const path = join(root, name);
  const raw = configSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return validateRctabConfig(raw, { baseDir: dirname(path), fileExists: existsSync });
}

test("RCTab's cases: valid configs pass, invalid ones give RCTab's problems", { skip: absent }, () => {
  const names = configs();
  assert.ok(names.length >= 68, `${names.length} configs found`);
  for (const name of names) assert.deepEqual(problems(name), EXPECTED[name] ?? [], name);
  for (const name of Object.keys(EXPECTED)) assert.ok(names.includes(name), `${name} is among the cases`);
});
