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

-- The outbox triggers: every write to a synced table appends its change to sync_outbox in
-- the write's own transaction (crm-store/src/sync/columns.rs lists the columns sent; the
-- others are local keys or derived on the device). Quiet while sync_state.applying = 1.
-- A record: a put of every synced column when inserted, of the synced columns whose value
-- changed when updated (none changed: no entry), with the old `version` as base version;
-- a delete. A list: the whole list after the write, in key order, as a put of
-- {"items": [...]} (emptied: a delete), replacing the list's earlier entries still queued.
-- An append-only record: given its `uid` when it has none, then as a record. The deletes
-- of a row whose parent row is being deleted are not queued: the parent's delete says it.
-- Care schedules are the device's plan, made by care runs from synced facts: not queued.

CREATE TRIGGER sync_outbox_customers_insert AFTER INSERT ON customers
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('customers', NEW.id, 'put',
        json_object(
        'id', NEW.id, 'name', NEW.name, 'gender', NEW.gender, 'birthday', NEW.birthday,
        'age_band', NEW.age_band, 'occupation', NEW.occupation, 'province', NEW.province,
        'city', NEW.city, 'district', NEW.district, 'notes', NEW.notes,
        'source_kind', NEW.source_kind, 'source_detail', NEW.source_detail,
        'source_referrer_id', NEW.source_referrer_id,
        'first_contact_at', NEW.first_contact_at,
        'first_contact_place', NEW.first_contact_place,
        'first_contact_scene', NEW.first_contact_scene,
        'first_contact_reaction', NEW.first_contact_reaction,
        'importance', NEW.importance, 'owner', NEW.owner, 'archived_at', NEW.archived_at,
        'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
        'version', NEW.version, 'intent_level', NEW.intent_level,
        'pipeline_stage', NEW.pipeline_stage, 'pipeline_status', NEW.pipeline_status,
        'pipeline_since', NEW.pipeline_since, 'lost_reason', NEW.lost_reason,
        'reached_contacted', NEW.reached_contacted,
        'reached_invited', NEW.reached_invited, 'reached_visited', NEW.reached_visited,
        'reached_test_driven', NEW.reached_test_driven,
        'reached_negotiating', NEW.reached_negotiating,
        'reached_ordered', NEW.reached_ordered,
        'reached_delivered', NEW.reached_delivered, 'ordered_at', NEW.ordered_at,
        'delivered_at', NEW.delivered_at, 'revenue_fen', NEW.revenue_fen,
        'wake_on', NEW.wake_on),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_customers_update
    AFTER UPDATE OF id, name, gender, birthday, age_band, occupation, province, city,
    district, notes, source_kind, source_detail, source_referrer_id, first_contact_at,
    first_contact_place, first_contact_scene, first_contact_reaction, importance, owner,
    archived_at, created_at, updated_at, version, intent_level, pipeline_stage,
    pipeline_status, pipeline_since, lost_reason, reached_contacted, reached_invited,
    reached_visited, reached_test_driven, reached_negotiating, reached_ordered,
    reached_delivered, ordered_at, delivered_at, revenue_fen, wake_on
    ON customers
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'customers', NEW.id, 'put', changed, OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'id', NEW.id, 'name', NEW.name, 'gender', NEW.gender,
                'birthday', NEW.birthday, 'age_band', NEW.age_band,
                'occupation', NEW.occupation, 'province', NEW.province, 'city', NEW.city,
                'district', NEW.district, 'notes', NEW.notes,
                'source_kind', NEW.source_kind, 'source_detail', NEW.source_detail,
                'source_referrer_id', NEW.source_referrer_id,
                'first_contact_at', NEW.first_contact_at,
                'first_contact_place', NEW.first_contact_place,
                'first_contact_scene', NEW.first_contact_scene,
                'first_contact_reaction', NEW.first_contact_reaction,
                'importance', NEW.importance, 'owner', NEW.owner,
                'archived_at', NEW.archived_at, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at, 'version', NEW.version,
                'intent_level', NEW.intent_level, 'pipeline_stage', NEW.pipeline_stage,
                'pipeline_status', NEW.pipeline_status,
                'pipeline_since', NEW.pipeline_since, 'lost_reason', NEW.lost_reason,
                'reached_contacted', NEW.reached_contacted,
                'reached_invited', NEW.reached_invited,
                'reached_visited', NEW.reached_visited,
                'reached_test_driven', NEW.reached_test_driven,
                'reached_negotiating', NEW.reached_negotiating,
                'reached_ordered', NEW.reached_ordered,
                'reached_delivered', NEW.reached_delivered, 'ordered_at', NEW.ordered_at,
                'delivered_at', NEW.delivered_at, 'revenue_fen', NEW.revenue_fen,
                'wake_on', NEW.wake_on)) AS n
        JOIN json_each(json_object(
                'id', OLD.id, 'name', OLD.name, 'gender', OLD.gender,
                'birthday', OLD.birthday, 'age_band', OLD.age_band,
                'occupation', OLD.occupation, 'province', OLD.province, 'city', OLD.city,
                'district', OLD.district, 'notes', OLD.notes,
                'source_kind', OLD.source_kind, 'source_detail', OLD.source_detail,
                'source_referrer_id', OLD.source_referrer_id,
                'first_contact_at', OLD.first_contact_at,
                'first_contact_place', OLD.first_contact_place,
                'first_contact_scene', OLD.first_contact_scene,
                'first_contact_reaction', OLD.first_contact_reaction,
                'importance', OLD.importance, 'owner', OLD.owner,
                'archived_at', OLD.archived_at, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at, 'version', OLD.version,
                'intent_level', OLD.intent_level, 'pipeline_stage', OLD.pipeline_stage,
                'pipeline_status', OLD.pipeline_status,
                'pipeline_since', OLD.pipeline_since, 'lost_reason', OLD.lost_reason,
                'reached_contacted', OLD.reached_contacted,
                'reached_invited', OLD.reached_invited,
                'reached_visited', OLD.reached_visited,
                'reached_test_driven', OLD.reached_test_driven,
                'reached_negotiating', OLD.reached_negotiating,
                'reached_ordered', OLD.reached_ordered,
                'reached_delivered', OLD.reached_delivered, 'ordered_at', OLD.ordered_at,
                'delivered_at', OLD.delivered_at, 'revenue_fen', OLD.revenue_fen,
                'wake_on', OLD.wake_on)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_customers_delete AFTER DELETE ON customers
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('customers', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_contacts_insert AFTER INSERT ON contacts
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'contacts' AND row_id = NEW.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'contacts', NEW.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'position', position, 'kind', kind,
                'value', value, 'label', label, 'is_primary', is_primary)
            ORDER BY position) AS items
        FROM contacts WHERE customer_id = NEW.customer_id);
