-- The operators' review of probable duplicates (R6). A flag is resolved «не дубль» (the pair is
-- never flagged again) or «дубль»: the duplicate record is retired, not deleted, and its active
-- applications are cancelled with the R6 message kept on it. Only an operator whose role carries
-- the permission resolves.
-- Never edit this file once applied; add a new migration instead.

ALTER TABLE duplicate_flags ADD COLUMN resolution TEXT
    CHECK (resolution IN ('not_duplicate', 'duplicate'));
ALTER TABLE duplicate_flags ADD COLUMN resolved_by_account_id BIGINT REFERENCES accounts (id);
ALTER TABLE duplicate_flags ADD COLUMN resolution_reason TEXT;
-- For «дубль»: the record that stays.
ALTER TABLE duplicate_flags ADD COLUMN kept_child_id BIGINT REFERENCES children (id);

CREATE INDEX duplicate_flags_open ON duplicate_flags (id) WHERE resolved_at IS NULL;

-- A retired child points at the record that stays; its applications are cancelled with this text.
ALTER TABLE children ADD COLUMN duplicate_of_child_id BIGINT REFERENCES children (id);
ALTER TABLE children ADD COLUMN retired_message TEXT;

ALTER TABLE account_roles ADD COLUMN resolves_duplicates BOOLEAN NOT NULL DEFAULT FALSE;
