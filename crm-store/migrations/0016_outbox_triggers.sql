-- Version 16: the upload queue starts when the book first meets a server, and the outbox
-- triggers are written for SQLite before 3.44 too (crm-store/src/sync/queue.rs).

-- `queueing` is 1 once the book's upload queue runs: from the first upload or download
-- (crm-store/src/sync/queue.rs), which queues the book's rows as they stand then, in one
-- go. Until then the outbox triggers queue nothing: a book that never syncs pays nothing
-- for sync, and the first upload still carries every row. A book that queued something
-- under the earlier schema keeps its queue, as it was, running.
ALTER TABLE sync_state ADD COLUMN queueing INTEGER NOT NULL DEFAULT 0
    CHECK (queueing IN (0, 1));
UPDATE sync_state SET queueing = 1
    WHERE checkpoint > 0 OR user_id IS NOT NULL
        OR EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sync_outbox' AND seq > 0);

-- The outbox triggers of versions 13 and 14, made again with two differences:
-- - quiet until the queue runs (`queueing`), as well as while a download is applied
--   (`applying`); an append-only record still gets its `uid` at once, only its entry waits;
-- - a list's items ordered by a subquery (`json_group_array(... ORDER BY ...)` needs
--   SQLite 3.44, and a book whose schema an older SQLite cannot parse cannot be opened
--   by it at all: Python 3.11's sqlite3, the command-line shells of older systems).
DROP TRIGGER sync_outbox_customers_insert;
DROP TRIGGER sync_outbox_customers_update;
DROP TRIGGER sync_outbox_customers_delete;
DROP TRIGGER sync_outbox_contacts_insert;
DROP TRIGGER sync_outbox_contacts_update;
DROP TRIGGER sync_outbox_contacts_moved;
DROP TRIGGER sync_outbox_contacts_delete;
DROP TRIGGER sync_outbox_customer_tags_insert;
DROP TRIGGER sync_outbox_customer_tags_update;
DROP TRIGGER sync_outbox_customer_tags_moved;
DROP TRIGGER sync_outbox_customer_tags_delete;
DROP TRIGGER sync_outbox_consents_insert;
DROP TRIGGER sync_outbox_consents_update;
DROP TRIGGER sync_outbox_consents_moved;
DROP TRIGGER sync_outbox_consents_delete;
DROP TRIGGER sync_outbox_follow_ups_insert;
DROP TRIGGER sync_outbox_follow_ups_update;
DROP TRIGGER sync_outbox_follow_ups_delete;
DROP TRIGGER sync_outbox_follow_up_attachments_insert;
DROP TRIGGER sync_outbox_follow_up_attachments_update;
DROP TRIGGER sync_outbox_follow_up_attachments_moved;
DROP TRIGGER sync_outbox_follow_up_attachments_delete;
DROP TRIGGER sync_outbox_plans_insert;
DROP TRIGGER sync_outbox_plans_update;
DROP TRIGGER sync_outbox_plans_delete;
DROP TRIGGER sync_outbox_vehicle_intents_insert;
DROP TRIGGER sync_outbox_vehicle_intents_update;
DROP TRIGGER sync_outbox_vehicle_intents_delete;
DROP TRIGGER sync_outbox_visits_insert;
DROP TRIGGER sync_outbox_visits_update;
DROP TRIGGER sync_outbox_visits_delete;
DROP TRIGGER sync_outbox_orders_insert;
DROP TRIGGER sync_outbox_orders_update;
DROP TRIGGER sync_outbox_orders_delete;
DROP TRIGGER sync_outbox_cars_insert;
DROP TRIGGER sync_outbox_cars_update;
DROP TRIGGER sync_outbox_cars_delete;
DROP TRIGGER sync_outbox_car_services_insert;
DROP TRIGGER sync_outbox_car_services_update;
DROP TRIGGER sync_outbox_car_services_moved;
DROP TRIGGER sync_outbox_car_services_delete;
DROP TRIGGER sync_outbox_insurance_ends_insert;
DROP TRIGGER sync_outbox_insurance_ends_update;
DROP TRIGGER sync_outbox_insurance_ends_moved;
DROP TRIGGER sync_outbox_insurance_ends_delete;
DROP TRIGGER sync_outbox_customer_merges_insert;
DROP TRIGGER sync_outbox_customer_merges_update;
DROP TRIGGER sync_outbox_customer_merges_delete;
DROP TRIGGER sync_outbox_timeline_insert;
DROP TRIGGER sync_outbox_timeline_update;
DROP TRIGGER sync_outbox_timeline_delete;
DROP TRIGGER sync_outbox_stage_moves_insert;
DROP TRIGGER sync_outbox_stage_moves_update;
DROP TRIGGER sync_outbox_stage_moves_delete;
DROP TRIGGER sync_outbox_intent_level_changes_insert;
DROP TRIGGER sync_outbox_intent_level_changes_update;
DROP TRIGGER sync_outbox_intent_level_changes_delete;
DROP TRIGGER sync_outbox_odometer_readings_insert;
DROP TRIGGER sync_outbox_odometer_readings_update;
DROP TRIGGER sync_outbox_odometer_readings_delete;

