-- The duplicate check reads every child of a birth date and sex with its keys (about 80 in a
-- register of a million). An index that carries the keys answers from the index alone (an
-- index-only scan once autovacuum has marked the pages visible) instead of from 80 table pages.
-- Never edit this file once applied; add a new migration instead.

DROP INDEX children_birth_date_sex;
CREATE INDEX children_birth_date_sex
    ON children (birth_date, sex) INCLUDE (id, exact_key, snils, certificate_key) WHERE retired_at IS NULL;
