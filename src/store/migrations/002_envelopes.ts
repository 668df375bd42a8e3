/** Version 2: sealed envelopes for eligibility challenges. Shipped: never edit it (databases past this version would not see the change); add a migration. */
export const envelopes = `-- Sealed envelopes for eligibility challenges. Unlike \`ballots\`, an envelope is linked to its voter on
-- purpose, so that a voter ruled ineligible can have theirs cancelled unread; its content is encrypted to
-- the returning officer's key. At the deadline the remaining envelopes are opened into \`ballots\` (random
-- keys, shuffled, no voter) and deleted from here.
CREATE TABLE envelopes (
  election_id TEXT NOT NULL,
  voter_id TEXT NOT NULL,
  sealed TEXT NOT NULL,
  PRIMARY KEY (election_id, voter_id),
  FOREIGN KEY (election_id, voter_id) REFERENCES voters(election_id, id)
) WITHOUT ROWID;
`;
