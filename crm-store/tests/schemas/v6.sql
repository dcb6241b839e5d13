-- Frozen copy of the released schema version 6 (v5 + has_pending_plan and its triggers, fire_at_ms, the agenda's and reminders' partial indexes). Never edit.
-- Instants are INTEGER UTC milliseconds; calendar dates are TEXT 'YYYY-MM-DD'.

CREATE TABLE customers (
    -- A compact integer key for index tables (search terms); stable across VACUUM.
    seq                     INTEGER PRIMARY KEY,
    id                      TEXT NOT NULL UNIQUE,
    name                    TEXT NOT NULL,
    gender                  TEXT NOT NULL,
    birthday                TEXT,
    age_band                TEXT,
    occupation              TEXT,
    province                TEXT,
    city                    TEXT,
    district                TEXT,
    notes                   TEXT,
    source_kind             TEXT NOT NULL,
    source_detail           TEXT,
    source_referrer_id      TEXT,
    first_contact_at        INTEGER,
    first_contact_place     TEXT,
    first_contact_scene     TEXT,
    first_contact_reaction  TEXT,
    importance              INTEGER NOT NULL,
    owner                   TEXT,
    archived_at             INTEGER,
    -- The last time the consultant reached the customer (follow-ups set it).
    last_contact_at         INTEGER,
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL,
    version                 INTEGER NOT NULL
);

-- The default list order: newest first, keyset-paged.
CREATE INDEX customers_by_created ON customers (created_at, id);

CREATE TABLE contacts (
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    value        TEXT NOT NULL,
    key          TEXT NOT NULL,
    label        TEXT,
    is_primary   INTEGER NOT NULL,
    PRIMARY KEY (customer_id, position)
) WITHOUT ROWID;

-- Who owns this phone / WeChat / e-mail: duplicate checks and exact lookups.
CREATE INDEX contacts_by_key ON contacts (key);

CREATE TABLE customer_tags (
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    tag          TEXT NOT NULL,
    tag_key      TEXT NOT NULL,
    PRIMARY KEY (customer_id, position)
) WITHOUT ROWID;

CREATE INDEX customer_tags_by_key ON customer_tags (tag_key);
-- Version 2: the quick-search index.
-- One row per search term (a suffix of a name, pinyin, phone or handle key; see
-- crm_core::search). Queries are prefix-range scans on (field, term); the row carries what
-- ranking and filtering need, so the scan never touches the customers table. Whole keys
-- (anchored) and inner suffixes are scanned apart: substring matches rank after prefix ones.

CREATE TABLE search_terms (
    field     INTEGER NOT NULL,
    term      TEXT NOT NULL,
    seq       INTEGER NOT NULL REFERENCES customers (seq) ON DELETE CASCADE,
    anchored  INTEGER NOT NULL,
    -- Last contact, else creation, in UTC milliseconds: ties rank the most recent first.
    recency   INTEGER NOT NULL,
    archived  INTEGER NOT NULL,
    PRIMARY KEY (field, anchored, term, seq)
) WITHOUT ROWID;

CREATE INDEX search_terms_by_customer ON search_terms (seq);

-- Whole keys by recency: when a short query's prefix matches thousands of keys, the most
-- recent matches are found by walking this instead of reading them all.
CREATE INDEX search_terms_by_recency ON search_terms (field, recency DESC, archived, term, seq)
    WHERE anchored = 1;

-- Version 3: the record of merged duplicates.

CREATE TABLE customer_merges (
    id            INTEGER PRIMARY KEY,
    kept_id       TEXT NOT NULL,
    merged_id     TEXT NOT NULL,
    merged_at     INTEGER NOT NULL,
    -- The merged customer as it was (JSON of crm_core::Customer), so the merge can be audited.
    merged_json   TEXT NOT NULL
);

CREATE INDEX customer_merges_by_kept ON customer_merges (kept_id);

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

-- Version 6: the agenda and the reminders read only what they show.

