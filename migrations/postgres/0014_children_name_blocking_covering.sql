-- The duplicate check's two name branches (the surname, or the name with the surname's initial,
-- under every typo variant of the birth date) probe about eighty (name, date) pairs each. Indexes
-- that carry sex and the keys answer those probes from the index alone (an index-only scan once
-- autovacuum has marked the pages visible): without them each entry found cost a heap fetch just
-- to learn the sex and the surname's initial. The surname's initial is the first character of
-- `exact_key`.
-- Never edit this file once applied; add a new migration instead.

DROP INDEX children_surname_birth_date;
CREATE INDEX children_surname_birth_date
    ON children (surname_norm, birth_date, sex) INCLUDE (id, exact_key, snils, certificate_key)
    WHERE retired_at IS NULL;

DROP INDEX children_given_name_birth_date;
CREATE INDEX children_given_name_birth_date
    ON children (given_name_norm, birth_date, sex) INCLUDE (id, exact_key, snils, certificate_key)
    WHERE retired_at IS NULL;