CREATE TRIGGER sync_outbox_customers_insert AFTER INSERT ON customers
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND (OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name
        OR OLD.gender IS NOT NEW.gender OR OLD.birthday IS NOT NEW.birthday
        OR OLD.age_band IS NOT NEW.age_band OR OLD.occupation IS NOT NEW.occupation
        OR OLD.province IS NOT NEW.province OR OLD.city IS NOT NEW.city
        OR OLD.district IS NOT NEW.district OR OLD.notes IS NOT NEW.notes
        OR OLD.source_kind IS NOT NEW.source_kind
        OR OLD.source_detail IS NOT NEW.source_detail
        OR OLD.source_referrer_id IS NOT NEW.source_referrer_id
        OR OLD.first_contact_at IS NOT NEW.first_contact_at
        OR OLD.first_contact_place IS NOT NEW.first_contact_place
        OR OLD.first_contact_scene IS NOT NEW.first_contact_scene
        OR OLD.first_contact_reaction IS NOT NEW.first_contact_reaction
        OR OLD.importance IS NOT NEW.importance OR OLD.owner IS NOT NEW.owner
        OR OLD.archived_at IS NOT NEW.archived_at
        OR OLD.created_at IS NOT NEW.created_at
        OR OLD.updated_at IS NOT NEW.updated_at OR OLD.version IS NOT NEW.version
        OR OLD.intent_level IS NOT NEW.intent_level
        OR OLD.pipeline_stage IS NOT NEW.pipeline_stage
        OR OLD.pipeline_status IS NOT NEW.pipeline_status
        OR OLD.pipeline_since IS NOT NEW.pipeline_since
        OR OLD.lost_reason IS NOT NEW.lost_reason
        OR OLD.reached_contacted IS NOT NEW.reached_contacted
        OR OLD.reached_invited IS NOT NEW.reached_invited
        OR OLD.reached_visited IS NOT NEW.reached_visited
        OR OLD.reached_test_driven IS NOT NEW.reached_test_driven
        OR OLD.reached_negotiating IS NOT NEW.reached_negotiating
        OR OLD.reached_ordered IS NOT NEW.reached_ordered
        OR OLD.reached_delivered IS NOT NEW.reached_delivered
        OR OLD.ordered_at IS NOT NEW.ordered_at
        OR OLD.delivered_at IS NOT NEW.delivered_at
        OR OLD.revenue_fen IS NOT NEW.revenue_fen OR OLD.wake_on IS NOT NEW.wake_on)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('customers', NEW.id, 'put',
        json_remove(json_object(
            'id', NEW.id, 'name', NEW.name, 'gender', NEW.gender,
            'birthday', NEW.birthday, 'age_band', NEW.age_band,
            'occupation', NEW.occupation, 'province', NEW.province, 'city', NEW.city,
            'district', NEW.district, 'notes', NEW.notes, 'source_kind', NEW.source_kind,
            'source_detail', NEW.source_detail,
            'source_referrer_id', NEW.source_referrer_id,
            'first_contact_at', NEW.first_contact_at,
            'first_contact_place', NEW.first_contact_place,
            'first_contact_scene', NEW.first_contact_scene,
            'first_contact_reaction', NEW.first_contact_reaction,
            'importance', NEW.importance, 'owner', NEW.owner,
            'archived_at', NEW.archived_at, 'created_at', NEW.created_at,
            'updated_at', NEW.updated_at, 'version', NEW.version,
            'intent_level', NEW.intent_level, 'pipeline_stage', NEW.pipeline_stage,
            'pipeline_status', NEW.pipeline_status, 'pipeline_since', NEW.pipeline_since,
            'lost_reason', NEW.lost_reason, 'reached_contacted', NEW.reached_contacted,
            'reached_invited', NEW.reached_invited,
            'reached_visited', NEW.reached_visited,
            'reached_test_driven', NEW.reached_test_driven,
            'reached_negotiating', NEW.reached_negotiating,
            'reached_ordered', NEW.reached_ordered,
            'reached_delivered', NEW.reached_delivered, 'ordered_at', NEW.ordered_at,
            'delivered_at', NEW.delivered_at, 'revenue_fen', NEW.revenue_fen,
            'wake_on', NEW.wake_on),
            CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$.-' END,
            CASE WHEN OLD.name IS NEW.name THEN '$.name' ELSE '$.-' END,
            CASE WHEN OLD.gender IS NEW.gender THEN '$.gender' ELSE '$.-' END,
            CASE WHEN OLD.birthday IS NEW.birthday THEN '$.birthday' ELSE '$.-' END,
            CASE WHEN OLD.age_band IS NEW.age_band THEN '$.age_band' ELSE '$.-' END,
            CASE WHEN OLD.occupation IS NEW.occupation THEN '$.occupation' ELSE '$.-' END,
            CASE WHEN OLD.province IS NEW.province THEN '$.province' ELSE '$.-' END,
            CASE WHEN OLD.city IS NEW.city THEN '$.city' ELSE '$.-' END,
            CASE WHEN OLD.district IS NEW.district THEN '$.district' ELSE '$.-' END,
            CASE WHEN OLD.notes IS NEW.notes THEN '$.notes' ELSE '$.-' END,
            CASE WHEN OLD.source_kind IS NEW.source_kind THEN '$.source_kind' ELSE '$.-' END,
            CASE WHEN OLD.source_detail IS NEW.source_detail THEN '$.source_detail' ELSE '$.-' END,
            CASE WHEN OLD.source_referrer_id IS NEW.source_referrer_id THEN '$.source_referrer_id' ELSE '$.-' END,
            CASE WHEN OLD.first_contact_at IS NEW.first_contact_at THEN '$.first_contact_at' ELSE '$.-' END,
            CASE WHEN OLD.first_contact_place IS NEW.first_contact_place THEN '$.first_contact_place' ELSE '$.-' END,
            CASE WHEN OLD.first_contact_scene IS NEW.first_contact_scene THEN '$.first_contact_scene' ELSE '$.-' END,
            CASE WHEN OLD.first_contact_reaction IS NEW.first_contact_reaction THEN '$.first_contact_reaction' ELSE '$.-' END,
            CASE WHEN OLD.importance IS NEW.importance THEN '$.importance' ELSE '$.-' END,
            CASE WHEN OLD.owner IS NEW.owner THEN '$.owner' ELSE '$.-' END,
            CASE WHEN OLD.archived_at IS NEW.archived_at THEN '$.archived_at' ELSE '$.-' END,
            CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$.-' END,
            CASE WHEN OLD.updated_at IS NEW.updated_at THEN '$.updated_at' ELSE '$.-' END,
            CASE WHEN OLD.version IS NEW.version THEN '$.version' ELSE '$.-' END,
            CASE WHEN OLD.intent_level IS NEW.intent_level THEN '$.intent_level' ELSE '$.-' END,
            CASE WHEN OLD.pipeline_stage IS NEW.pipeline_stage THEN '$.pipeline_stage' ELSE '$.-' END,
            CASE WHEN OLD.pipeline_status IS NEW.pipeline_status THEN '$.pipeline_status' ELSE '$.-' END,
            CASE WHEN OLD.pipeline_since IS NEW.pipeline_since THEN '$.pipeline_since' ELSE '$.-' END,
            CASE WHEN OLD.lost_reason IS NEW.lost_reason THEN '$.lost_reason' ELSE '$.-' END,
            CASE WHEN OLD.reached_contacted IS NEW.reached_contacted THEN '$.reached_contacted' ELSE '$.-' END,
            CASE WHEN OLD.reached_invited IS NEW.reached_invited THEN '$.reached_invited' ELSE '$.-' END,
            CASE WHEN OLD.reached_visited IS NEW.reached_visited THEN '$.reached_visited' ELSE '$.-' END,
            CASE WHEN OLD.reached_test_driven IS NEW.reached_test_driven THEN '$.reached_test_driven' ELSE '$.-' END,
            CASE WHEN OLD.reached_negotiating IS NEW.reached_negotiating THEN '$.reached_negotiating' ELSE '$.-' END,
            CASE WHEN OLD.reached_ordered IS NEW.reached_ordered THEN '$.reached_ordered' ELSE '$.-' END,
            CASE WHEN OLD.reached_delivered IS NEW.reached_delivered THEN '$.reached_delivered' ELSE '$.-' END,
            CASE WHEN OLD.ordered_at IS NEW.ordered_at THEN '$.ordered_at' ELSE '$.-' END,
            CASE WHEN OLD.delivered_at IS NEW.delivered_at THEN '$.delivered_at' ELSE '$.-' END,
            CASE WHEN OLD.revenue_fen IS NEW.revenue_fen THEN '$.revenue_fen' ELSE '$.-' END,
            CASE WHEN OLD.wake_on IS NEW.wake_on THEN '$.wake_on' ELSE '$.-' END),
        OLD.version, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_customers_delete AFTER DELETE ON customers
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('customers', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_contacts_insert AFTER INSERT ON contacts
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'value', value, 'label', label, 'is_primary', is_primary)) AS items
        FROM (SELECT * FROM contacts WHERE customer_id = NEW.customer_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_contacts_update
    AFTER UPDATE OF customer_id, position, kind, value, label, is_primary
    ON contacts
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'value', value, 'label', label, 'is_primary', is_primary)) AS items
        FROM (SELECT * FROM contacts WHERE customer_id = NEW.customer_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_contacts_moved
    AFTER UPDATE OF customer_id ON contacts
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.customer_id IS NOT NEW.customer_id
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
                'value', value, 'label', label, 'is_primary', is_primary)) AS items
        FROM (SELECT * FROM contacts WHERE customer_id = OLD.customer_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_contacts_delete AFTER DELETE ON contacts
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'value', value, 'label', label, 'is_primary', is_primary)) AS items
        FROM (SELECT * FROM contacts WHERE customer_id = OLD.customer_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_customer_tags_insert AFTER INSERT ON customer_tags
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'customer_tags' AND row_id = NEW.customer_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'customer_tags', NEW.customer_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'customer_id', customer_id, 'position', position, 'tag', tag)) AS items
        FROM (SELECT * FROM customer_tags WHERE customer_id = NEW.customer_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_customer_tags_update
    AFTER UPDATE OF customer_id, position, tag
    ON customer_tags
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'customer_id', customer_id, 'position', position, 'tag', tag)) AS items
        FROM (SELECT * FROM customer_tags WHERE customer_id = NEW.customer_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_customer_tags_moved
    AFTER UPDATE OF customer_id ON customer_tags
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.customer_id IS NOT NEW.customer_id
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
                'customer_id', customer_id, 'position', position, 'tag', tag)) AS items
        FROM (SELECT * FROM customer_tags WHERE customer_id = OLD.customer_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_customer_tags_delete AFTER DELETE ON customer_tags
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'customer_id', customer_id, 'position', position, 'tag', tag)) AS items
        FROM (SELECT * FROM customer_tags WHERE customer_id = OLD.customer_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_consents_insert AFTER INSERT ON consents
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'source', source, 'note', note)) AS items
        FROM (SELECT * FROM consents WHERE customer_id = NEW.customer_id
            ORDER BY channel));