-- 1 while the customer has a pending plan, else 0. Kept equal to
-- EXISTS (pending plan of the customer) by the triggers below, whichever code writes the
-- plans (setting, closing, merging, deleting), so the agenda's cadence query skips the
-- customers a plan already covers without looking each one's plan up.
ALTER TABLE customers ADD COLUMN has_pending_plan INTEGER NOT NULL DEFAULT 0;
UPDATE customers SET has_pending_plan = 1
    WHERE id IN (SELECT customer_id FROM plans WHERE status IN ('open', 'rescheduled'));

CREATE TRIGGER plans_pending_on_insert AFTER INSERT ON plans
    WHEN NEW.status IN ('open', 'rescheduled')
BEGIN
    UPDATE customers SET has_pending_plan = 1 WHERE id = NEW.customer_id;
END;

CREATE TRIGGER plans_pending_on_update AFTER UPDATE OF status, customer_id ON plans
    WHEN OLD.status IS NOT NEW.status OR OLD.customer_id IS NOT NEW.customer_id
BEGIN
    UPDATE customers SET has_pending_plan = EXISTS (
        SELECT 1 FROM plans p WHERE p.customer_id = customers.id AND p.status IN ('open', 'rescheduled'))
    WHERE id IN (OLD.customer_id, NEW.customer_id);
END;

CREATE TRIGGER plans_pending_on_delete AFTER DELETE ON plans
    WHEN OLD.status IN ('open', 'rescheduled')
BEGIN
    UPDATE customers SET has_pending_plan = 0 WHERE id = OLD.customer_id;
END;

-- The agenda's customers: a consultant's (or the unassigned: owner IS NULL) active
-- customers, those without a pending plan by level and last touch (cadence-due when it lies
-- before the level's bound), and those with one (the customers of the agenda's plans). The
-- last-touch expression is repeated verbatim in agenda_store.rs. Covering: it carries every
-- column the agenda reads of a customer, so a consultant's are a few contiguous pages
-- instead of one table page each.
DROP INDEX customers_cadence;
CREATE INDEX customers_agenda ON customers
    (owner, has_pending_plan, intent_level,
     max(coalesce(first_contact_at, 0), coalesce(last_contact_at, 0)),
     id, importance, created_at, first_contact_at, last_contact_at, archived_at)
    WHERE archived_at IS NULL;

-- The archived customers: the reminders leave their plans out with a look-up in this small
-- index rather than in the customers table.
CREATE INDEX customers_archived ON customers (id, archived_at)
    WHERE archived_at IS NOT NULL;

-- When a pending plan's reminder fires (UTC ms; crm_core::ReminderConfig::fire_at in the
-- dealership's zone); NULL for closed plans. Written with the plan, recomputed for every
-- pending plan when the zone or the reminder settings change.
ALTER TABLE plans ADD COLUMN fire_at_ms INTEGER;

-- Only pending plans are ever looked for by time: partial indexes, a third of the size.
-- Covering: after the key they carry the columns the agenda and the reminders read of a
-- pending plan (plans::PENDING_PLAN_COLUMNS: all but the content and the closing ones), so
-- a consultant's plans are one contiguous index range, not one table page each.
DROP INDEX plans_by_owner_due;
DROP INDEX plans_pending_by_due;
-- A consultant's pending plans by due start: the agenda.
CREATE INDEX plans_pending_by_owner_due ON plans
    (owner, due_start_ms,
     id, customer_id, time_kind, time_at, time_date, method, purpose, status, revision,
     created_at, updated_at)
    WHERE status IN ('open', 'rescheduled');
-- Pending plans by fire time: the reminders of a window, the whole store's ...
CREATE INDEX plans_pending_by_fire ON plans
    (fire_at_ms,
     id, customer_id, time_kind, time_at, time_date, method, purpose, status, revision,
     created_at, updated_at)
    WHERE status IN ('open', 'rescheduled');
-- ... and one consultant's (the app on a phone schedules its own user's).
CREATE INDEX plans_pending_by_owner_fire ON plans
    (owner, fire_at_ms,
     id, customer_id, time_kind, time_at, time_date, method, purpose, status, revision,
     created_at, updated_at)
    WHERE status IN ('open', 'rescheduled');
