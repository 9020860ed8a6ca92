-- Accounts suspected to be one family's two accounts (R2, R6): an operator who finds a family
-- twice puts the pair into the duplicate queue. «не дубль» keeps the pair out of the queue for
-- good; «дубль» marks the duplicate account: its active applications are cancelled with the R6
-- message naming the confirmed account, masked, and it submits no application any more.
-- Never edit this file once applied; add a new migration instead.

CREATE TABLE account_duplicate_flags (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    matched_account_id INTEGER NOT NULL REFERENCES accounts (id),
    noted_by_account_id INTEGER NOT NULL REFERENCES accounts (id),
    -- Why the operator suspects the pair.
    reason TEXT NOT NULL,
    resolution TEXT CHECK (resolution IN ('not_duplicate', 'duplicate')),
    resolved_by_account_id INTEGER REFERENCES accounts (id),
    resolution_reason TEXT,
    kept_account_id INTEGER REFERENCES accounts (id),
    resolved_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK (account_id <> matched_account_id)
) STRICT;

-- A pair is flagged once, whichever way round.
CREATE UNIQUE INDEX account_duplicate_flags_pair
    ON account_duplicate_flags (min(account_id, matched_account_id), max(account_id, matched_account_id));
CREATE INDEX account_duplicate_flags_open ON account_duplicate_flags (id) WHERE resolved_at IS NULL;

ALTER TABLE accounts ADD COLUMN duplicate_of_account_id INTEGER REFERENCES accounts (id);
ALTER TABLE accounts ADD COLUMN duplicate_message TEXT;

-- Where the periodic job looks for applications still to cancel: the few retired records and
-- duplicate accounts, not the whole register.
CREATE INDEX children_retired_with_message ON children (id) WHERE retired_message IS NOT NULL;
CREATE INDEX accounts_duplicate ON accounts (id) WHERE duplicate_message IS NOT NULL;
CREATE INDEX applications_account ON applications (account_id, id);
