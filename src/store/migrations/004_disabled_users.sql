-- An account is disabled rather than deleted, so the audit logs that name it still name a known account.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
