-- Help and escalation: the МОЦ hotline's weekly hours and days off, kept by administrators, and
-- requests (обращения) from parents to institutions that climb to МОЦ.
-- Never edit this file once applied; add a new migration instead.

-- One weekly window of the hotline, Moscow time, `[opens_at, closes_at)`; weekday 1 = Monday.
CREATE TABLE hotline_hours (
    id INTEGER PRIMARY KEY,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens_at TEXT NOT NULL CHECK (opens_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    closes_at TEXT NOT NULL CHECK (closes_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    CHECK (opens_at < closes_at),
    UNIQUE (weekday, opens_at)
) STRICT;

INSERT INTO hotline_hours (weekday, opens_at, closes_at) VALUES (2, '13:00', '16:30'), (4, '13:00', '16:30');

-- A day the hotline does not work (a public holiday), with a note for parents.
CREATE TABLE hotline_days_off (
    day TEXT PRIMARY KEY,
    note TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE help_requests (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    -- The МОЦ that answers after escalation: the parent's municipality when the request was sent.
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    child_id INTEGER REFERENCES children (id),
    situation TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('institution', 'moc')),
    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'answered', 'unresolved')),
    -- Since when the operators owe an answer: set when it arrives, climbs or comes back unresolved.
    waiting_since TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX help_requests_account ON help_requests (account_id, id);
CREATE INDEX help_requests_institution ON help_requests (organization_id, level, status);
CREATE INDEX help_requests_moc ON help_requests (municipality_id, level, status);

-- Every message and every status change of a request; rows are only ever added.
CREATE TABLE help_request_events (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES help_requests (id),
    author_account_id INTEGER NOT NULL REFERENCES accounts (id),
    -- `parent`, `institution` or `moc`: on whose side the author wrote.
    author_side TEXT NOT NULL CHECK (author_side IN ('parent', 'institution', 'moc')),
    action TEXT NOT NULL CHECK (action IN ('send', 'take', 'answer', 'not_resolved', 'escalate')),
    from_status TEXT,
    to_status TEXT NOT NULL,
    to_level TEXT NOT NULL,
    body TEXT,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX help_request_events_request ON help_request_events (request_id, id);

CREATE TRIGGER help_request_events_no_update BEFORE UPDATE ON help_request_events
BEGIN
    SELECT RAISE(ABORT, 'the history of a request is append-only');
END;

CREATE TRIGGER help_request_events_no_delete BEFORE DELETE ON help_request_events
BEGIN
    SELECT RAISE(ABORT, 'the history of a request is append-only');
END;

