-- Applications to study groups, their history, the dictionary of cancel reasons, the parents'
-- in-app notifications, and the roles that let an account act as an operator.
-- Never edit this file once applied; add a new migration instead.

-- A role beyond «родитель», which every account has. An institution operator is bound to one
-- organization, a МОЦ operator to one municipality.
CREATE TABLE account_roles (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    role TEXT NOT NULL
        CHECK (role IN ('institution_operator', 'moc_operator', 'regional_operator', 'admin')),
    organization_id INTEGER REFERENCES organizations (id),
    municipality_id INTEGER REFERENCES municipalities (id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((role = 'institution_operator') = (organization_id IS NOT NULL)),
    CHECK ((role = 'moc_operator') = (municipality_id IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX account_roles_unique
    ON account_roles (account_id, role, COALESCE(organization_id, 0), COALESCE(municipality_id, 0));

-- The role a session acts in; none is the parent's own cabinet.
ALTER TABLE sessions ADD COLUMN active_role_id INTEGER REFERENCES account_roles (id);

-- Standard reasons of a cancellation (REFERENCE.md). `message` is what the parent reads;
-- in the R6 message `{account}` stands for the confirmed account, masked.
CREATE TABLE cancel_reasons (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    message TEXT NOT NULL,
    -- «Иное»: the operator writes the reason.
    needs_comment INTEGER NOT NULL DEFAULT 0 CHECK (needs_comment IN (0, 1)),
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    sort_order INTEGER NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

INSERT INTO cancel_reasons (code, title, message, needs_comment, sort_order) VALUES
    ('duplicate_account', 'Подана с дублирующего аккаунта',
     'Данная заявка была подана с дублирующего аккаунта. Если обучение по программе актуально, просим подать заявку с аккаунта: {account}. Если доступа к указанному аккаунту нет, то обратитесь в тех. поддержку по номеру телефона 48-28-08 (вт, чт с 13.00 до 16.30)',
     0, 1),
    ('age', 'Возраст ребенка не соответствует программе',
     'Возраст ребенка не соответствует программе.', 0, 2),
    ('no_seats', 'Нет свободных мест в группе', 'Нет свободных мест в группе.', 0, 3),
    ('withdrawn', 'Заявка отозвана заявителем', 'Заявка отозвана заявителем.', 0, 4),
    ('no_documents', 'Не представлены документы для подтверждения данных ребенка',
     'Не представлены документы для подтверждения данных ребенка.', 0, 5),
    ('medical', 'Медицинские противопоказания', 'Медицинские противопоказания.', 0, 6),
    ('other', 'Иное', 'Иное.', 1, 7);

CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children (id),
    group_id INTEGER NOT NULL REFERENCES study_groups (id),
    program_id INTEGER NOT NULL REFERENCES programs (id),
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    -- The guardian who applied.
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    status TEXT NOT NULL
        CHECK (status IN ('new', 'confirmed', 'enrolled', 'expelled', 'cancelled', 'queued', 'offered')),
    -- The latest reason, as the parent reads it.
    reason TEXT,
    offer_expires_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'offered') = (offer_expires_at IS NOT NULL))
) STRICT;

-- One active application of a child to a program, whatever happens concurrently.
CREATE UNIQUE INDEX applications_one_active ON applications (child_id, program_id)
    WHERE status IN ('new', 'confirmed', 'enrolled', 'queued', 'offered');
-- The waiting list of a group in order, and the first in line.
CREATE INDEX applications_group_status ON applications (group_id, status, id);
CREATE INDEX applications_organization ON applications (organization_id, id);
CREATE INDEX applications_child ON applications (child_id, id);
CREATE INDEX applications_offer_expiry ON applications (offer_expires_at) WHERE status = 'offered';

-- Every change of an application: when, who, from what to what, why.
CREATE TABLE application_events (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor TEXT NOT NULL CHECK (actor IN ('parent', 'operator', 'system')),
    actor_account_id INTEGER REFERENCES accounts (id),
    reason TEXT,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX application_events_application_id ON application_events (application_id, id);

-- What the parent reads in the cabinet; every one also goes out by e-mail.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    application_id INTEGER REFERENCES applications (id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    read_at TEXT,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX notifications_account_id ON notifications (account_id, id);
CREATE INDEX notifications_unread ON notifications (account_id) WHERE read_at IS NULL;
