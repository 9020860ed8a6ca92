-- The duplicate check's three branches (every child of the birth date and sex; the surname, or the
-- name with the surname's initial, under every typo variant of the birth date) read their indexes
-- alone once those hold every column the query names, `retired_at` included: the partial index's
-- condition does not count as covering it, so until now each entry found cost a table row read
-- (the name branches' eighty-odd probes, just to learn the sex and the surname's initial, which is
-- the first character of `exact_key`).
-- Never edit this file once applied; add a new migration instead.

DROP INDEX children_birth_date_sex;
CREATE INDEX children_birth_date_sex
    ON children (birth_date, sex, exact_key, snils, certificate_key, retired_at)
    WHERE retired_at IS NULL;

DROP INDEX children_surname_birth_date;
CREATE INDEX children_surname_birth_date
    ON children (surname_norm, birth_date, sex, exact_key, snils, certificate_key, retired_at)
    WHERE retired_at IS NULL;

DROP INDEX children_given_name_birth_date;
CREATE INDEX children_given_name_birth_date
    ON children (given_name_norm, birth_date, sex, exact_key, snils, certificate_key, retired_at)
    WHERE retired_at IS NULL;
