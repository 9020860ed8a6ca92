-- Institutions keep their own programs and groups; МОЦ of the municipality moderates what parents
-- see (issue 23). A program row holds what parents read (or, before its first publication, the
-- version sent to МОЦ); a change waits in `program_revisions` until МОЦ accepts it.
-- Never edit this file once applied; add a new migration instead.

-- Programs loaded before moderation existed were published by the municipality itself.
ALTER TABLE programs ADD COLUMN published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1));
ALTER TABLE programs ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
-- Where classes are held when not at the institution's own address.
ALTER TABLE programs ADD COLUMN address TEXT;
-- One teacher per line.
ALTER TABLE programs ADD COLUMN teachers TEXT NOT NULL DEFAULT '';

-- A closed group takes no applications and shows nowhere; its history stays.
ALTER TABLE study_groups ADD COLUMN closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1));

-- A version of a program sent to МОЦ: waiting, returned with a comment, accepted, or withdrawn
-- (the program archived while it waited). At most one is pending per program.
CREATE TABLE program_revisions (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id),
    state TEXT NOT NULL CHECK (state IN ('waiting', 'returned', 'accepted', 'withdrawn')),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    direction TEXT NOT NULL
        CHECK (direction IN ('technical', 'science', 'sport', 'art', 'tourism', 'social')),
    level TEXT NOT NULL CHECK (level IN ('starting', 'basic', 'advanced')),
    age_min INTEGER NOT NULL,
    age_max INTEGER NOT NULL,
    is_free INTEGER NOT NULL CHECK (is_free IN (0, 1)),
    price_rub INTEGER,
    address TEXT,
    teachers TEXT NOT NULL,
    comment TEXT,
    -- NULL: loaded by `kruzhok import programs`.
    submitted_by INTEGER REFERENCES accounts (id),
    submitted_at TEXT NOT NULL,
    decided_by INTEGER REFERENCES accounts (id),
    decided_at TEXT,
    CHECK (age_min >= 0 AND age_min <= age_max AND age_max <= 18),
    CHECK ((is_free = 1 AND price_rub IS NULL) OR (is_free = 0 AND price_rub > 0)),
    CHECK ((state = 'returned') = (comment IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX program_revisions_pending ON program_revisions (program_id)
    WHERE state IN ('waiting', 'returned');
-- МОЦ's queue, oldest first.
CREATE INDEX program_revisions_waiting ON program_revisions (state, id);
CREATE INDEX program_revisions_program ON program_revisions (program_id, id);
CREATE INDEX programs_organization ON programs (organization_id, id);
