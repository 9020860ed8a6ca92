-- When a session was last used: a session of an account that holds a role (operator, МОЦ,
-- regional, administrator) ends after a configurable idle time (issue 19). Sessions from before
-- this migration count from their next use.
-- Never edit this file once applied; add a new migration instead.

ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
