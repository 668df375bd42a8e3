/** The first schema (version 1). Shipped: never edit it (databases past this version would not see the change); add a migration. */
export const init = `-- Rollover election service: the first schema. Applied in one transaction; PRAGMA user_version records it.
--
-- Ballot secrecy: \`ballots\` and \`receipts\` hold no voter id, no time and no insertion order. They are
-- WITHOUT ROWID tables keyed by random ids, so the rows sit in the order of those random keys and nothing
-- in them can be joined to \`voters\` or \`credentials\`. Who has voted is kept only as flags on those tables.

CREATE TABLE elections (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  -- The election document (contests, candidates, nominations, rules) as JSON: read and written whole,
  -- always together with an audit entry.
  document TEXT NOT NULL
);

CREATE TABLE audit_log (
  election_id TEXT NOT NULL REFERENCES elections(id),
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (election_id, seq)
) WITHOUT ROWID;

-- The log is append-only: the database itself refuses edits and deletions.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE voters (
  election_id TEXT NOT NULL REFERENCES elections(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT,
  postal_address TEXT,
  elector_class TEXT NOT NULL,
  joined TEXT NOT NULL,
  standing TEXT NOT NULL,
  segments TEXT NOT NULL,
  ineligible_reason TEXT,
  voted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (election_id, id)
) WITHOUT ROWID;

CREATE TABLE credentials (
  hash TEXT PRIMARY KEY,
  election_id TEXT NOT NULL,
  voter_id TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  used INTEGER NOT NULL DEFAULT 0,
  FOREIGN KEY (election_id, voter_id) REFERENCES voters(election_id, id)
) WITHOUT ROWID;
CREATE INDEX credentials_by_voter ON credentials(election_id, voter_id);

CREATE TABLE ballots (
  id TEXT PRIMARY KEY,
  election_id TEXT NOT NULL REFERENCES elections(id),
  contest_id TEXT NOT NULL,
  -- Positions on the contest's ballot paper, first preference first, comma-separated.
  ranking TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE receipts (
  hash TEXT PRIMARY KEY,
  election_id TEXT NOT NULL REFERENCES elections(id)
) WITHOUT ROWID;

CREATE TABLE results (
  election_id TEXT PRIMARY KEY REFERENCES elections(id),
  result TEXT NOT NULL,
  -- Published anonymised ballots: a JSON object from contest id to BLT text (ballots shuffled).
  ballots_blt TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'returning_officer', 'scrutineer')),
  password_hash TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
`;
