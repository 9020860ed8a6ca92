-- The catalogue: where programs are run (municipalities, city districts, organizations), the programs
-- themselves, their study groups, and the search terms of every program.
-- Never edit this file once applied; add a new migration instead.

CREATE TABLE municipalities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('urban_district', 'municipal_district')),
    sort_order INTEGER NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE districts (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (municipality_id, name)
) STRICT;

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    district_id INTEGER REFERENCES districts (id),
    kind TEXT NOT NULL CHECK (kind IN ('school', 'kindergarten', 'udo')),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT,
    website TEXT,
    opening_hours TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (municipality_id, name)
) STRICT;

CREATE INDEX organizations_district_id ON organizations (district_id);
CREATE INDEX organizations_short_name ON organizations (short_name);

CREATE TABLE programs (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    title TEXT NOT NULL,
    direction TEXT NOT NULL
        CHECK (direction IN ('technical', 'science', 'sport', 'art', 'tourism', 'social')),
    level TEXT NOT NULL CHECK (level IN ('starting', 'basic', 'advanced')),
    age_min INTEGER NOT NULL,
    age_max INTEGER NOT NULL,
    is_free INTEGER NOT NULL CHECK (is_free IN (0, 1)),
    price_rub INTEGER,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (organization_id, title),
    CHECK (age_min >= 0 AND age_min <= age_max AND age_max <= 18),
    CHECK ((is_free = 1 AND price_rub IS NULL) OR (is_free = 0 AND price_rub > 0))
) STRICT;

-- The catalogue lists programs by title; each filter has an index that leads to it.
CREATE INDEX programs_title ON programs (title, id);
CREATE INDEX programs_direction_title ON programs (direction, title, id);

-- One row per distinct normalised word of a program; prefix search is a range scan of the key.
CREATE TABLE program_terms (
    term TEXT NOT NULL,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (term, program_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX program_terms_program_id ON program_terms (program_id);

-- `occupied` counts enrolled children and open seat offers; the CHECK makes capacity hard.
CREATE TABLE study_groups (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id),
    name TEXT NOT NULL,
    schedule TEXT NOT NULL,
    teacher TEXT NOT NULL,
    age_min INTEGER NOT NULL,
    age_max INTEGER NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    occupied INTEGER NOT NULL DEFAULT 0,
    starts_on TEXT NOT NULL,
    enrolment_opens TEXT NOT NULL,
    enrolment_closes TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (program_id, name),
    CHECK (occupied >= 0 AND occupied <= capacity),
    CHECK (age_min >= 0 AND age_min <= age_max AND age_max <= 18),
    CHECK (enrolment_opens <= enrolment_closes)
) STRICT;

CREATE INDEX study_groups_program_id ON study_groups (program_id, occupied, capacity);
