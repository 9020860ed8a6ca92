-- Corrections of a child's data (R4): the parent does not enter the child again but asks an
-- institution, whose operator corrects the data after seeing the documents. A request keeps what
-- the parent asked for and how the institution answered; one request per child waits at a time.
-- Never edit this file once applied; add a new migration instead.

CREATE TABLE correction_requests (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    -- The data as the parent says they should be.
    surname TEXT NOT NULL,
    given_name TEXT NOT NULL,
    patronymic TEXT,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date TEXT NOT NULL,
    snils TEXT,
    birth_certificate TEXT,
    comment TEXT,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'corrected', 'rejected')),
    answer TEXT,
    decided_by_account_id INTEGER REFERENCES accounts (id),
    decided_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE UNIQUE INDEX correction_requests_one_open ON correction_requests (child_id) WHERE status = 'new';
CREATE INDEX correction_requests_organization ON correction_requests (organization_id, status, id);
CREATE INDEX correction_requests_account ON correction_requests (account_id, id);
