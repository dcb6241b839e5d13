-- Version 5: following up (跟进): follow-ups and their attachments, plans, the customer's
-- timeline, dealership settings, the reminder change log; intent levels and first contact.

-- The intent level's code (crm_core::IntentLevel): 'n' until the consultant grades.
ALTER TABLE customers ADD COLUMN intent_level TEXT NOT NULL DEFAULT 'n';
-- The earliest follow-up's time (UTC ms); with created_at, the time to first contact.
-- Kept equal to min(follow_ups.at), as last_contact_at is kept equal to max(follow_ups.at).
ALTER TABLE customers ADD COLUMN first_contacted_at INTEGER;

-- The agenda's cadence query: a consultant's active customers of one level whose last touch
-- (the later of the profile's first contact and the newest follow-up; 0 when never
-- contacted) lies before a bound. The expression is repeated verbatim in agenda_store.rs.
CREATE INDEX customers_cadence ON customers
    (owner, intent_level, max(coalesce(first_contact_at, 0), coalesce(last_contact_at, 0)))
    WHERE archived_at IS NULL;

CREATE TABLE follow_ups (
    id           TEXT PRIMARY KEY NOT NULL,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    method       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    at           INTEGER NOT NULL,
    content      TEXT NOT NULL,
    feedback     TEXT,
    problems     TEXT,
    questions    TEXT,
    consultant   TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL
);

-- A customer's follow-ups by time (their list; min/max for the contact columns).
CREATE INDEX follow_ups_by_customer ON follow_ups (customer_id, at, id);

CREATE TABLE follow_up_attachments (
    follow_up_id  TEXT NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    file_name     TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    uri           TEXT NOT NULL,
    PRIMARY KEY (follow_up_id, position)
) WITHOUT ROWID;

CREATE TABLE plans (
    id                 TEXT PRIMARY KEY NOT NULL,
    customer_id        TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- The customer's owner, copied so a consultant's plans are one index range; kept in
    -- step when the customer's owner changes.
    owner              TEXT,
    -- crm_core::PlanTime: 'at' with time_at (UTC ms), or 'on_date' with time_date.
    time_kind          TEXT NOT NULL,
    time_at            INTEGER,
    time_date          TEXT,
    -- PlanTime::due_start in the dealership's zone (UTC ms); recomputed when the zone changes.
    due_start_ms       INTEGER NOT NULL,
    method             TEXT NOT NULL,
    purpose            TEXT NOT NULL,
    content            TEXT,
    -- crm_core::PlanStatusKind code; closed_at, done_follow_up_id, cancel_reason as it says.
    status             TEXT NOT NULL,
    closed_at          INTEGER,
    done_follow_up_id  TEXT,
    cancel_reason      TEXT,
    revision           INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);

-- At most one pending plan per customer.
CREATE UNIQUE INDEX plans_one_pending ON plans (customer_id)
    WHERE status IN ('open', 'rescheduled');
-- A customer's plans (and the foreign key's cascade).
CREATE INDEX plans_by_customer ON plans (customer_id, created_at);
-- A consultant's plans by status and due start: the agenda.
CREATE INDEX plans_by_owner_due ON plans (owner, status, due_start_ms);
-- Pending plans by due start: the reminders of a window.
CREATE INDEX plans_pending_by_due ON plans (due_start_ms)
    WHERE status IN ('open', 'rescheduled');

CREATE TABLE timeline (
    seq          INTEGER PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at           INTEGER NOT NULL,
    actor        TEXT,
    -- crm_core::TimelineEntry::code, to filter by kind without parsing the JSON.
    code         TEXT NOT NULL,
    -- JSON of crm_core::TimelineEntry.
    entry        TEXT NOT NULL
);

-- A customer's timeline, newest first, keyset-paged by (at, seq).
CREATE INDEX timeline_by_customer ON timeline (customer_id, at, seq);

-- Dealership settings, one JSON value per key (time_zone, cadence, reminders, store).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- Every reminder added or cancelled, in order: the sync token is the last seq seen.
-- change: 'added' | 'cancelled' (reminder_id set), or 'reset' (every reminder's time may
-- have moved: the zone or the reminder settings changed).
CREATE TABLE reminder_changes (
    seq          INTEGER PRIMARY KEY,
    reminder_id  TEXT,
    change       TEXT NOT NULL
);

-- The user's own message templates (the starter set lives in crm-core).
CREATE TABLE templates (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    language    TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
