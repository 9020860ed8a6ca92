-- An operator finds a family by the parent's name as well as by the phone: the parent's surname
-- and name normalised as children's names are (SPEC §5), indexed. Accounts registered before
-- this column are filled in by the server at start-up.
-- Never edit this file once applied; add a new migration instead.

ALTER TABLE accounts ADD COLUMN name_key TEXT;
CREATE INDEX accounts_name_key ON accounts (name_key);
