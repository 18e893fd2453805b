-- Otklik schema, SQLite flavour. Keep it in step with migrations/postgres: both backends run
-- the same SQL text, so tables, columns and their meaning must match one to one.
-- Instants are unix seconds (BIGINT); JSON is TEXT; ids are 64-bit integers.

-- Directory (SPEC §1, §10). `managed` marks rows that come from the configuration file, so
-- only those are deactivated when the file no longer lists them.
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    deputy_id INTEGER NULL REFERENCES people (id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    managed BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    telegram_id BIGINT NULL UNIQUE,
    unit_id INTEGER NULL REFERENCES units (id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    language TEXT NULL,
    unreachable BOOLEAN NOT NULL DEFAULT FALSE,
    managed BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX people_by_unit ON people (unit_id);

CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people (id),
    role TEXT NOT NULL,
    PRIMARY KEY (person_id, role)
);
CREATE INDEX person_roles_by_role ON person_roles (role, person_id);

CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    managed BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE locations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    managed BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE importance_levels (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    managed BOOLEAN NOT NULL DEFAULT FALSE
);

-- Case numbers are taken from here inside the registering transaction: sequential, and never
-- handed out twice.
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('case_number', 0);

-- Cases. The history (case_events) is the truth; the columns here are derived from it in the
-- same transaction, for lookups, lists and reports.
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    number BIGINT NOT NULL UNIQUE,
    link TEXT NOT NULL UNIQUE,
    network TEXT NOT NULL,
    topic TEXT NOT NULL,
    location TEXT NOT NULL,
    importance TEXT NOT NULL,
    repeat_of INTEGER NULL REFERENCES cases (id),
    state TEXT NOT NULL,
    registered_at BIGINT NOT NULL,
    registered_by INTEGER NULL REFERENCES people (id),
    closed_at BIGINT NULL,
    responsible_unit INTEGER NULL REFERENCES units (id),
    holder_id INTEGER NULL REFERENCES people (id),
    next_due_at BIGINT NULL,
    version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX cases_open_by_unit ON cases (responsible_unit, state) WHERE closed_at IS NULL;
CREATE INDEX cases_open_by_state ON cases (state) WHERE closed_at IS NULL;
CREATE INDEX cases_open_by_holder ON cases (holder_id) WHERE closed_at IS NULL;
CREATE INDEX cases_open_by_due ON cases (next_due_at) WHERE closed_at IS NULL;
CREATE INDEX cases_open_by_registered ON cases (registered_at) WHERE closed_at IS NULL;
CREATE INDEX cases_by_registered ON cases (registered_at);
CREATE INDEX cases_by_closed ON cases (closed_at, registered_at);

-- Units working on a case now (responsible and co-executors), derived from the history.
CREATE TABLE case_units (
    case_id INTEGER NOT NULL REFERENCES cases (id),
    unit_id INTEGER NOT NULL REFERENCES units (id),
    responsible BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX case_units_by_unit ON case_units (unit_id, case_id);

-- The append-only history: rows are never updated nor deleted.
CREATE TABLE case_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at BIGINT NOT NULL,
    actor_id INTEGER NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;

CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;

-- Open deadlines that remind or escalate, with what the scheduler has already done for each.
-- `next_fire_at` is the next moment the scheduler must act (NULL when nothing is left).
CREATE TABLE case_deadlines (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    party TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    remind_at BIGINT NULL,
    remind_done BOOLEAN NOT NULL DEFAULT FALSE,
    breach_done BOOLEAN NOT NULL DEFAULT FALSE,
    next_fire_at BIGINT NULL,
    UNIQUE (case_id, kind, party, due_at)
);
CREATE INDEX case_deadlines_by_fire ON case_deadlines (next_fire_at) WHERE next_fire_at IS NOT NULL;

-- Notifications committed together with the change that caused them, sent by the delivery loop.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient_id INTEGER NOT NULL REFERENCES people (id),
    chat_id BIGINT NOT NULL,
    case_id INTEGER NULL REFERENCES cases (id),
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    not_before BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'pending',
    sent_at BIGINT NULL,
    last_error TEXT NULL,
    claimed_until BIGINT NULL,
    claimed_by TEXT NULL
);
CREATE INDEX outbox_pending ON outbox (status, not_before, id);
CREATE INDEX outbox_pending_by_chat ON outbox (chat_id, id) WHERE status = 'pending';

CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    role TEXT NULL,
    unit_id INTEGER NULL REFERENCES units (id),
    person_id INTEGER NULL REFERENCES people (id),
    created_by INTEGER NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT NULL,
    used_by INTEGER NULL REFERENCES people (id)
);

-- Telegram update ids already handled, so a redelivered update changes nothing.
CREATE TABLE processed_updates (
    update_id BIGINT PRIMARY KEY,
    at BIGINT NOT NULL
);
CREATE INDEX processed_updates_by_at ON processed_updates (at);

-- Chat wizards' state, one per chat.
CREATE TABLE dialogs (
    chat_id BIGINT PRIMARY KEY,
    payload TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Small facts: leases for the leader and the poller, "report sent for month" markers.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
