/** Version 4: disabled accounts. Shipped: never edit it (databases past this version would not see the change); add a migration. */
export const disabledUsers = `-- An account is disabled rather than deleted, so the audit logs that name it still name a known account.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
`;
