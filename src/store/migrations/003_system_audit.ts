/** Version 3: the system audit log. Shipped: never edit it (databases past this version would not see the change); add a migration. */
export const systemAudit = `-- Admin actions that belong to no election (accounts created, sign-ins, refused sign-ins) get their own
-- hash chain, append-only like the elections' logs.
CREATE TABLE system_audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER system_audit_no_update BEFORE UPDATE ON system_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER system_audit_no_delete BEFORE DELETE ON system_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
