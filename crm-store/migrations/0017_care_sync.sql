-- Version 17: care tasks' status changes travel between devices. A care schedule stays the
-- device's plan, made by care runs from synced facts and never queued; what a person did
-- to a task (done with an outcome, skipped with a reason, snoozed to a date) is a move,
-- an append-only synced record, and each device's schedules show the status the task's
-- moves settle on (crm_core::settled_status: replayed by time then uid, the first done or
-- skipped wins), so a task done on one phone is done on the owner's other phones and on
-- a new owner's after a transfer.

-- Care task moves: one row per status change of a care task.
CREATE TABLE care_task_moves (
    -- A compact key local to this book.
    seq          INTEGER PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- The task (crm_core::CareTaskKey).
    task_key     TEXT NOT NULL,
    -- The status it moved to: JSON crm_core::CareTaskStatus.
    status       TEXT NOT NULL,
    -- When (UTC milliseconds, the device's clock).
    at           INTEGER NOT NULL,
    -- Unique across devices (given by the insert trigger when missing).
    uid          TEXT
);
CREATE UNIQUE INDEX care_task_moves_uid ON care_task_moves (uid);
-- A customer's moves, read when their schedule is written.
CREATE INDEX care_task_moves_by_customer ON care_task_moves (customer_id, task_key);

CREATE TRIGGER sync_outbox_care_task_moves_insert AFTER INSERT ON care_task_moves
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    UPDATE care_task_moves SET uid = lower(hex(randomblob(16))) WHERE seq = NEW.seq AND uid IS NULL;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'care_task_moves', uid, 'put',
        json_object(
        'customer_id', customer_id, 'task_key', task_key, 'status', status, 'at', at,
        'uid', uid),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM care_task_moves WHERE seq = NEW.seq
        AND (SELECT queueing FROM sync_state) = 1;
END;

CREATE TRIGGER sync_outbox_care_task_moves_update
    AFTER UPDATE OF customer_id, task_key, status, at, uid
    ON care_task_moves
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.uid IS NOT NULL
        AND (OLD.customer_id IS NOT NEW.customer_id OR OLD.task_key IS NOT NEW.task_key
        OR OLD.status IS NOT NEW.status OR OLD.at IS NOT NEW.at OR OLD.uid IS NOT NEW.uid)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('care_task_moves', NEW.uid, 'put',
        json_remove(json_object(
            'customer_id', NEW.customer_id, 'task_key', NEW.task_key, 'status', NEW.status,
            'at', NEW.at, 'uid', NEW.uid),
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.task_key IS NEW.task_key THEN '$.task_key' ELSE '$.-' END,
            CASE WHEN OLD.status IS NEW.status THEN '$.status' ELSE '$.-' END,
            CASE WHEN OLD.at IS NEW.at THEN '$.at' ELSE '$.-' END,
            CASE WHEN OLD.uid IS NEW.uid THEN '$.uid' ELSE '$.-' END),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_care_task_moves_delete AFTER DELETE ON care_task_moves
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('care_task_moves', OLD.uid, 'delete', '{}', NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

-- The loser told: when the same field of a record is changed on two devices at once, the
-- server keeps the later accepted change, and the device whose change it replaced learns
-- it as a notice among its rejections (kind 'overwritten'; a refused change is 'refused').
ALTER TABLE sync_rejections ADD COLUMN kind TEXT NOT NULL DEFAULT 'refused';

-- This device's last accepted change of each versioned record (lost_writes.rs): the fields
-- it wrote, the record's new version among them, until a download shows the record at a
-- later version (a write that saw this one) or shows another value at the same version
-- (a concurrent write the server kept instead: a notice).
CREATE TABLE sync_accepted (
    entity  TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    op_id   INTEGER NOT NULL,
    fields  TEXT NOT NULL,
    PRIMARY KEY (entity, row_id)
) WITHOUT ROWID;

-- The deletions log goes to the server at sync, for the team's managers: the last entry
-- (deletions.seq) the server has received.
ALTER TABLE sync_state ADD COLUMN deletions_sent INTEGER NOT NULL DEFAULT 0;
