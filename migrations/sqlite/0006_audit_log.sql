-- Every operator's access to families' data and every change made by one: who, in which role,
-- what, whose data, when, from which address. Rows are only ever added.
-- Never edit this file once applied; add a new migration instead.

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    actor_account_id INTEGER NOT NULL REFERENCES accounts (id),
    -- The role acted in, e.g. `institution_operator:12`.
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    -- Whose data: `application:5`, `child:7`, `account:3`, or a description of a list.
    subject TEXT NOT NULL,
    details TEXT,
    address TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_actor ON audit_log (actor_account_id, id);
CREATE INDEX audit_log_created_at ON audit_log (created_at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