END;

CREATE TRIGGER sync_outbox_consents_update
    AFTER UPDATE OF customer_id, channel, state, at, source, note
    ON consents
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'source', source, 'note', note)) AS items
        FROM (SELECT * FROM consents WHERE customer_id = NEW.customer_id
            ORDER BY channel));
END;

CREATE TRIGGER sync_outbox_consents_moved
    AFTER UPDATE OF customer_id ON consents
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.customer_id IS NOT NEW.customer_id
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
                'source', source, 'note', note)) AS items
        FROM (SELECT * FROM consents WHERE customer_id = OLD.customer_id
            ORDER BY channel));
END;

CREATE TRIGGER sync_outbox_consents_delete AFTER DELETE ON consents
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'source', source, 'note', note)) AS items
        FROM (SELECT * FROM consents WHERE customer_id = OLD.customer_id
            ORDER BY channel));
END;

CREATE TRIGGER sync_outbox_follow_ups_insert AFTER INSERT ON follow_ups
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND (OLD.id IS NOT NEW.id OR OLD.customer_id IS NOT NEW.customer_id
        OR OLD.method IS NOT NEW.method OR OLD.kind IS NOT NEW.kind
        OR OLD.at IS NOT NEW.at OR OLD.content IS NOT NEW.content
        OR OLD.feedback IS NOT NEW.feedback OR OLD.problems IS NOT NEW.problems
        OR OLD.questions IS NOT NEW.questions OR OLD.consultant IS NOT NEW.consultant
        OR OLD.created_at IS NOT NEW.created_at
        OR OLD.updated_at IS NOT NEW.updated_at OR OLD.version IS NOT NEW.version)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('follow_ups', NEW.id, 'put',
        json_remove(json_object(
            'id', NEW.id, 'customer_id', NEW.customer_id, 'method', NEW.method,
            'kind', NEW.kind, 'at', NEW.at, 'content', NEW.content,
            'feedback', NEW.feedback, 'problems', NEW.problems,
            'questions', NEW.questions, 'consultant', NEW.consultant,
            'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
            'version', NEW.version),
            CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$.-' END,
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.method IS NEW.method THEN '$.method' ELSE '$.-' END,
            CASE WHEN OLD.kind IS NEW.kind THEN '$.kind' ELSE '$.-' END,
            CASE WHEN OLD.at IS NEW.at THEN '$.at' ELSE '$.-' END,
            CASE WHEN OLD.content IS NEW.content THEN '$.content' ELSE '$.-' END,
            CASE WHEN OLD.feedback IS NEW.feedback THEN '$.feedback' ELSE '$.-' END,
            CASE WHEN OLD.problems IS NEW.problems THEN '$.problems' ELSE '$.-' END,
            CASE WHEN OLD.questions IS NEW.questions THEN '$.questions' ELSE '$.-' END,
            CASE WHEN OLD.consultant IS NEW.consultant THEN '$.consultant' ELSE '$.-' END,
            CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$.-' END,
            CASE WHEN OLD.updated_at IS NEW.updated_at THEN '$.updated_at' ELSE '$.-' END,
            CASE WHEN OLD.version IS NEW.version THEN '$.version' ELSE '$.-' END),
        OLD.version, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_follow_ups_delete AFTER DELETE ON follow_ups
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('follow_ups', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_follow_up_attachments_insert AFTER INSERT ON follow_up_attachments
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'size_bytes', size_bytes, 'sha256', sha256, 'uri', uri)) AS items
        FROM (SELECT * FROM follow_up_attachments WHERE follow_up_id = NEW.follow_up_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_follow_up_attachments_update
    AFTER UPDATE OF follow_up_id, position, file_name, media_type, size_bytes, sha256, uri
    ON follow_up_attachments
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'size_bytes', size_bytes, 'sha256', sha256, 'uri', uri)) AS items
        FROM (SELECT * FROM follow_up_attachments WHERE follow_up_id = NEW.follow_up_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_follow_up_attachments_moved
    AFTER UPDATE OF follow_up_id ON follow_up_attachments
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.follow_up_id IS NOT NEW.follow_up_id
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
                'size_bytes', size_bytes, 'sha256', sha256, 'uri', uri)) AS items
        FROM (SELECT * FROM follow_up_attachments WHERE follow_up_id = OLD.follow_up_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_follow_up_attachments_delete AFTER DELETE ON follow_up_attachments
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'size_bytes', size_bytes, 'sha256', sha256, 'uri', uri)) AS items
        FROM (SELECT * FROM follow_up_attachments WHERE follow_up_id = OLD.follow_up_id
            ORDER BY position));
