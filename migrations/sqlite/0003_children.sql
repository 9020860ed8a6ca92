-- Children, each registered once (R1): the exact key, СНИЛС and birth certificate are unique among
-- children that are not retired; blocking keys (birth date, surname + name) find candidates for
-- the probable-duplicate check. Guardians link children to accounts; flags record probable
-- duplicates for the operators' review.
-- Never edit this file once applied; add a new migration instead.

CREATE TABLE children (
    id INTEGER PRIMARY KEY,
    surname TEXT NOT NULL,
    given_name TEXT NOT NULL,
    patronymic TEXT,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date TEXT NOT NULL,
    snils TEXT,
    birth_certificate TEXT,
    -- Normalised surname|name|patronymic|birth date|sex (SPEC §5).
    exact_key TEXT NOT NULL,
    -- Normalised surname|name, for candidates whatever the birth date.
    name_key TEXT NOT NULL,
    -- Normalised surname and name alone: with a birth date typed wrong, one of them must match.
    surname_norm TEXT NOT NULL,
    given_name_norm TEXT NOT NULL,
    certificate_key TEXT,
    created_by_account_id INTEGER NOT NULL REFERENCES accounts (id),
    confirmed_by_organization_id INTEGER REFERENCES organizations (id),
    confirmed_at TEXT,
    retired_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE UNIQUE INDEX children_exact_key ON children (exact_key) WHERE retired_at IS NULL;
CREATE UNIQUE INDEX children_snils ON children (snils) WHERE snils IS NOT NULL AND retired_at IS NULL;
CREATE UNIQUE INDEX children_certificate_key ON children (certificate_key)
    WHERE certificate_key IS NOT NULL AND retired_at IS NULL;
CREATE INDEX children_birth_date ON children (birth_date);
CREATE INDEX children_name_key ON children (name_key);
CREATE INDEX children_surname_birth_date ON children (surname_norm, birth_date);
CREATE INDEX children_given_name_birth_date ON children (given_name_norm, birth_date);

CREATE TABLE child_guardians (
    child_id INTEGER NOT NULL REFERENCES children (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    -- `self` for a teenager's own account (R7).
    relation TEXT NOT NULL CHECK (relation IN ('parent', 'self')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (child_id, account_id)
) STRICT;

CREATE INDEX child_guardians_account_id ON child_guardians (account_id);

CREATE TABLE duplicate_flags (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children (id),
    matched_child_id INTEGER NOT NULL REFERENCES children (id),
    source TEXT NOT NULL CHECK (source IN ('registration', 'correction', 'import', 'scan')),
    -- Why the pair looks alike, e.g. `OneDigitOff` for a birth date typed with one wrong digit.
    reason TEXT NOT NULL,
    resolved_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (child_id, matched_child_id)
) STRICT;

CREATE INDEX duplicate_flags_matched_child_id ON duplicate_flags (matched_child_id);
