/**
 * The schema's migrations, oldest first: a database whose PRAGMA user_version is N has had the first N
 * applied, so the order is the version numbering and only ever grows at the end. They are SQL held in
 * modules rather than .sql files so that the CLI bundle carries them: an installed package must not read
 * its source tree at run time.
 */
import { init } from './001_init.ts';
import { envelopes } from './002_envelopes.ts';
import { systemAudit } from './003_system_audit.ts';
import { disabledUsers } from './004_disabled_users.ts';

export const MIGRATIONS: readonly string[] = [init, envelopes, systemAudit, disabledUsers];
