-- Version 9: care tasks in a rowid table (rows appended in the order a run writes them)
-- whose stable key is found by a 63-bit hash of it (key_id, UNIQUE), so that the indexes
-- carry 8-byte integers instead of the key's text and a care run compares and inserts by
-- integer. The text key stays a column. Narrow rows, since a year's run writes hundreds of
-- thousands: dates as day numbers (days since 1970-01-01), the detail's JSON without the
-- kind (a column already) and NULL when nothing else is left, one write instant. Rows are
-- copied with provisional negative key ids; the upgrade's backfill gives each its hash
-- (see care_store.rs).

ALTER TABLE care_tasks RENAME TO care_tasks_v8;
DROP INDEX care_tasks_open_by_owner;
DROP INDEX care_tasks_by_customer;
DROP INDEX care_tasks_by_due;

-- Care tasks (关怀任务).
CREATE TABLE care_tasks (
    id             INTEGER PRIMARY KEY,
    -- The key's 63-bit hash (SipHash-1-3, non-negative). A key whose hash another key
    -- already holds gets a negative number instead, and is found by its text
    -- (care_tasks_by_colliding_key).
    key_id         INTEGER NOT NULL,
    -- The stable key (crm_core::CareTaskKey).
    key            TEXT NOT NULL,
    customer_id    TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- The car, for tasks about one car; no foreign key: a car goes with its customer.
    car_id         TEXT,
    -- The customer's owner, copied so a consultant's open tasks are one index range; kept
    -- in step when the customer's owner changes.
    owner          TEXT,
    kind           TEXT NOT NULL,
    -- Dates as day numbers: days since 1970-01-01.
    due_on         INTEGER NOT NULL,
    event_on       INTEGER NOT NULL,
    channel        TEXT NOT NULL,
    assignee       TEXT NOT NULL,
    template_key   TEXT NOT NULL,
    needs_consent  INTEGER NOT NULL,
    -- JSON of crm_core::CareDetail less its "kind" (the column above); NULL when no more.
    detail         TEXT,
    -- A hash of the task as generated (key included): a re-run compares it instead of
    -- every column.
    fingerprint    INTEGER NOT NULL,
    -- crm_core::CareTaskStatusKind code; closed_at with outcome (done) or skip_reason
    -- (skipped); snoozed_until (snoozed).
    status         TEXT NOT NULL,
    closed_at      INTEGER,
    outcome        TEXT,
    skip_reason    TEXT,
    snoozed_until  INTEGER,
    -- The date the task belongs in the agenda: the snooze date, else due_on.
    agenda_on      INTEGER NOT NULL,
    -- When a run or a status change last wrote the row.
    updated_at     INTEGER NOT NULL
);

-- julianday() of 1970-01-01 is 2440587.5: a date's day number is exact.
INSERT INTO care_tasks (key_id, key, customer_id, car_id, owner, kind, due_on, event_on, channel,
        assignee, template_key, needs_consent, detail, fingerprint, status, closed_at, outcome,
        skip_reason, snoozed_until, agenda_on, updated_at)
    SELECT -ROW_NUMBER() OVER (ORDER BY key), key, customer_id, car_id, owner, kind,
        CAST(julianday(due_on) - 2440587.5 AS INTEGER),
        CAST(julianday(event_on) - 2440587.5 AS INTEGER), channel, assignee, template_key,
        needs_consent, nullif(json_remove(detail, '$.kind'), '{}'), fingerprint, status,
        closed_at, outcome, skip_reason, CAST(julianday(snoozed_until) - 2440587.5 AS INTEGER),
        CAST(julianday(agenda_on) - 2440587.5 AS INTEGER), updated_at
    FROM care_tasks_v8;
DROP TABLE care_tasks_v8;

-- Tasks by their key's hash: how a key is found.
CREATE UNIQUE INDEX care_tasks_by_key_id ON care_tasks (key_id);
-- The keys that could not have their hash (another key holds it): found by text.
CREATE INDEX care_tasks_by_colliding_key ON care_tasks (key) WHERE key_id < 0;
-- A consultant's open and snoozed tasks by agenda date: the agenda.
CREATE INDEX care_tasks_open_by_owner ON care_tasks (owner, agenda_on)
    WHERE status IN ('open', 'snoozed');
-- A customer's tasks (and the foreign key's cascade).
CREATE INDEX care_tasks_by_customer ON care_tasks (customer_id, due_on);
-- Tasks by due date, covering what a re-run compares.
CREATE INDEX care_tasks_by_due ON care_tasks (due_on, key_id, status, fingerprint);
