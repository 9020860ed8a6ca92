-- The duplicate check's two name branches (the surname, or the name with the surname's initial,
-- under every typo variant of the birth date) searched two indexes for the same two names: each
-- name under some thirty dates in each index, about 124 index descents per check, each a few
-- microseconds. Here both names of every child that is not retired sit in one table whose key is
-- (name, birth date, sex), so that one descent for each name under each date finds a child by its
-- surname and by its first name at once: half the descents. A trigger keeps the table equal to
-- `children` on every write, whichever code path writes; its primary key carries what the check
-- reads, so the check is an index-only scan once autovacuum has marked the pages visible.
-- Never edit this file once applied; add a new migration instead.

CREATE TABLE child_name_tokens (
    -- The normalised surname (`is_surname`) or first name of the child.
    token TEXT NOT NULL,
    birth_date DATE NOT NULL,
    sex TEXT NOT NULL,
    is_surname BOOLEAN NOT NULL,
    child_id BIGINT NOT NULL,
    exact_key TEXT NOT NULL,
    snils TEXT,
    certificate_key TEXT,
    PRIMARY KEY (token, birth_date, sex, child_id, is_surname) INCLUDE (exact_key, snils, certificate_key)
);

INSERT INTO child_name_tokens
    SELECT surname_norm, birth_date, sex, true, id, exact_key, snils, certificate_key
    FROM children WHERE retired_at IS NULL
    UNION ALL
    SELECT given_name_norm, birth_date, sex, false, id, exact_key, snils, certificate_key
    FROM children WHERE retired_at IS NULL;

-- A correction or a retirement: the old rows go (found by their key), the new ones come unless the
-- child is retired.
CREATE FUNCTION child_name_tokens_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM child_name_tokens
            WHERE token IN (OLD.surname_norm, OLD.given_name_norm) AND birth_date = OLD.birth_date
            AND sex = OLD.sex AND child_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.retired_at IS NULL THEN
        INSERT INTO child_name_tokens VALUES
            (NEW.surname_norm, NEW.birth_date, NEW.sex, true, NEW.id, NEW.exact_key, NEW.snils, NEW.certificate_key),
            (NEW.given_name_norm, NEW.birth_date, NEW.sex, false, NEW.id, NEW.exact_key, NEW.snils, NEW.certificate_key);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER child_name_tokens_sync
    AFTER INSERT OR DELETE OR UPDATE OF
        surname_norm, given_name_norm, birth_date, sex, exact_key, snils, certificate_key, retired_at
    ON children
    FOR EACH ROW EXECUTE FUNCTION child_name_tokens_sync();

-- Nothing else searched the two name indexes the table replaces.
DROP INDEX children_surname_birth_date;
DROP INDEX children_given_name_birth_date;