END;

CREATE TRIGGER sync_outbox_plans_insert AFTER INSERT ON plans
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND (OLD.id IS NOT NEW.id OR OLD.customer_id IS NOT NEW.customer_id
        OR OLD.time_kind IS NOT NEW.time_kind OR OLD.time_at IS NOT NEW.time_at
        OR OLD.time_date IS NOT NEW.time_date OR OLD.method IS NOT NEW.method
        OR OLD.purpose IS NOT NEW.purpose OR OLD.content IS NOT NEW.content
        OR OLD.status IS NOT NEW.status OR OLD.closed_at IS NOT NEW.closed_at
        OR OLD.done_follow_up_id IS NOT NEW.done_follow_up_id
        OR OLD.cancel_reason IS NOT NEW.cancel_reason
        OR OLD.version IS NOT NEW.version OR OLD.created_at IS NOT NEW.created_at
        OR OLD.updated_at IS NOT NEW.updated_at)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('plans', NEW.id, 'put',
        json_remove(json_object(
            'id', NEW.id, 'customer_id', NEW.customer_id, 'time_kind', NEW.time_kind,
            'time_at', NEW.time_at, 'time_date', NEW.time_date, 'method', NEW.method,
            'purpose', NEW.purpose, 'content', NEW.content, 'status', NEW.status,
            'closed_at', NEW.closed_at, 'done_follow_up_id', NEW.done_follow_up_id,
            'cancel_reason', NEW.cancel_reason, 'version', NEW.version,
            'created_at', NEW.created_at, 'updated_at', NEW.updated_at),
            CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$.-' END,
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.time_kind IS NEW.time_kind THEN '$.time_kind' ELSE '$.-' END,
            CASE WHEN OLD.time_at IS NEW.time_at THEN '$.time_at' ELSE '$.-' END,
            CASE WHEN OLD.time_date IS NEW.time_date THEN '$.time_date' ELSE '$.-' END,
            CASE WHEN OLD.method IS NEW.method THEN '$.method' ELSE '$.-' END,
            CASE WHEN OLD.purpose IS NEW.purpose THEN '$.purpose' ELSE '$.-' END,
            CASE WHEN OLD.content IS NEW.content THEN '$.content' ELSE '$.-' END,
            CASE WHEN OLD.status IS NEW.status THEN '$.status' ELSE '$.-' END,
            CASE WHEN OLD.closed_at IS NEW.closed_at THEN '$.closed_at' ELSE '$.-' END,
            CASE WHEN OLD.done_follow_up_id IS NEW.done_follow_up_id THEN '$.done_follow_up_id' ELSE '$.-' END,
            CASE WHEN OLD.cancel_reason IS NEW.cancel_reason THEN '$.cancel_reason' ELSE '$.-' END,
            CASE WHEN OLD.version IS NEW.version THEN '$.version' ELSE '$.-' END,
            CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$.-' END,
            CASE WHEN OLD.updated_at IS NEW.updated_at THEN '$.updated_at' ELSE '$.-' END),
        OLD.version, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_plans_delete AFTER DELETE ON plans
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('plans', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_vehicle_intents_insert AFTER INSERT ON vehicle_intents
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND (OLD.id IS NOT NEW.id OR OLD.customer_id IS NOT NEW.customer_id
        OR OLD.brand IS NOT NEW.brand OR OLD.series IS NOT NEW.series
        OR OLD.model IS NOT NEW.model OR OLD.trim IS NOT NEW.trim
        OR OLD.body_type IS NOT NEW.body_type OR OLD.powertrain IS NOT NEW.powertrain
        OR OLD.colours IS NOT NEW.colours OR OLD.options IS NOT NEW.options
        OR OLD.budget_min IS NOT NEW.budget_min
        OR OLD.budget_max IS NOT NEW.budget_max OR OLD.timeframe IS NOT NEW.timeframe
        OR OLD.payment IS NOT NEW.payment
        OR OLD.trade_in_brand IS NOT NEW.trade_in_brand
        OR OLD.trade_in_model IS NOT NEW.trade_in_model
        OR OLD.trade_in_year IS NOT NEW.trade_in_year
        OR OLD.trade_in_mileage_km IS NOT NEW.trade_in_mileage_km
        OR OLD.trade_in_value IS NOT NEW.trade_in_value
        OR OLD.competitors IS NOT NEW.competitors
        OR OLD.catalogue_model IS NOT NEW.catalogue_model
        OR OLD.is_primary IS NOT NEW.is_primary OR OLD.notes IS NOT NEW.notes
        OR OLD.created_at IS NOT NEW.created_at
        OR OLD.updated_at IS NOT NEW.updated_at OR OLD.version IS NOT NEW.version)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('vehicle_intents', NEW.id, 'put',
        json_remove(json_object(
            'id', NEW.id, 'customer_id', NEW.customer_id, 'brand', NEW.brand,
            'series', NEW.series, 'model', NEW.model, 'trim', NEW.trim,
            'body_type', NEW.body_type, 'powertrain', NEW.powertrain,
            'colours', NEW.colours, 'options', NEW.options, 'budget_min', NEW.budget_min,
            'budget_max', NEW.budget_max, 'timeframe', NEW.timeframe,
            'payment', NEW.payment, 'trade_in_brand', NEW.trade_in_brand,
            'trade_in_model', NEW.trade_in_model, 'trade_in_year', NEW.trade_in_year,
            'trade_in_mileage_km', NEW.trade_in_mileage_km,
            'trade_in_value', NEW.trade_in_value, 'competitors', NEW.competitors,
            'catalogue_model', NEW.catalogue_model, 'is_primary', NEW.is_primary,
            'notes', NEW.notes, 'created_at', NEW.created_at,
            'updated_at', NEW.updated_at, 'version', NEW.version),
            CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$.-' END,
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.brand IS NEW.brand THEN '$.brand' ELSE '$.-' END,
            CASE WHEN OLD.series IS NEW.series THEN '$.series' ELSE '$.-' END,
            CASE WHEN OLD.model IS NEW.model THEN '$.model' ELSE '$.-' END,
            CASE WHEN OLD.trim IS NEW.trim THEN '$.trim' ELSE '$.-' END,
            CASE WHEN OLD.body_type IS NEW.body_type THEN '$.body_type' ELSE '$.-' END,
            CASE WHEN OLD.powertrain IS NEW.powertrain THEN '$.powertrain' ELSE '$.-' END,
            CASE WHEN OLD.colours IS NEW.colours THEN '$.colours' ELSE '$.-' END,
            CASE WHEN OLD.options IS NEW.options THEN '$.options' ELSE '$.-' END,
            CASE WHEN OLD.budget_min IS NEW.budget_min THEN '$.budget_min' ELSE '$.-' END,
            CASE WHEN OLD.budget_max IS NEW.budget_max THEN '$.budget_max' ELSE '$.-' END,
            CASE WHEN OLD.timeframe IS NEW.timeframe THEN '$.timeframe' ELSE '$.-' END,
            CASE WHEN OLD.payment IS NEW.payment THEN '$.payment' ELSE '$.-' END,
            CASE WHEN OLD.trade_in_brand IS NEW.trade_in_brand THEN '$.trade_in_brand' ELSE '$.-' END,
            CASE WHEN OLD.trade_in_model IS NEW.trade_in_model THEN '$.trade_in_model' ELSE '$.-' END,
            CASE WHEN OLD.trade_in_year IS NEW.trade_in_year THEN '$.trade_in_year' ELSE '$.-' END,
            CASE WHEN OLD.trade_in_mileage_km IS NEW.trade_in_mileage_km THEN '$.trade_in_mileage_km' ELSE '$.-' END,
            CASE WHEN OLD.trade_in_value IS NEW.trade_in_value THEN '$.trade_in_value' ELSE '$.-' END,
            CASE WHEN OLD.competitors IS NEW.competitors THEN '$.competitors' ELSE '$.-' END,
            CASE WHEN OLD.catalogue_model IS NEW.catalogue_model THEN '$.catalogue_model' ELSE '$.-' END,
            CASE WHEN OLD.is_primary IS NEW.is_primary THEN '$.is_primary' ELSE '$.-' END,
            CASE WHEN OLD.notes IS NEW.notes THEN '$.notes' ELSE '$.-' END,
            CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$.-' END,
            CASE WHEN OLD.updated_at IS NEW.updated_at THEN '$.updated_at' ELSE '$.-' END,
            CASE WHEN OLD.version IS NEW.version THEN '$.version' ELSE '$.-' END),
        OLD.version, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_vehicle_intents_delete AFTER DELETE ON vehicle_intents
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('vehicle_intents', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_visits_insert AFTER INSERT ON visits
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND (OLD.id IS NOT NEW.id OR OLD.customer_id IS NOT NEW.customer_id
        OR OLD.kind IS NOT NEW.kind OR OLD.model IS NOT NEW.model
        OR OLD.catalogue_model IS NOT NEW.catalogue_model
        OR OLD.scheduled_at IS NOT NEW.scheduled_at
        OR OLD.consultant IS NOT NEW.consultant OR OLD.notes IS NOT NEW.notes
        OR OLD.status IS NOT NEW.status OR OLD.closed_at IS NOT NEW.closed_at
        OR OLD.feedback IS NOT NEW.feedback OR OLD.created_at IS NOT NEW.created_at
        OR OLD.updated_at IS NOT NEW.updated_at OR OLD.version IS NOT NEW.version)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('visits', NEW.id, 'put',
        json_remove(json_object(
            'id', NEW.id, 'customer_id', NEW.customer_id, 'kind', NEW.kind,
            'model', NEW.model, 'catalogue_model', NEW.catalogue_model,
            'scheduled_at', NEW.scheduled_at, 'consultant', NEW.consultant,
            'notes', NEW.notes, 'status', NEW.status, 'closed_at', NEW.closed_at,
            'feedback', NEW.feedback, 'created_at', NEW.created_at,
            'updated_at', NEW.updated_at, 'version', NEW.version),
            CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$.-' END,
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.kind IS NEW.kind THEN '$.kind' ELSE '$.-' END,
            CASE WHEN OLD.model IS NEW.model THEN '$.model' ELSE '$.-' END,
            CASE WHEN OLD.catalogue_model IS NEW.catalogue_model THEN '$.catalogue_model' ELSE '$.-' END,
            CASE WHEN OLD.scheduled_at IS NEW.scheduled_at THEN '$.scheduled_at' ELSE '$.-' END,
            CASE WHEN OLD.consultant IS NEW.consultant THEN '$.consultant' ELSE '$.-' END,
            CASE WHEN OLD.notes IS NEW.notes THEN '$.notes' ELSE '$.-' END,
            CASE WHEN OLD.status IS NEW.status THEN '$.status' ELSE '$.-' END,
            CASE WHEN OLD.closed_at IS NEW.closed_at THEN '$.closed_at' ELSE '$.-' END,
            CASE WHEN OLD.feedback IS NEW.feedback THEN '$.feedback' ELSE '$.-' END,
            CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$.-' END,
            CASE WHEN OLD.updated_at IS NEW.updated_at THEN '$.updated_at' ELSE '$.-' END,
            CASE WHEN OLD.version IS NEW.version THEN '$.version' ELSE '$.-' END),
        OLD.version, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_visits_delete AFTER DELETE ON visits
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('visits', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_orders_insert AFTER INSERT ON orders
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND (OLD.id IS NOT NEW.id OR OLD.customer_id IS NOT NEW.customer_id
        OR OLD.intent_id IS NOT NEW.intent_id OR OLD.brand IS NOT NEW.brand
        OR OLD.series IS NOT NEW.series OR OLD.model IS NOT NEW.model
        OR OLD.trim IS NOT NEW.trim OR OLD.colour IS NOT NEW.colour
        OR OLD.catalogue_model IS NOT NEW.catalogue_model OR OLD.vin IS NOT NEW.vin
        OR OLD.price IS NOT NEW.price OR OLD.discount IS NOT NEW.discount
        OR OLD.deposit IS NOT NEW.deposit OR OLD.order_date IS NOT NEW.order_date
        OR OLD.expected_delivery IS NOT NEW.expected_delivery
        OR OLD.finance IS NOT NEW.finance OR OLD.insurance IS NOT NEW.insurance
        OR OLD.consultant IS NOT NEW.consultant OR OLD.status IS NOT NEW.status
        OR OLD.cancelled_at IS NOT NEW.cancelled_at
        OR OLD.cancel_reason IS NOT NEW.cancel_reason
        OR OLD.cancel_note IS NOT NEW.cancel_note
        OR OLD.delivered_at IS NOT NEW.delivered_at
        OR OLD.delivery_date IS NOT NEW.delivery_date
        OR OLD.delivery_odometer IS NOT NEW.delivery_odometer
        OR OLD.created_at IS NOT NEW.created_at
        OR OLD.updated_at IS NOT NEW.updated_at OR OLD.version IS NOT NEW.version)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('orders', NEW.id, 'put',
        json_remove(json_object(
            'id', NEW.id, 'customer_id', NEW.customer_id, 'intent_id', NEW.intent_id,
            'brand', NEW.brand, 'series', NEW.series, 'model', NEW.model,
            'trim', NEW.trim, 'colour', NEW.colour,
            'catalogue_model', NEW.catalogue_model, 'vin', NEW.vin, 'price', NEW.price,
            'discount', NEW.discount, 'deposit', NEW.deposit,
            'order_date', NEW.order_date, 'expected_delivery', NEW.expected_delivery,
            'finance', NEW.finance, 'insurance', NEW.insurance,
            'consultant', NEW.consultant, 'status', NEW.status,
            'cancelled_at', NEW.cancelled_at, 'cancel_reason', NEW.cancel_reason,
            'cancel_note', NEW.cancel_note, 'delivered_at', NEW.delivered_at,
            'delivery_date', NEW.delivery_date,
            'delivery_odometer', NEW.delivery_odometer, 'created_at', NEW.created_at,
            'updated_at', NEW.updated_at, 'version', NEW.version),
            CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$.-' END,
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.intent_id IS NEW.intent_id THEN '$.intent_id' ELSE '$.-' END,
            CASE WHEN OLD.brand IS NEW.brand THEN '$.brand' ELSE '$.-' END,
            CASE WHEN OLD.series IS NEW.series THEN '$.series' ELSE '$.-' END,
            CASE WHEN OLD.model IS NEW.model THEN '$.model' ELSE '$.-' END,
            CASE WHEN OLD.trim IS NEW.trim THEN '$.trim' ELSE '$.-' END,
            CASE WHEN OLD.colour IS NEW.colour THEN '$.colour' ELSE '$.-' END,
            CASE WHEN OLD.catalogue_model IS NEW.catalogue_model THEN '$.catalogue_model' ELSE '$.-' END,
            CASE WHEN OLD.vin IS NEW.vin THEN '$.vin' ELSE '$.-' END,
            CASE WHEN OLD.price IS NEW.price THEN '$.price' ELSE '$.-' END,
            CASE WHEN OLD.discount IS NEW.discount THEN '$.discount' ELSE '$.-' END,
            CASE WHEN OLD.deposit IS NEW.deposit THEN '$.deposit' ELSE '$.-' END,
            CASE WHEN OLD.order_date IS NEW.order_date THEN '$.order_date' ELSE '$.-' END,
            CASE WHEN OLD.expected_delivery IS NEW.expected_delivery THEN '$.expected_delivery' ELSE '$.-' END,
            CASE WHEN OLD.finance IS NEW.finance THEN '$.finance' ELSE '$.-' END,
            CASE WHEN OLD.insurance IS NEW.insurance THEN '$.insurance' ELSE '$.-' END,
            CASE WHEN OLD.consultant IS NEW.consultant THEN '$.consultant' ELSE '$.-' END,
            CASE WHEN OLD.status IS NEW.status THEN '$.status' ELSE '$.-' END,
            CASE WHEN OLD.cancelled_at IS NEW.cancelled_at THEN '$.cancelled_at' ELSE '$.-' END,
            CASE WHEN OLD.cancel_reason IS NEW.cancel_reason THEN '$.cancel_reason' ELSE '$.-' END,
            CASE WHEN OLD.cancel_note IS NEW.cancel_note THEN '$.cancel_note' ELSE '$.-' END,
            CASE WHEN OLD.delivered_at IS NEW.delivered_at THEN '$.delivered_at' ELSE '$.-' END,
            CASE WHEN OLD.delivery_date IS NEW.delivery_date THEN '$.delivery_date' ELSE '$.-' END,
            CASE WHEN OLD.delivery_odometer IS NEW.delivery_odometer THEN '$.delivery_odometer' ELSE '$.-' END,
            CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$.-' END,
            CASE WHEN OLD.updated_at IS NEW.updated_at THEN '$.updated_at' ELSE '$.-' END,
            CASE WHEN OLD.version IS NEW.version THEN '$.version' ELSE '$.-' END),
        OLD.version, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_orders_delete AFTER DELETE ON orders
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('orders', OLD.id, 'delete', '{}', OLD.version,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_cars_insert AFTER INSERT ON cars
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND (OLD.id IS NOT NEW.id OR OLD.customer_id IS NOT NEW.customer_id
        OR OLD.vin IS NOT NEW.vin OR OLD.brand IS NOT NEW.brand
        OR OLD.model IS NOT NEW.model OR OLD.delivered_on IS NOT NEW.delivered_on
        OR OLD.delivery_km IS NOT NEW.delivery_km
        OR OLD.registered_on IS NOT NEW.registered_on
        OR OLD.order_id IS NOT NEW.order_id OR OLD.created_at IS NOT NEW.created_at)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('cars', NEW.id, 'put',
        json_remove(json_object(
            'id', NEW.id, 'customer_id', NEW.customer_id, 'vin', NEW.vin,
            'brand', NEW.brand, 'model', NEW.model, 'delivered_on', NEW.delivered_on,
            'delivery_km', NEW.delivery_km, 'registered_on', NEW.registered_on,
            'order_id', NEW.order_id, 'created_at', NEW.created_at),
            CASE WHEN OLD.id IS NEW.id THEN '$.id' ELSE '$.-' END,
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.vin IS NEW.vin THEN '$.vin' ELSE '$.-' END,
            CASE WHEN OLD.brand IS NEW.brand THEN '$.brand' ELSE '$.-' END,
            CASE WHEN OLD.model IS NEW.model THEN '$.model' ELSE '$.-' END,
            CASE WHEN OLD.delivered_on IS NEW.delivered_on THEN '$.delivered_on' ELSE '$.-' END,
            CASE WHEN OLD.delivery_km IS NEW.delivery_km THEN '$.delivery_km' ELSE '$.-' END,
            CASE WHEN OLD.registered_on IS NEW.registered_on THEN '$.registered_on' ELSE '$.-' END,
            CASE WHEN OLD.order_id IS NEW.order_id THEN '$.order_id' ELSE '$.-' END,
            CASE WHEN OLD.created_at IS NEW.created_at THEN '$.created_at' ELSE '$.-' END),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_cars_delete AFTER DELETE ON cars
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('cars', OLD.id, 'delete', '{}', NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_car_services_insert AFTER INSERT ON car_services
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'car_services' AND row_id = NEW.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'car_services', NEW.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'service', service, 'done_on', done_on)) AS items
        FROM (SELECT * FROM car_services WHERE car_id = NEW.car_id
            ORDER BY service));
END;

CREATE TRIGGER sync_outbox_car_services_update
    AFTER UPDATE OF car_id, service, done_on
    ON car_services
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'car_id', car_id, 'service', service, 'done_on', done_on)) AS items
        FROM (SELECT * FROM car_services WHERE car_id = NEW.car_id
            ORDER BY service));
END;

CREATE TRIGGER sync_outbox_car_services_moved
    AFTER UPDATE OF car_id ON car_services
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.car_id IS NOT NEW.car_id
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
                'car_id', car_id, 'service', service, 'done_on', done_on)) AS items
        FROM (SELECT * FROM car_services WHERE car_id = OLD.car_id
            ORDER BY service));
END;

CREATE TRIGGER sync_outbox_car_services_delete AFTER DELETE ON car_services
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'car_id', car_id, 'service', service, 'done_on', done_on)) AS items
        FROM (SELECT * FROM car_services WHERE car_id = OLD.car_id
            ORDER BY service));