END;

CREATE TRIGGER sync_outbox_contacts_update
    AFTER UPDATE OF customer_id, position, kind, value, label, is_primary
    ON contacts
    WHEN (SELECT applying FROM sync_state) = 0
        AND (OLD.customer_id IS NOT NEW.customer_id OR OLD.position IS NOT NEW.position
        OR OLD.kind IS NOT NEW.kind OR OLD.value IS NOT NEW.value
        OR OLD.label IS NOT NEW.label OR OLD.is_primary IS NOT NEW.is_primary)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'contacts' AND row_id = NEW.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'contacts', NEW.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'position', position, 'kind', kind,
                'value', value, 'label', label, 'is_primary', is_primary)
            ORDER BY position) AS items
        FROM contacts WHERE customer_id = NEW.customer_id);
END;

CREATE TRIGGER sync_outbox_contacts_moved
    AFTER UPDATE OF customer_id ON contacts
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.customer_id IS NOT NEW.customer_id
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'contacts' AND row_id = OLD.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'contacts', OLD.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'position', position, 'kind', kind,
                'value', value, 'label', label, 'is_primary', is_primary)
            ORDER BY position) AS items
        FROM contacts WHERE customer_id = OLD.customer_id);
END;

CREATE TRIGGER sync_outbox_contacts_delete AFTER DELETE ON contacts
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'contacts' AND row_id = OLD.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'contacts', OLD.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'position', position, 'kind', kind,
                'value', value, 'label', label, 'is_primary', is_primary)
            ORDER BY position) AS items
        FROM contacts WHERE customer_id = OLD.customer_id);
END;

CREATE TRIGGER sync_outbox_customer_tags_insert AFTER INSERT ON customer_tags
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'customer_tags' AND row_id = NEW.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'customer_tags', NEW.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'position', position, 'tag', tag)
            ORDER BY position) AS items
        FROM customer_tags WHERE customer_id = NEW.customer_id);
END;

CREATE TRIGGER sync_outbox_customer_tags_update
    AFTER UPDATE OF customer_id, position, tag
    ON customer_tags
    WHEN (SELECT applying FROM sync_state) = 0
        AND (OLD.customer_id IS NOT NEW.customer_id OR OLD.position IS NOT NEW.position
        OR OLD.tag IS NOT NEW.tag)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'customer_tags' AND row_id = NEW.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'customer_tags', NEW.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'position', position, 'tag', tag)
            ORDER BY position) AS items
        FROM customer_tags WHERE customer_id = NEW.customer_id);
END;

CREATE TRIGGER sync_outbox_customer_tags_moved
    AFTER UPDATE OF customer_id ON customer_tags
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.customer_id IS NOT NEW.customer_id
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'customer_tags' AND row_id = OLD.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'customer_tags', OLD.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'position', position, 'tag', tag)
            ORDER BY position) AS items
        FROM customer_tags WHERE customer_id = OLD.customer_id);
END;

CREATE TRIGGER sync_outbox_customer_tags_delete AFTER DELETE ON customer_tags
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'customer_tags' AND row_id = OLD.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'customer_tags', OLD.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'position', position, 'tag', tag)
            ORDER BY position) AS items
        FROM customer_tags WHERE customer_id = OLD.customer_id);
END;

CREATE TRIGGER sync_outbox_consents_insert AFTER INSERT ON consents
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'consents' AND row_id = NEW.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'consents', NEW.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'channel', channel, 'state', state, 'at', at,
                'source', source, 'note', note)
            ORDER BY channel) AS items
        FROM consents WHERE customer_id = NEW.customer_id);
END;

CREATE TRIGGER sync_outbox_consents_update
    AFTER UPDATE OF customer_id, channel, state, at, source, note
    ON consents
    WHEN (SELECT applying FROM sync_state) = 0
        AND (OLD.customer_id IS NOT NEW.customer_id OR OLD.channel IS NOT NEW.channel
        OR OLD.state IS NOT NEW.state OR OLD.at IS NOT NEW.at
        OR OLD.source IS NOT NEW.source OR OLD.note IS NOT NEW.note)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'consents' AND row_id = NEW.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'consents', NEW.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'channel', channel, 'state', state, 'at', at,
                'source', source, 'note', note)
            ORDER BY channel) AS items
        FROM consents WHERE customer_id = NEW.customer_id);
END;

CREATE TRIGGER sync_outbox_consents_moved
    AFTER UPDATE OF customer_id ON consents
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.customer_id IS NOT NEW.customer_id
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'consents' AND row_id = OLD.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'consents', OLD.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'channel', channel, 'state', state, 'at', at,
                'source', source, 'note', note)
            ORDER BY channel) AS items
        FROM consents WHERE customer_id = OLD.customer_id);
END;

CREATE TRIGGER sync_outbox_consents_delete AFTER DELETE ON consents
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'consents' AND row_id = OLD.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'consents', OLD.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'channel', channel, 'state', state, 'at', at,
                'source', source, 'note', note)
            ORDER BY channel) AS items
        FROM consents WHERE customer_id = OLD.customer_id);
END;

