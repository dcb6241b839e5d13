-- Version 4: sorting and filtering the list, saved views.

-- The pinyin sort key of the name (crm_core::search::name_sort_key), backfilled on upgrade.
ALTER TABLE customers ADD COLUMN name_sort TEXT NOT NULL DEFAULT '';

-- What a list row shows, kept beside the record so a page of 1,000 reads one row per customer:
-- the primary contact and the tags joined by U+001F. Written with every change (rows.rs);
-- contacts and customer_tags stay the source of truth.
ALTER TABLE customers ADD COLUMN list_contact_kind TEXT;
ALTER TABLE customers ADD COLUMN list_contact_value TEXT;
ALTER TABLE customers ADD COLUMN list_contact_key TEXT;
ALTER TABLE customers ADD COLUMN list_contact_label TEXT;
ALTER TABLE customers ADD COLUMN list_tags TEXT NOT NULL DEFAULT '';

UPDATE customers SET
    list_contact_kind = (SELECT kind FROM contacts p WHERE p.customer_id = customers.id AND p.is_primary = 1),
    list_contact_value = (SELECT value FROM contacts p WHERE p.customer_id = customers.id AND p.is_primary = 1),
    list_contact_key = (SELECT key FROM contacts p WHERE p.customer_id = customers.id AND p.is_primary = 1),
    list_contact_label = (SELECT label FROM contacts p WHERE p.customer_id = customers.id AND p.is_primary = 1),
    list_tags = coalesce((SELECT group_concat(tag, char(31)) FROM
        (SELECT tag FROM customer_tags t WHERE t.customer_id = customers.id ORDER BY position)), '');

CREATE INDEX customers_by_name ON customers (name_sort, id);
CREATE INDEX customers_by_last_contact ON customers (coalesce(last_contact_at, 0), id);
-- Filter indexes: the dimension, then the default order (created, id), then the other
-- common filter columns, so a filtered page or count reads the index alone.
CREATE INDEX customers_by_importance ON customers (importance, created_at, id, source_kind, owner, archived_at);
CREATE INDEX customers_by_source ON customers (source_kind, created_at, id, owner, importance, archived_at);
CREATE INDEX customers_by_owner ON customers (owner, created_at, id, source_kind, importance, archived_at);

CREATE TABLE saved_views (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    -- The name folded for uniqueness ("My view" and "my view" are one name).
    name_key    TEXT NOT NULL UNIQUE,
    -- JSON {"format": N, "filter": ..., "sort": ..., "columns": [...]}; see crm-store views.rs.
    definition  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    version     INTEGER NOT NULL
);