END;

CREATE TRIGGER sync_outbox_insurance_ends_insert AFTER INSERT ON insurance_ends
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
BEGIN
    DELETE FROM sync_outbox
        WHERE entity = 'insurance_ends' AND row_id = NEW.car_id;
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    SELECT 'insurance_ends', NEW.car_id,
        CASE items WHEN '[]' THEN 'delete' ELSE 'put' END,
        CASE items WHEN '[]' THEN '{}' ELSE json_object('items', json(items)) END, NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM (SELECT json_group_array(json_object(
                'car_id', car_id, 'ends_on', ends_on)) AS items
        FROM (SELECT * FROM insurance_ends WHERE car_id = NEW.car_id
            ORDER BY ends_on));
END;

CREATE TRIGGER sync_outbox_insurance_ends_update
    AFTER UPDATE OF car_id, ends_on
    ON insurance_ends
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'car_id', car_id, 'ends_on', ends_on)) AS items
        FROM (SELECT * FROM insurance_ends WHERE car_id = NEW.car_id
            ORDER BY ends_on));
END;

CREATE TRIGGER sync_outbox_insurance_ends_moved
    AFTER UPDATE OF car_id ON insurance_ends
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.car_id IS NOT NEW.car_id
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
                'car_id', car_id, 'ends_on', ends_on)) AS items
        FROM (SELECT * FROM insurance_ends WHERE car_id = OLD.car_id
            ORDER BY ends_on));