CREATE TRIGGER sync_outbox_follow_ups_insert AFTER INSERT ON follow_ups
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('follow_ups', NEW.id, 'put',
        json_object(
        'id', NEW.id, 'customer_id', NEW.customer_id, 'method', NEW.method,
        'kind', NEW.kind, 'at', NEW.at, 'content', NEW.content, 'feedback', NEW.feedback,
        'problems', NEW.problems, 'questions', NEW.questions,
        'consultant', NEW.consultant, 'created_at', NEW.created_at,
        'updated_at', NEW.updated_at, 'version', NEW.version),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_follow_ups_update
    AFTER UPDATE OF id, customer_id, method, kind, at, content, feedback, problems,
    questions, consultant, created_at, updated_at, version
    ON follow_ups
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'follow_ups', NEW.id, 'put', changed, OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'id', NEW.id, 'customer_id', NEW.customer_id, 'method', NEW.method,
                'kind', NEW.kind, 'at', NEW.at, 'content', NEW.content,
                'feedback', NEW.feedback, 'problems', NEW.problems,
                'questions', NEW.questions, 'consultant', NEW.consultant,
                'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
                'version', NEW.version)) AS n
        JOIN json_each(json_object(
                'id', OLD.id, 'customer_id', OLD.customer_id, 'method', OLD.method,
                'kind', OLD.kind, 'at', OLD.at, 'content', OLD.content,
                'feedback', OLD.feedback, 'problems', OLD.problems,
                'questions', OLD.questions, 'consultant', OLD.consultant,
                'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
                'version', OLD.version)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_follow_ups_delete AFTER DELETE ON follow_ups
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('follow_ups', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_follow_up_attachments_insert AFTER INSERT ON follow_up_attachments
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'follow_up_attachments' AND row_id = NEW.follow_up_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'follow_up_attachments', NEW.follow_up_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'follow_up_id', follow_up_id, 'position', position,
                'file_name', file_name, 'media_type', media_type,
                'size_bytes', size_bytes, 'sha256', sha256, 'uri', uri)
            ORDER BY position) AS items
        FROM follow_up_attachments WHERE follow_up_id = NEW.follow_up_id);
END;

CREATE TRIGGER sync_outbox_follow_up_attachments_update
    AFTER UPDATE OF follow_up_id, position, file_name, media_type, size_bytes, sha256, uri
    ON follow_up_attachments
    WHEN (SELECT applying FROM sync_state) = 0
        AND (OLD.follow_up_id IS NOT NEW.follow_up_id OR OLD.position IS NOT NEW.position
        OR OLD.file_name IS NOT NEW.file_name OR OLD.media_type IS NOT NEW.media_type
        OR OLD.size_bytes IS NOT NEW.size_bytes OR OLD.sha256 IS NOT NEW.sha256
        OR OLD.uri IS NOT NEW.uri)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'follow_up_attachments' AND row_id = NEW.follow_up_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'follow_up_attachments', NEW.follow_up_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'follow_up_id', follow_up_id, 'position', position,
                'file_name', file_name, 'media_type', media_type,
                'size_bytes', size_bytes, 'sha256', sha256, 'uri', uri)
            ORDER BY position) AS items
        FROM follow_up_attachments WHERE follow_up_id = NEW.follow_up_id);
END;

CREATE TRIGGER sync_outbox_follow_up_attachments_moved
    AFTER UPDATE OF follow_up_id ON follow_up_attachments
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.follow_up_id IS NOT NEW.follow_up_id
        AND EXISTS (SELECT 1 FROM follow_ups WHERE id = OLD.follow_up_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'follow_up_attachments' AND row_id = OLD.follow_up_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'follow_up_attachments', OLD.follow_up_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'follow_up_id', follow_up_id, 'position', position,
                'file_name', file_name, 'media_type', media_type,
                'size_bytes', size_bytes, 'sha256', sha256, 'uri', uri)
            ORDER BY position) AS items
        FROM follow_up_attachments WHERE follow_up_id = OLD.follow_up_id);
END;

CREATE TRIGGER sync_outbox_follow_up_attachments_delete AFTER DELETE ON follow_up_attachments
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM follow_ups WHERE id = OLD.follow_up_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'follow_up_attachments' AND row_id = OLD.follow_up_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'follow_up_attachments', OLD.follow_up_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'follow_up_id', follow_up_id, 'position', position,
                'file_name', file_name, 'media_type', media_type,
                'size_bytes', size_bytes, 'sha256', sha256, 'uri', uri)
            ORDER BY position) AS items
        FROM follow_up_attachments WHERE follow_up_id = OLD.follow_up_id);
END;

