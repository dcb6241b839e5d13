-- Version 14: who did what (crm_core::audit; crm-store/src/audit/).

-- Every timeline entry says who made the change and on which device: `author` is the
-- book's user as the server names them once the book has synced, else the operation's
-- actor; `device` is sync_state.device_id. Entries recorded before this version have
-- neither (NULL). Both are synced columns (crm-store/src/sync/columns.rs): the timeline's
-- outbox triggers are made again with them.
ALTER TABLE timeline ADD COLUMN author TEXT;
ALTER TABLE timeline ADD COLUMN device TEXT;

DROP TRIGGER sync_outbox_timeline_insert;
DROP TRIGGER sync_outbox_timeline_update;

CREATE TRIGGER sync_outbox_timeline_insert AFTER INSERT ON timeline
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    UPDATE timeline SET uid = lower(hex(randomblob(16))) WHERE seq = NEW.seq AND uid IS NULL;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'timeline', uid, 'put',
        json_object(
        'customer_id', customer_id, 'at', at, 'actor', actor, 'code', code,
        'entry', entry, 'uid', uid, 'author', author, 'device', device),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM timeline WHERE seq = NEW.seq;
END;

CREATE TRIGGER sync_outbox_timeline_update
    AFTER UPDATE OF customer_id, at, actor, code, entry, uid, author, device
    ON timeline
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.uid IS NOT NULL
        AND (OLD.customer_id IS NOT NEW.customer_id OR OLD.at IS NOT NEW.at
        OR OLD.actor IS NOT NEW.actor OR OLD.code IS NOT NEW.code
        OR OLD.entry IS NOT NEW.entry OR OLD.uid IS NOT NEW.uid
        OR OLD.author IS NOT NEW.author OR OLD.device IS NOT NEW.device)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('timeline', NEW.uid, 'put',
        json_remove(json_object(
            'customer_id', NEW.customer_id, 'at', NEW.at, 'actor', NEW.actor,
            'code', NEW.code, 'entry', NEW.entry, 'uid', NEW.uid,
            'author', NEW.author, 'device', NEW.device),
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.at IS NEW.at THEN '$.at' ELSE '$.-' END,
            CASE WHEN OLD.actor IS NEW.actor THEN '$.actor' ELSE '$.-' END,
            CASE WHEN OLD.code IS NEW.code THEN '$.code' ELSE '$.-' END,
            CASE WHEN OLD.entry IS NEW.entry THEN '$.entry' ELSE '$.-' END,
            CASE WHEN OLD.uid IS NEW.uid THEN '$.uid' ELSE '$.-' END,
            CASE WHEN OLD.author IS NEW.author THEN '$.author' ELSE '$.-' END,
            CASE WHEN OLD.device IS NEW.device THEN '$.device' ELSE '$.-' END),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

-- The deletions log (crm_core::audit::Deletion): a record that left the book (a customer
-- deleted, merged into another, or erased), who made it leave, on which device, when. No
-- foreign key: it outlives what it names. No personal data: no name, phone or note. Local
-- to the book: the server keeps its own record of every delete it accepts (a tombstone
-- stamped with the user and the device), which is what a manager's view of the team reads.
CREATE TABLE deletions (
    seq          INTEGER PRIMARY KEY,
    -- crm_core::audit::DeletedEntity code.
    entity       TEXT NOT NULL,
    id           TEXT NOT NULL,
    -- crm_core::audit::DeletionKind code.
    kind         TEXT NOT NULL CHECK (kind IN ('deleted', 'merged', 'erased')),
    merged_into  TEXT,
    author       TEXT,
    device       TEXT NOT NULL,
    at           INTEGER NOT NULL
);

-- The log, newest first, keyset-paged by (at, seq).
CREATE INDEX deletions_by_at ON deletions (at, seq);