END;

CREATE TRIGGER sync_outbox_insurance_ends_delete AFTER DELETE ON insurance_ends
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
                'car_id', car_id, 'ends_on', ends_on)) AS items
        FROM (SELECT * FROM insurance_ends WHERE car_id = OLD.car_id
            ORDER BY ends_on));
END;

CREATE TRIGGER sync_outbox_customer_merges_insert AFTER INSERT ON customer_merges
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND (OLD.kept_id IS NOT NEW.kept_id OR OLD.merged_id IS NOT NEW.merged_id
        OR OLD.merged_at IS NOT NEW.merged_at
        OR OLD.merged_json IS NOT NEW.merged_json)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('customer_merges', NEW.merged_id, 'put',
        json_remove(json_object(
            'kept_id', NEW.kept_id, 'merged_id', NEW.merged_id,
            'merged_at', NEW.merged_at, 'merged_json', NEW.merged_json),
            CASE WHEN OLD.kept_id IS NEW.kept_id THEN '$.kept_id' ELSE '$.-' END,
            CASE WHEN OLD.merged_id IS NEW.merged_id THEN '$.merged_id' ELSE '$.-' END,
            CASE WHEN OLD.merged_at IS NEW.merged_at THEN '$.merged_at' ELSE '$.-' END,
            CASE WHEN OLD.merged_json IS NEW.merged_json THEN '$.merged_json' ELSE '$.-' END),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_customer_merges_delete AFTER DELETE ON customer_merges
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
        'entry', entry, 'uid', uid, 'author', author, 'device', device),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
    FROM timeline WHERE seq = NEW.seq
        AND (SELECT queueing FROM sync_state) = 1;