CREATE TRIGGER sync_outbox_plans_insert AFTER INSERT ON plans
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('plans', NEW.id, 'put',
        json_object(
        'id', NEW.id, 'customer_id', NEW.customer_id, 'time_kind', NEW.time_kind,
        'time_at', NEW.time_at, 'time_date', NEW.time_date, 'method', NEW.method,
        'purpose', NEW.purpose, 'content', NEW.content, 'status', NEW.status,
        'closed_at', NEW.closed_at, 'done_follow_up_id', NEW.done_follow_up_id,
        'cancel_reason', NEW.cancel_reason, 'version', NEW.version,
        'created_at', NEW.created_at, 'updated_at', NEW.updated_at),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_plans_update
    AFTER UPDATE OF id, customer_id, time_kind, time_at, time_date, method, purpose,
    content, status, closed_at, done_follow_up_id, cancel_reason, version, created_at,
    updated_at
    ON plans
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'plans', NEW.id, 'put', changed, OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'id', NEW.id, 'customer_id', NEW.customer_id, 'time_kind', NEW.time_kind,
                'time_at', NEW.time_at, 'time_date', NEW.time_date, 'method', NEW.method,
                'purpose', NEW.purpose, 'content', NEW.content, 'status', NEW.status,
                'closed_at', NEW.closed_at, 'done_follow_up_id', NEW.done_follow_up_id,
                'cancel_reason', NEW.cancel_reason, 'version', NEW.version,
                'created_at', NEW.created_at, 'updated_at', NEW.updated_at)) AS n
        JOIN json_each(json_object(
                'id', OLD.id, 'customer_id', OLD.customer_id, 'time_kind', OLD.time_kind,
                'time_at', OLD.time_at, 'time_date', OLD.time_date, 'method', OLD.method,
                'purpose', OLD.purpose, 'content', OLD.content, 'status', OLD.status,
                'closed_at', OLD.closed_at, 'done_follow_up_id', OLD.done_follow_up_id,
                'cancel_reason', OLD.cancel_reason, 'version', OLD.version,
                'created_at', OLD.created_at, 'updated_at', OLD.updated_at)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_plans_delete AFTER DELETE ON plans
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('plans', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_vehicle_intents_insert AFTER INSERT ON vehicle_intents
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('vehicle_intents', NEW.id, 'put',
        json_object(
        'id', NEW.id, 'customer_id', NEW.customer_id, 'brand', NEW.brand,
        'series', NEW.series, 'model', NEW.model, 'trim', NEW.trim,
        'body_type', NEW.body_type, 'powertrain', NEW.powertrain, 'colours', NEW.colours,
        'options', NEW.options, 'budget_min', NEW.budget_min,
        'budget_max', NEW.budget_max, 'timeframe', NEW.timeframe, 'payment', NEW.payment,
        'trade_in_brand', NEW.trade_in_brand, 'trade_in_model', NEW.trade_in_model,
        'trade_in_year', NEW.trade_in_year,
        'trade_in_mileage_km', NEW.trade_in_mileage_km,
        'trade_in_value', NEW.trade_in_value, 'competitors', NEW.competitors,
        'catalogue_model', NEW.catalogue_model, 'is_primary', NEW.is_primary,
        'notes', NEW.notes, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
        'version', NEW.version),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_vehicle_intents_update
    AFTER UPDATE OF id, customer_id, brand, series, model, trim, body_type, powertrain,
    colours, options, budget_min, budget_max, timeframe, payment, trade_in_brand,
    trade_in_model, trade_in_year, trade_in_mileage_km, trade_in_value, competitors,
    catalogue_model, is_primary, notes, created_at, updated_at, version
    ON vehicle_intents
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'vehicle_intents', NEW.id, 'put', changed, OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'id', NEW.id, 'customer_id', NEW.customer_id, 'brand', NEW.brand,
                'series', NEW.series, 'model', NEW.model, 'trim', NEW.trim,
                'body_type', NEW.body_type, 'powertrain', NEW.powertrain,
                'colours', NEW.colours, 'options', NEW.options,
                'budget_min', NEW.budget_min, 'budget_max', NEW.budget_max,
                'timeframe', NEW.timeframe, 'payment', NEW.payment,
                'trade_in_brand', NEW.trade_in_brand,
                'trade_in_model', NEW.trade_in_model, 'trade_in_year', NEW.trade_in_year,
                'trade_in_mileage_km', NEW.trade_in_mileage_km,
                'trade_in_value', NEW.trade_in_value, 'competitors', NEW.competitors,
                'catalogue_model', NEW.catalogue_model, 'is_primary', NEW.is_primary,
                'notes', NEW.notes, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at, 'version', NEW.version)) AS n
        JOIN json_each(json_object(
                'id', OLD.id, 'customer_id', OLD.customer_id, 'brand', OLD.brand,
                'series', OLD.series, 'model', OLD.model, 'trim', OLD.trim,
                'body_type', OLD.body_type, 'powertrain', OLD.powertrain,
                'colours', OLD.colours, 'options', OLD.options,
                'budget_min', OLD.budget_min, 'budget_max', OLD.budget_max,
                'timeframe', OLD.timeframe, 'payment', OLD.payment,
                'trade_in_brand', OLD.trade_in_brand,
                'trade_in_model', OLD.trade_in_model, 'trade_in_year', OLD.trade_in_year,
                'trade_in_mileage_km', OLD.trade_in_mileage_km,
                'trade_in_value', OLD.trade_in_value, 'competitors', OLD.competitors,
                'catalogue_model', OLD.catalogue_model, 'is_primary', OLD.is_primary,
                'notes', OLD.notes, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at, 'version', OLD.version)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_vehicle_intents_delete AFTER DELETE ON vehicle_intents
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('vehicle_intents', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_visits_insert AFTER INSERT ON visits
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('visits', NEW.id, 'put',
        json_object(
        'id', NEW.id, 'customer_id', NEW.customer_id, 'kind', NEW.kind,
        'model', NEW.model, 'catalogue_model', NEW.catalogue_model,
        'scheduled_at', NEW.scheduled_at, 'consultant', NEW.consultant,
        'notes', NEW.notes, 'status', NEW.status, 'closed_at', NEW.closed_at,
        'feedback', NEW.feedback, 'created_at', NEW.created_at,
        'updated_at', NEW.updated_at, 'version', NEW.version),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_visits_update
    AFTER UPDATE OF id, customer_id, kind, model, catalogue_model, scheduled_at, consultant,
    notes, status, closed_at, feedback, created_at, updated_at, version
    ON visits
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'visits', NEW.id, 'put', changed, OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'id', NEW.id, 'customer_id', NEW.customer_id, 'kind', NEW.kind,
                'model', NEW.model, 'catalogue_model', NEW.catalogue_model,
                'scheduled_at', NEW.scheduled_at, 'consultant', NEW.consultant,
                'notes', NEW.notes, 'status', NEW.status, 'closed_at', NEW.closed_at,
                'feedback', NEW.feedback, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at, 'version', NEW.version)) AS n
        JOIN json_each(json_object(
                'id', OLD.id, 'customer_id', OLD.customer_id, 'kind', OLD.kind,
                'model', OLD.model, 'catalogue_model', OLD.catalogue_model,
                'scheduled_at', OLD.scheduled_at, 'consultant', OLD.consultant,
                'notes', OLD.notes, 'status', OLD.status, 'closed_at', OLD.closed_at,
                'feedback', OLD.feedback, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at, 'version', OLD.version)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_visits_delete AFTER DELETE ON visits
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('visits', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_orders_insert AFTER INSERT ON orders
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('orders', NEW.id, 'put',
        json_object(
        'id', NEW.id, 'customer_id', NEW.customer_id, 'intent_id', NEW.intent_id,
        'brand', NEW.brand, 'series', NEW.series, 'model', NEW.model, 'trim', NEW.trim,
        'colour', NEW.colour, 'catalogue_model', NEW.catalogue_model, 'vin', NEW.vin,
        'price', NEW.price, 'discount', NEW.discount, 'deposit', NEW.deposit,
        'order_date', NEW.order_date, 'expected_delivery', NEW.expected_delivery,
        'finance', NEW.finance, 'insurance', NEW.insurance, 'consultant', NEW.consultant,
        'status', NEW.status, 'cancelled_at', NEW.cancelled_at,
        'cancel_reason', NEW.cancel_reason, 'cancel_note', NEW.cancel_note,
        'delivered_at', NEW.delivered_at, 'delivery_date', NEW.delivery_date,
        'delivery_odometer', NEW.delivery_odometer, 'created_at', NEW.created_at,
        'updated_at', NEW.updated_at, 'version', NEW.version),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_orders_update
    AFTER UPDATE OF id, customer_id, intent_id, brand, series, model, trim, colour,
    catalogue_model, vin, price, discount, deposit, order_date, expected_delivery,
    finance, insurance, consultant, status, cancelled_at, cancel_reason, cancel_note,
    delivered_at, delivery_date, delivery_odometer, created_at, updated_at, version
    ON orders
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'orders', NEW.id, 'put', changed, OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'id', NEW.id, 'customer_id', NEW.customer_id, 'intent_id', NEW.intent_id,
                'brand', NEW.brand, 'series', NEW.series, 'model', NEW.model,
                'trim', NEW.trim, 'colour', NEW.colour,
                'catalogue_model', NEW.catalogue_model, 'vin', NEW.vin,
                'price', NEW.price, 'discount', NEW.discount, 'deposit', NEW.deposit,
                'order_date', NEW.order_date, 'expected_delivery', NEW.expected_delivery,
                'finance', NEW.finance, 'insurance', NEW.insurance,
                'consultant', NEW.consultant, 'status', NEW.status,
                'cancelled_at', NEW.cancelled_at, 'cancel_reason', NEW.cancel_reason,
                'cancel_note', NEW.cancel_note, 'delivered_at', NEW.delivered_at,
                'delivery_date', NEW.delivery_date,
                'delivery_odometer', NEW.delivery_odometer, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at, 'version', NEW.version)) AS n
        JOIN json_each(json_object(
                'id', OLD.id, 'customer_id', OLD.customer_id, 'intent_id', OLD.intent_id,
                'brand', OLD.brand, 'series', OLD.series, 'model', OLD.model,
                'trim', OLD.trim, 'colour', OLD.colour,
                'catalogue_model', OLD.catalogue_model, 'vin', OLD.vin,
                'price', OLD.price, 'discount', OLD.discount, 'deposit', OLD.deposit,
                'order_date', OLD.order_date, 'expected_delivery', OLD.expected_delivery,
                'finance', OLD.finance, 'insurance', OLD.insurance,
                'consultant', OLD.consultant, 'status', OLD.status,
                'cancelled_at', OLD.cancelled_at, 'cancel_reason', OLD.cancel_reason,
                'cancel_note', OLD.cancel_note, 'delivered_at', OLD.delivered_at,
                'delivery_date', OLD.delivery_date,
                'delivery_odometer', OLD.delivery_odometer, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at, 'version', OLD.version)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_orders_delete AFTER DELETE ON orders
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('orders', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_cars_insert AFTER INSERT ON cars
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('cars', NEW.id, 'put',
        json_object(
        'id', NEW.id, 'customer_id', NEW.customer_id, 'vin', NEW.vin, 'brand', NEW.brand,
        'model', NEW.model, 'delivered_on', NEW.delivered_on,
        'delivery_km', NEW.delivery_km, 'registered_on', NEW.registered_on,
        'order_id', NEW.order_id, 'created_at', NEW.created_at),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_cars_update
    AFTER UPDATE OF id, customer_id, vin, brand, model, delivered_on, delivery_km,
    registered_on, order_id, created_at
    ON cars
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'cars', NEW.id, 'put', changed, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'id', NEW.id, 'customer_id', NEW.customer_id, 'vin', NEW.vin,
                'brand', NEW.brand, 'model', NEW.model, 'delivered_on', NEW.delivered_on,
                'delivery_km', NEW.delivery_km, 'registered_on', NEW.registered_on,
                'order_id', NEW.order_id, 'created_at', NEW.created_at)) AS n
        JOIN json_each(json_object(
                'id', OLD.id, 'customer_id', OLD.customer_id, 'vin', OLD.vin,
                'brand', OLD.brand, 'model', OLD.model, 'delivered_on', OLD.delivered_on,
                'delivery_km', OLD.delivery_km, 'registered_on', OLD.registered_on,
                'order_id', OLD.order_id, 'created_at', OLD.created_at)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_cars_delete AFTER DELETE ON cars
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('cars', OLD.id, 'delete', '{}', NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_car_services_insert AFTER INSERT ON car_services
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'car_services' AND row_id = NEW.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'car_services', NEW.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'service', service, 'done_on', done_on)
            ORDER BY service) AS items
        FROM car_services WHERE car_id = NEW.car_id);
END;

CREATE TRIGGER sync_outbox_car_services_update
    AFTER UPDATE OF car_id, service, done_on
    ON car_services
    WHEN (SELECT applying FROM sync_state) = 0
        AND (OLD.car_id IS NOT NEW.car_id OR OLD.service IS NOT NEW.service
        OR OLD.done_on IS NOT NEW.done_on)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'car_services' AND row_id = NEW.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'car_services', NEW.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'service', service, 'done_on', done_on)
            ORDER BY service) AS items
        FROM car_services WHERE car_id = NEW.car_id);
