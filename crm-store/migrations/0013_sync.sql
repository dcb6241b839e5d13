-- Version 13: sync with the dealership's server (crm_core::sync; crm-store/src/sync/).

-- The device's side of sync, one row. `device_id` is chosen once, here, and never changes:
-- with an outbox operation id it makes an upload idempotent. `checkpoint` is where the
-- downloads stand (crm_core::sync::Checkpoint). `user_*`, `role` and `team` are who the
-- server says the book's user is (NULL on a book that never synced). `applying` is 1 only
-- inside the transaction that applies a download or puts back a refused row, so that the
-- outbox triggers stay quiet for writes that came from the server.
CREATE TABLE sync_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    device_id   TEXT NOT NULL,
    checkpoint  INTEGER NOT NULL DEFAULT 0,
    applying    INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
    user_id     TEXT,
    user_name   TEXT,
    role        TEXT,
    team        TEXT
);
INSERT INTO sync_state (id, device_id) VALUES (1, lower(hex(randomblob(16))));

-- The upload queue (crm_core::sync::Change): one row per write to one synced row, appended
-- by triggers in the write's own transaction, so nothing reaches the book without its entry.
-- AUTOINCREMENT: an operation id is never reused, even after the queue was emptied.
-- `fields` is a JSON object (column → new value); `at` is Unix milliseconds.
CREATE TABLE sync_outbox (
    op_id         INTEGER PRIMARY KEY AUTOINCREMENT,
    entity        TEXT NOT NULL,
    row_id        TEXT NOT NULL,
    op            TEXT NOT NULL CHECK (op IN ('put', 'delete')),
    fields        TEXT NOT NULL DEFAULT '{}',
    base_version  INTEGER,
    at            INTEGER NOT NULL
);
-- The rows with changes not yet acknowledged: a download keeps their local values.
CREATE INDEX sync_outbox_by_row ON sync_outbox (entity, row_id);

-- Changes the server refused (crm_core::sync::Rejection), kept for the app to show until
-- it dismisses them.
CREATE TABLE sync_rejections (
    op_id    INTEGER PRIMARY KEY,
    entity   TEXT NOT NULL,
    row_id   TEXT NOT NULL,
    reason   TEXT NOT NULL,
    at       INTEGER NOT NULL
);

-- Append-only records get an id unique across devices (their `seq` is only this book's):
-- given at insert, kept by the server, used to recognise a record a download brings again.
ALTER TABLE timeline ADD COLUMN uid TEXT;
ALTER TABLE stage_moves ADD COLUMN uid TEXT;
ALTER TABLE intent_level_changes ADD COLUMN uid TEXT;
ALTER TABLE odometer_readings ADD COLUMN uid TEXT;
UPDATE timeline SET uid = lower(hex(randomblob(16)));
UPDATE stage_moves SET uid = lower(hex(randomblob(16)));
UPDATE intent_level_changes SET uid = lower(hex(randomblob(16)));
UPDATE odometer_readings SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX timeline_uid ON timeline (uid);
CREATE UNIQUE INDEX stage_moves_uid ON stage_moves (uid);
CREATE UNIQUE INDEX intent_level_changes_uid ON intent_level_changes (uid);
CREATE UNIQUE INDEX odometer_readings_uid ON odometer_readings (uid);