END;

CREATE TRIGGER sync_outbox_timeline_update
    AFTER UPDATE OF customer_id, at, actor, code, entry, uid, author, device
    ON timeline
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.uid IS NOT NULL
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

CREATE TRIGGER sync_outbox_timeline_delete AFTER DELETE ON timeline
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    FROM stage_moves WHERE customer_id = NEW.customer_id AND seq = NEW.seq
        AND (SELECT queueing FROM sync_state) = 1;
END;

CREATE TRIGGER sync_outbox_stage_moves_update
    AFTER UPDATE OF customer_id, kind, from_status, to_status, stage, at, actor,
    lost_reason, dormant_reason, competitor, note, reassign_to, wake_on, uid
    ON stage_moves
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.uid IS NOT NULL
        AND (OLD.customer_id IS NOT NEW.customer_id OR OLD.kind IS NOT NEW.kind
        OR OLD.from_status IS NOT NEW.from_status
        OR OLD.to_status IS NOT NEW.to_status OR OLD.stage IS NOT NEW.stage
        OR OLD.at IS NOT NEW.at OR OLD.actor IS NOT NEW.actor
        OR OLD.lost_reason IS NOT NEW.lost_reason
        OR OLD.dormant_reason IS NOT NEW.dormant_reason
        OR OLD.competitor IS NOT NEW.competitor OR OLD.note IS NOT NEW.note
        OR OLD.reassign_to IS NOT NEW.reassign_to OR OLD.wake_on IS NOT NEW.wake_on
        OR OLD.uid IS NOT NEW.uid)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('stage_moves', NEW.uid, 'put',
        json_remove(json_object(
            'customer_id', NEW.customer_id, 'kind', NEW.kind,
            'from_status', NEW.from_status, 'to_status', NEW.to_status,
            'stage', NEW.stage, 'at', NEW.at, 'actor', NEW.actor,
            'lost_reason', NEW.lost_reason, 'dormant_reason', NEW.dormant_reason,
            'competitor', NEW.competitor, 'note', NEW.note,
            'reassign_to', NEW.reassign_to, 'wake_on', NEW.wake_on, 'uid', NEW.uid),
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.kind IS NEW.kind THEN '$.kind' ELSE '$.-' END,
            CASE WHEN OLD.from_status IS NEW.from_status THEN '$.from_status' ELSE '$.-' END,
            CASE WHEN OLD.to_status IS NEW.to_status THEN '$.to_status' ELSE '$.-' END,
            CASE WHEN OLD.stage IS NEW.stage THEN '$.stage' ELSE '$.-' END,
            CASE WHEN OLD.at IS NEW.at THEN '$.at' ELSE '$.-' END,
            CASE WHEN OLD.actor IS NEW.actor THEN '$.actor' ELSE '$.-' END,
            CASE WHEN OLD.lost_reason IS NEW.lost_reason THEN '$.lost_reason' ELSE '$.-' END,
            CASE WHEN OLD.dormant_reason IS NEW.dormant_reason THEN '$.dormant_reason' ELSE '$.-' END,
            CASE WHEN OLD.competitor IS NEW.competitor THEN '$.competitor' ELSE '$.-' END,
            CASE WHEN OLD.note IS NEW.note THEN '$.note' ELSE '$.-' END,
            CASE WHEN OLD.reassign_to IS NEW.reassign_to THEN '$.reassign_to' ELSE '$.-' END,
            CASE WHEN OLD.wake_on IS NEW.wake_on THEN '$.wake_on' ELSE '$.-' END,
            CASE WHEN OLD.uid IS NEW.uid THEN '$.uid' ELSE '$.-' END),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_stage_moves_delete AFTER DELETE ON stage_moves
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    FROM intent_level_changes WHERE seq = NEW.seq
        AND (SELECT queueing FROM sync_state) = 1;
END;

CREATE TRIGGER sync_outbox_intent_level_changes_update
    AFTER UPDATE OF customer_id, at, who, from_level, to_level, uid
    ON intent_level_changes
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.uid IS NOT NULL
        AND (OLD.customer_id IS NOT NEW.customer_id OR OLD.at IS NOT NEW.at
        OR OLD.who IS NOT NEW.who OR OLD.from_level IS NOT NEW.from_level
        OR OLD.to_level IS NOT NEW.to_level OR OLD.uid IS NOT NEW.uid)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('intent_level_changes', NEW.uid, 'put',
        json_remove(json_object(
            'customer_id', NEW.customer_id, 'at', NEW.at, 'who', NEW.who,
            'from_level', NEW.from_level, 'to_level', NEW.to_level, 'uid', NEW.uid),
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.at IS NEW.at THEN '$.at' ELSE '$.-' END,
            CASE WHEN OLD.who IS NEW.who THEN '$.who' ELSE '$.-' END,
            CASE WHEN OLD.from_level IS NEW.from_level THEN '$.from_level' ELSE '$.-' END,
            CASE WHEN OLD.to_level IS NEW.to_level THEN '$.to_level' ELSE '$.-' END,
            CASE WHEN OLD.uid IS NEW.uid THEN '$.uid' ELSE '$.-' END),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_intent_level_changes_delete AFTER DELETE ON intent_level_changes
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
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
    FROM odometer_readings WHERE seq = NEW.seq
        AND (SELECT queueing FROM sync_state) = 1;
END;

CREATE TRIGGER sync_outbox_odometer_readings_update
    AFTER UPDATE OF car_id, on_date, km, source, recorded_at, uid
    ON odometer_readings
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state) AND OLD.uid IS NOT NULL
        AND (OLD.car_id IS NOT NEW.car_id OR OLD.on_date IS NOT NEW.on_date
        OR OLD.km IS NOT NEW.km OR OLD.source IS NOT NEW.source
        OR OLD.recorded_at IS NOT NEW.recorded_at OR OLD.uid IS NOT NEW.uid)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('odometer_readings', NEW.uid, 'put',
        json_remove(json_object(
            'car_id', NEW.car_id, 'on_date', NEW.on_date, 'km', NEW.km,
            'source', NEW.source, 'recorded_at', NEW.recorded_at, 'uid', NEW.uid),
            CASE WHEN OLD.car_id IS NEW.car_id THEN '$.car_id' ELSE '$.-' END,
            CASE WHEN OLD.on_date IS NEW.on_date THEN '$.on_date' ELSE '$.-' END,
            CASE WHEN OLD.km IS NEW.km THEN '$.km' ELSE '$.-' END,
            CASE WHEN OLD.source IS NEW.source THEN '$.source' ELSE '$.-' END,
            CASE WHEN OLD.recorded_at IS NEW.recorded_at THEN '$.recorded_at' ELSE '$.-' END,
            CASE WHEN OLD.uid IS NEW.uid THEN '$.uid' ELSE '$.-' END),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;

CREATE TRIGGER sync_outbox_odometer_readings_delete AFTER DELETE ON odometer_readings
    WHEN (SELECT applying = 0 AND queueing = 1 FROM sync_state)
        AND EXISTS (SELECT 1 FROM cars WHERE id = OLD.car_id)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('odometer_readings', OLD.uid, 'delete', '{}', NULL,
        CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
END;