END;

CREATE TRIGGER sync_outbox_car_services_moved
    AFTER UPDATE OF car_id ON car_services
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.car_id IS NOT NEW.car_id
        AND EXISTS (SELECT 1 FROM cars WHERE id = OLD.car_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'car_services' AND row_id = OLD.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'car_services', OLD.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'service', service, 'done_on', done_on)
            ORDER BY service) AS items
        FROM car_services WHERE car_id = OLD.car_id);
END;

CREATE TRIGGER sync_outbox_car_services_delete AFTER DELETE ON car_services
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM cars WHERE id = OLD.car_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'car_services' AND row_id = OLD.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'car_services', OLD.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'service', service, 'done_on', done_on)
            ORDER BY service) AS items
        FROM car_services WHERE car_id = OLD.car_id);
END;

CREATE TRIGGER sync_outbox_insurance_ends_insert AFTER INSERT ON insurance_ends
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'insurance_ends' AND row_id = NEW.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'insurance_ends', NEW.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'ends_on', ends_on)
            ORDER BY ends_on) AS items
        FROM insurance_ends WHERE car_id = NEW.car_id);
END;

CREATE TRIGGER sync_outbox_insurance_ends_update
    AFTER UPDATE OF car_id, ends_on
    ON insurance_ends
    WHEN (SELECT applying FROM sync_state) = 0
        AND (OLD.car_id IS NOT NEW.car_id OR OLD.ends_on IS NOT NEW.ends_on)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'insurance_ends' AND row_id = NEW.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'insurance_ends', NEW.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'ends_on', ends_on)
            ORDER BY ends_on) AS items
        FROM insurance_ends WHERE car_id = NEW.car_id);
