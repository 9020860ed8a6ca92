-- Applications to change an account's municipality (R5): re-registration does not help and МОЦ
-- does not change it; an institution records the parent's written application (заявление на
-- смену МО, optionally its scan), and the regional operator approves or rejects it. On approval
-- the account, and so its children, move. One application per account is pending at a time.
-- Never edit this file once applied; add a new migration instead.

CREATE TABLE municipality_changes (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    from_municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    to_municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    reason TEXT NOT NULL,
    document_name TEXT,
    document_type TEXT,
    document BLOB,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    recorded_by_account_id INTEGER NOT NULL REFERENCES accounts (id),
    recorded_by_organization_id INTEGER NOT NULL REFERENCES organizations (id),
    decided_by_account_id INTEGER REFERENCES accounts (id),
    decision_reason TEXT,
    decided_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK (from_municipality_id <> to_municipality_id)
) STRICT;

CREATE UNIQUE INDEX municipality_changes_one_pending ON municipality_changes (account_id)
    WHERE status = 'pending';
CREATE INDEX municipality_changes_status ON municipality_changes (status, id);
