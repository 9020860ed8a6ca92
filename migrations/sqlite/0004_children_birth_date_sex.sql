-- The duplicate check looks candidates up by birth date and sex (children of another sex are never
-- probable duplicates), so the birth-date index carries the sex and the lookup reads only them.
-- Never edit this file once applied; add a new migration instead.

DROP INDEX children_birth_date;
CREATE INDEX children_birth_date_sex ON children (birth_date, sex) WHERE retired_at IS NULL;