END;

CREATE TRIGGER sync_outbox_insurance_ends_moved
    AFTER UPDATE OF car_id ON insurance_ends
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.car_id IS NOT NEW.car_id
        AND EXISTS (SELECT 1 FROM cars WHERE id = OLD.car_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'insurance_ends' AND row_id = OLD.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'insurance_ends', OLD.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'ends_on', ends_on)
            ORDER BY ends_on) AS items
        FROM insurance_ends WHERE car_id = OLD.car_id);
END;

CREATE TRIGGER sync_outbox_insurance_ends_delete AFTER DELETE ON insurance_ends
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM cars WHERE id = OLD.car_id)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'insurance_ends' AND row_id = OLD.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'insurance_ends', OLD.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'ends_on', ends_on)
            ORDER BY ends_on) AS items
        FROM insurance_ends WHERE car_id = OLD.car_id);
END;

CREATE TRIGGER sync_outbox_customer_merges_insert AFTER INSERT ON customer_merges
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('customer_merges', NEW.merged_id, 'put',
        json_object(
        'kept_id', NEW.kept_id, 'merged_id', NEW.merged_id, 'merged_at', NEW.merged_at,
        'merged_json', NEW.merged_json),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_customer_merges_update
    AFTER UPDATE OF kept_id, merged_id, merged_at, merged_json
    ON customer_merges
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'customer_merges', NEW.merged_id, 'put', changed, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'kept_id', NEW.kept_id, 'merged_id', NEW.merged_id,
                'merged_at', NEW.merged_at, 'merged_json', NEW.merged_json)) AS n
        JOIN json_each(json_object(
                'kept_id', OLD.kept_id, 'merged_id', OLD.merged_id,
                'merged_at', OLD.merged_at, 'merged_json', OLD.merged_json)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_customer_merges_delete AFTER DELETE ON customer_merges
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.kept_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('customer_merges', OLD.merged_id, 'delete', '{}', NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_timeline_insert AFTER INSERT ON timeline
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    UPDATE timeline SET uid = lower(hex(randomblob(16))) WHERE seq = NEW.seq AND uid IS NULL;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'timeline', uid, 'put',
        json_object(
        'customer_id', customer_id, 'at', at, 'actor', actor, 'code', code,
        'entry', entry, 'uid', uid),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM timeline WHERE seq = NEW.seq;
END;

CREATE TRIGGER sync_outbox_timeline_update
    AFTER UPDATE OF customer_id, at, actor, code, entry, uid
    ON timeline
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.uid IS NOT NULL
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'timeline', NEW.uid, 'put', changed, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'customer_id', NEW.customer_id, 'at', NEW.at, 'actor', NEW.actor,
                'code', NEW.code, 'entry', NEW.entry, 'uid', NEW.uid)) AS n
        JOIN json_each(json_object(
                'customer_id', OLD.customer_id, 'at', OLD.at, 'actor', OLD.actor,
                'code', OLD.code, 'entry', OLD.entry, 'uid', OLD.uid)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_timeline_delete AFTER DELETE ON timeline
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('timeline', OLD.uid, 'delete', '{}', NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_stage_moves_insert AFTER INSERT ON stage_moves
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    UPDATE stage_moves SET uid = lower(hex(randomblob(16))) WHERE customer_id = NEW.customer_id AND seq = NEW.seq AND uid IS NULL;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'stage_moves', uid, 'put',
        json_object(
        'customer_id', customer_id, 'kind', kind, 'from_status', from_status,
        'to_status', to_status, 'stage', stage, 'at', at, 'actor', actor,
        'lost_reason', lost_reason, 'dormant_reason', dormant_reason,
        'competitor', competitor, 'note', note, 'reassign_to', reassign_to,
        'wake_on', wake_on, 'uid', uid),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM stage_moves WHERE customer_id = NEW.customer_id AND seq = NEW.seq;
END;

CREATE TRIGGER sync_outbox_stage_moves_update
    AFTER UPDATE OF customer_id, kind, from_status, to_status, stage, at, actor,
    lost_reason, dormant_reason, competitor, note, reassign_to, wake_on, uid
    ON stage_moves
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.uid IS NOT NULL
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'stage_moves', NEW.uid, 'put', changed, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'customer_id', NEW.customer_id, 'kind', NEW.kind,
                'from_status', NEW.from_status, 'to_status', NEW.to_status,
                'stage', NEW.stage, 'at', NEW.at, 'actor', NEW.actor,
                'lost_reason', NEW.lost_reason, 'dormant_reason', NEW.dormant_reason,
                'competitor', NEW.competitor, 'note', NEW.note,
                'reassign_to', NEW.reassign_to, 'wake_on', NEW.wake_on, 'uid', NEW.uid)) AS n
        JOIN json_each(json_object(
                'customer_id', OLD.customer_id, 'kind', OLD.kind,
                'from_status', OLD.from_status, 'to_status', OLD.to_status,
                'stage', OLD.stage, 'at', OLD.at, 'actor', OLD.actor,
                'lost_reason', OLD.lost_reason, 'dormant_reason', OLD.dormant_reason,
                'competitor', OLD.competitor, 'note', OLD.note,
                'reassign_to', OLD.reassign_to, 'wake_on', OLD.wake_on, 'uid', OLD.uid)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_stage_moves_delete AFTER DELETE ON stage_moves
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('stage_moves', OLD.uid, 'delete', '{}', NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_intent_level_changes_insert AFTER INSERT ON intent_level_changes
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    UPDATE intent_level_changes SET uid = lower(hex(randomblob(16))) WHERE seq = NEW.seq AND uid IS NULL;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'intent_level_changes', uid, 'put',
        json_object(
        'customer_id', customer_id, 'at', at, 'who', who, 'from_level', from_level,
        'to_level', to_level, 'uid', uid),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM intent_level_changes WHERE seq = NEW.seq;
END;

CREATE TRIGGER sync_outbox_intent_level_changes_update
    AFTER UPDATE OF customer_id, at, who, from_level, to_level, uid
    ON intent_level_changes
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.uid IS NOT NULL
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'intent_level_changes', NEW.uid, 'put', changed, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'customer_id', NEW.customer_id, 'at', NEW.at, 'who', NEW.who,
                'from_level', NEW.from_level, 'to_level', NEW.to_level, 'uid', NEW.uid)) AS n
        JOIN json_each(json_object(
                'customer_id', OLD.customer_id, 'at', OLD.at, 'who', OLD.who,
                'from_level', OLD.from_level, 'to_level', OLD.to_level, 'uid', OLD.uid)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_intent_level_changes_delete AFTER DELETE ON intent_level_changes
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('intent_level_changes', OLD.uid, 'delete', '{}', NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_odometer_readings_insert AFTER INSERT ON odometer_readings
    WHEN (SELECT applying FROM sync_state) = 0
BEGIN
    UPDATE odometer_readings SET uid = lower(hex(randomblob(16))) WHERE seq = NEW.seq AND uid IS NULL;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'odometer_readings', uid, 'put',
        json_object(
        'car_id', car_id, 'on_date', on_date, 'km', km, 'source', source,
        'recorded_at', recorded_at, 'uid', uid),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM odometer_readings WHERE seq = NEW.seq;
END;

CREATE TRIGGER sync_outbox_odometer_readings_update
    AFTER UPDATE OF car_id, on_date, km, source, recorded_at, uid
    ON odometer_readings
    WHEN (SELECT applying FROM sync_state) = 0 AND OLD.uid IS NOT NULL
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'odometer_readings', NEW.uid, 'put', changed, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_object(n.key, n.value) AS changed
        FROM json_each(json_object(
                'car_id', NEW.car_id, 'on_date', NEW.on_date, 'km', NEW.km,
                'source', NEW.source, 'recorded_at', NEW.recorded_at, 'uid', NEW.uid)) AS n
        JOIN json_each(json_object(
                'car_id', OLD.car_id, 'on_date', OLD.on_date, 'km', OLD.km,
                'source', OLD.source, 'recorded_at', OLD.recorded_at, 'uid', OLD.uid)) AS o ON o.key = n.key
        WHERE n.value IS NOT o.value OR n.type IS NOT o.type)
    WHERE changed <> '{}';
END;

CREATE TRIGGER sync_outbox_odometer_readings_delete AFTER DELETE ON odometer_readings
    WHEN (SELECT applying FROM sync_state) = 0
        AND EXISTS (SELECT 1 FROM cars WHERE id = OLD.car_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('odometer_readings', OLD.uid, 'delete', '{}', NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

-- A book upgraded to this version queues what it already holds, as if each row had just
-- been written, parents before children, so that its first sync uploads it all.
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'customers', id, 'put',
    json_object(
    'id', id, 'name', name, 'gender', gender, 'birthday', birthday, 'age_band', age_band,
    'occupation', occupation, 'province', province, 'city', city, 'district', district,
    'notes', notes, 'source_kind', source_kind, 'source_detail', source_detail,
    'source_referrer_id', source_referrer_id, 'first_contact_at', first_contact_at,
    'first_contact_place', first_contact_place,
    'first_contact_scene', first_contact_scene,
    'first_contact_reaction', first_contact_reaction, 'importance', importance,
    'owner', owner, 'archived_at', archived_at, 'created_at', created_at,
    'updated_at', updated_at, 'version', version, 'intent_level', intent_level,
    'pipeline_stage', pipeline_stage, 'pipeline_status', pipeline_status,
    'pipeline_since', pipeline_since, 'lost_reason', lost_reason,
    'reached_contacted', reached_contacted, 'reached_invited', reached_invited,
    'reached_visited', reached_visited, 'reached_test_driven', reached_test_driven,
    'reached_negotiating', reached_negotiating, 'reached_ordered', reached_ordered,
    'reached_delivered', reached_delivered, 'ordered_at', ordered_at,
    'delivered_at', delivered_at, 'revenue_fen', revenue_fen, 'wake_on', wake_on),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM customers ORDER BY seq;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'contacts', customer_id, 'put',
    json_object('items', json_group_array(json_object(
        'customer_id', customer_id, 'position', position, 'kind', kind, 'value', value,
        'label', label, 'is_primary', is_primary)
        ORDER BY position)),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM contacts GROUP BY customer_id ORDER BY customer_id;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'customer_tags', customer_id, 'put',
    json_object('items', json_group_array(json_object(
        'customer_id', customer_id, 'position', position, 'tag', tag)
        ORDER BY position)),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM customer_tags GROUP BY customer_id ORDER BY customer_id;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'consents', customer_id, 'put',
    json_object('items', json_group_array(json_object(
        'customer_id', customer_id, 'channel', channel, 'state', state, 'at', at,
        'source', source, 'note', note)
        ORDER BY channel)),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM consents GROUP BY customer_id ORDER BY customer_id;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'follow_ups', id, 'put',
    json_object(
    'id', id, 'customer_id', customer_id, 'method', method, 'kind', kind, 'at', at,
    'content', content, 'feedback', feedback, 'problems', problems,
    'questions', questions, 'consultant', consultant, 'created_at', created_at,
    'updated_at', updated_at, 'version', version),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM follow_ups ORDER BY rowid;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'follow_up_attachments', follow_up_id, 'put',
    json_object('items', json_group_array(json_object(
        'follow_up_id', follow_up_id, 'position', position, 'file_name', file_name,
        'media_type', media_type, 'size_bytes', size_bytes, 'sha256', sha256, 'uri', uri)
        ORDER BY position)),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM follow_up_attachments GROUP BY follow_up_id ORDER BY follow_up_id;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'plans', id, 'put',
    json_object(
    'id', id, 'customer_id', customer_id, 'time_kind', time_kind, 'time_at', time_at,
    'time_date', time_date, 'method', method, 'purpose', purpose, 'content', content,
    'status', status, 'closed_at', closed_at, 'done_follow_up_id', done_follow_up_id,
    'cancel_reason', cancel_reason, 'version', version, 'created_at', created_at,
    'updated_at', updated_at),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM plans ORDER BY rowid;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'vehicle_intents', id, 'put',
    json_object(
    'id', id, 'customer_id', customer_id, 'brand', brand, 'series', series,
    'model', model, 'trim', trim, 'body_type', body_type, 'powertrain', powertrain,
    'colours', colours, 'options', options, 'budget_min', budget_min,
    'budget_max', budget_max, 'timeframe', timeframe, 'payment', payment,
    'trade_in_brand', trade_in_brand, 'trade_in_model', trade_in_model,
    'trade_in_year', trade_in_year, 'trade_in_mileage_km', trade_in_mileage_km,
    'trade_in_value', trade_in_value, 'competitors', competitors,
    'catalogue_model', catalogue_model, 'is_primary', is_primary, 'notes', notes,
    'created_at', created_at, 'updated_at', updated_at, 'version', version),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM vehicle_intents ORDER BY rowid;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'visits', id, 'put',
    json_object(
    'id', id, 'customer_id', customer_id, 'kind', kind, 'model', model,
    'catalogue_model', catalogue_model, 'scheduled_at', scheduled_at,
    'consultant', consultant, 'notes', notes, 'status', status, 'closed_at', closed_at,
    'feedback', feedback, 'created_at', created_at, 'updated_at', updated_at,
    'version', version),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM visits ORDER BY rowid;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'orders', id, 'put',
    json_object(
    'id', id, 'customer_id', customer_id, 'intent_id', intent_id, 'brand', brand,
    'series', series, 'model', model, 'trim', trim, 'colour', colour,
    'catalogue_model', catalogue_model, 'vin', vin, 'price', price, 'discount', discount,
    'deposit', deposit, 'order_date', order_date, 'expected_delivery', expected_delivery,
    'finance', finance, 'insurance', insurance, 'consultant', consultant,
    'status', status, 'cancelled_at', cancelled_at, 'cancel_reason', cancel_reason,
    'cancel_note', cancel_note, 'delivered_at', delivered_at,
    'delivery_date', delivery_date, 'delivery_odometer', delivery_odometer,
    'created_at', created_at, 'updated_at', updated_at, 'version', version),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM orders ORDER BY rowid;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'cars', id, 'put',
    json_object(
    'id', id, 'customer_id', customer_id, 'vin', vin, 'brand', brand, 'model', model,
    'delivered_on', delivered_on, 'delivery_km', delivery_km,
    'registered_on', registered_on, 'order_id', order_id, 'created_at', created_at),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM cars ORDER BY rowid;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'car_services', car_id, 'put',
    json_object('items', json_group_array(json_object(
        'car_id', car_id, 'service', service, 'done_on', done_on)
        ORDER BY service)),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM car_services GROUP BY car_id ORDER BY car_id;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'insurance_ends', car_id, 'put',
    json_object('items', json_group_array(json_object(
        'car_id', car_id, 'ends_on', ends_on)
        ORDER BY ends_on)),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM insurance_ends GROUP BY car_id ORDER BY car_id;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'customer_merges', merged_id, 'put',
    json_object(
    'kept_id', kept_id, 'merged_id', merged_id, 'merged_at', merged_at,
    'merged_json', merged_json),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM customer_merges ORDER BY id;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'timeline', uid, 'put',
    json_object(
    'customer_id', customer_id, 'at', at, 'actor', actor, 'code', code, 'entry', entry,
    'uid', uid),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM timeline ORDER BY seq;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'stage_moves', uid, 'put',
    json_object(
    'customer_id', customer_id, 'kind', kind, 'from_status', from_status,
    'to_status', to_status, 'stage', stage, 'at', at, 'actor', actor,
    'lost_reason', lost_reason, 'dormant_reason', dormant_reason,
    'competitor', competitor, 'note', note, 'reassign_to', reassign_to,
    'wake_on', wake_on, 'uid', uid),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM stage_moves ORDER BY customer_id, seq;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'intent_level_changes', uid, 'put',
    json_object(
    'customer_id', customer_id, 'at', at, 'who', who, 'from_level', from_level,
    'to_level', to_level, 'uid', uid),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM intent_level_changes ORDER BY seq;
INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
SELECT 'odometer_readings', uid, 'put',
    json_object(
    'car_id', car_id, 'on_date', on_date, 'km', km, 'source', source,
    'recorded_at', recorded_at, 'uid', uid),
    NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
FROM odometer_readings ORDER BY seq;
