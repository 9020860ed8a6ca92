-- The duplicate check's two name branches (the surname, or the name with the surname's initial,
-- under every typo variant of the birth date) searched two indexes for the same two names: each
-- name under some thirty dates in each index, about 124 descents per check. Here both names of
-- every child that is not retired sit in one table ordered by (name, birth date, sex), so that one
-- search for each name under each date finds a child by its surname and by its first name at
-- once: half the descents. Triggers keep the table equal to `children` on every write, whichever
-- code path writes; it holds what the check reads, so it is the check's covering index, and
-- WITHOUT ROWID makes it that index alone.
-- Never edit this file once applied; add a new migration instead.

CREATE TABLE child_name_tokens (
    -- The normalised surname (`is_surname` = 1) or first name of the child.
    token TEXT NOT NULL,
    birth_date DATE NOT NULL,
    sex TEXT NOT NULL,
    is_surname INTEGER NOT NULL,
    child_id INTEGER NOT NULL,
    exact_key TEXT NOT NULL,
    snils TEXT,
    certificate_key TEXT,
    PRIMARY KEY (token, birth_date, sex, child_id, is_surname)
) WITHOUT ROWID;

INSERT INTO child_name_tokens
    SELECT surname_norm, birth_date, sex, 1, id, exact_key, snils, certificate_key
    FROM children WHERE retired_at IS NULL;
INSERT INTO child_name_tokens
    SELECT given_name_norm, birth_date, sex, 0, id, exact_key, snils, certificate_key
    FROM children WHERE retired_at IS NULL;

CREATE TRIGGER child_name_tokens_insert AFTER INSERT ON children WHEN NEW.retired_at IS NULL
BEGIN
    INSERT INTO child_name_tokens VALUES
        (NEW.surname_norm, NEW.birth_date, NEW.sex, 1, NEW.id, NEW.exact_key, NEW.snils, NEW.certificate_key),
        (NEW.given_name_norm, NEW.birth_date, NEW.sex, 0, NEW.id, NEW.exact_key, NEW.snils, NEW.certificate_key);
END;

-- A correction or a retirement: the old rows go (found by their key), the new ones come unless the
-- child is retired.
CREATE TRIGGER child_name_tokens_update AFTER UPDATE OF
    surname_norm, given_name_norm, birth_date, sex, exact_key, snils, certificate_key, retired_at
    ON children
BEGIN
    DELETE FROM child_name_tokens
        WHERE token IN (OLD.surname_norm, OLD.given_name_norm) AND birth_date = OLD.birth_date
        AND sex = OLD.sex AND child_id = OLD.id;
    INSERT INTO child_name_tokens
        SELECT NEW.surname_norm, NEW.birth_date, NEW.sex, 1, NEW.id, NEW.exact_key, NEW.snils, NEW.certificate_key
        WHERE NEW.retired_at IS NULL
        UNION ALL
        SELECT NEW.given_name_norm, NEW.birth_date, NEW.sex, 0, NEW.id, NEW.exact_key, NEW.snils, NEW.certificate_key
        WHERE NEW.retired_at IS NULL;
END;

CREATE TRIGGER child_name_tokens_delete AFTER DELETE ON children
BEGIN
    DELETE FROM child_name_tokens
        WHERE token IN (OLD.surname_norm, OLD.given_name_norm) AND birth_date = OLD.birth_date
        AND sex = OLD.sex AND child_id = OLD.id;
END;

-- Nothing else searched the two name indexes the table replaces.
DROP INDEX children_surname_birth_date;
DROP INDEX children_given_name_birth_date;
