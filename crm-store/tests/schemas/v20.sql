-- Frozen copy of the released schema version 20 (v19 + deals: a customer's deals, their first deal upgraded in place, the deal of each move, intent, visit and order). Never edit.
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

-- Version 7: the opportunity pipeline (stage moves and where each customer stands), vehicle
-- intents, the dealership's catalogue, store visits and test drives, orders and deliveries,
-- and the intent level's history.

-- Where each customer stands in the pipeline: the state after their last stage move
-- (crm_core::replay of stage_moves), kept on the row for filters, lists and reports.
-- pipeline_since is NULL until the first move (the status began at created_at).
ALTER TABLE customers ADD COLUMN pipeline_stage TEXT NOT NULL DEFAULT 'new_lead';
ALTER TABLE customers ADD COLUMN pipeline_status TEXT NOT NULL DEFAULT 'new_lead';
ALTER TABLE customers ADD COLUMN pipeline_since INTEGER;
-- The lost reason while a lost request is pending or approved, else NULL.
ALTER TABLE customers ADD COLUMN lost_reason TEXT;
-- When each stage was first reached (crm_core::first_reached; a new lead at created_at).
-- Never cleared: a step back or a cancelled order does not un-reach a stage.
ALTER TABLE customers ADD COLUMN reached_contacted INTEGER;
ALTER TABLE customers ADD COLUMN reached_invited INTEGER;
ALTER TABLE customers ADD COLUMN reached_visited INTEGER;
ALTER TABLE customers ADD COLUMN reached_test_driven INTEGER;
ALTER TABLE customers ADD COLUMN reached_negotiating INTEGER;
ALTER TABLE customers ADD COLUMN reached_ordered INTEGER;
ALTER TABLE customers ADD COLUMN reached_delivered INTEGER;
-- From the orders: when the earliest order that is not cancelled was placed, when the first
-- delivery was recorded, and the revenue (price less discount, fen) of delivered orders.
ALTER TABLE customers ADD COLUMN ordered_at INTEGER;
ALTER TABLE customers ADD COLUMN delivered_at INTEGER;
ALTER TABLE customers ADD COLUMN revenue_fen INTEGER NOT NULL DEFAULT 0;

CREATE INDEX customers_by_pipeline_status ON customers (pipeline_status, owner);
CREATE INDEX customers_by_pipeline_stage ON customers (pipeline_stage, owner);
-- A manager's queue: pending lost and dormant requests, oldest first.
CREATE INDEX customers_pending_requests ON customers (pipeline_since)
    WHERE pipeline_status IN ('lost_requested', 'dormant_requested');
CREATE INDEX customers_by_lost_reason ON customers (lost_reason) WHERE lost_reason IS NOT NULL;
CREATE INDEX customers_by_ordered_at ON customers (ordered_at) WHERE ordered_at IS NOT NULL;
CREATE INDEX customers_by_delivered_at ON customers (delivered_at) WHERE delivered_at IS NOT NULL;
-- Reports: a year's funnel and channel table read the cohort from this index alone.
CREATE INDEX customers_report_cohort ON customers (created_at, owner, source_kind,
    pipeline_status, pipeline_since, reached_contacted, reached_invited, reached_visited,
    reached_test_driven, reached_negotiating, reached_ordered, reached_delivered, delivered_at, id);

-- Every pipeline move (crm_core::StageMove), numbered 1, 2, ... per customer.
CREATE TABLE stage_moves (
    customer_id     TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    stage           TEXT NOT NULL,
    at              INTEGER NOT NULL,
    actor           TEXT,
    lost_reason     TEXT,
    dormant_reason  TEXT,
    competitor      TEXT,
    note            TEXT,
    reassign_to     TEXT,
    PRIMARY KEY (customer_id, seq)
) WITHOUT ROWID;
-- Moves of a period (reports).
CREATE INDEX stage_moves_by_time ON stage_moves (at);

-- The dealership's catalogue (车型库), replaced whole on every load; intents, visits and
-- orders keep the model's code even when a later load drops it.
CREATE TABLE catalogue_models (
    id          TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    brand       TEXT NOT NULL,
    series      TEXT NOT NULL,
    model       TEXT NOT NULL,
    body_type   TEXT NOT NULL,
    powertrain  TEXT NOT NULL,
    price_min   INTEGER NOT NULL,
    price_max   INTEGER NOT NULL
);

-- Vehicle intents (购车意向); lists are JSON arrays of text.
CREATE TABLE vehicle_intents (
    id                      TEXT PRIMARY KEY,
    customer_id             TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    brand                   TEXT,
    series                  TEXT,
    model                   TEXT,
    trim                    TEXT,
    body_type               TEXT,
    powertrain              TEXT,
    colours                 TEXT NOT NULL,
    options                 TEXT NOT NULL,
    budget_min              INTEGER,
    budget_max              INTEGER,
    timeframe               TEXT NOT NULL,
    payment                 TEXT,
    trade_in_brand          TEXT,
    trade_in_model          TEXT,
    trade_in_year           INTEGER,
    trade_in_mileage_km     INTEGER,
    trade_in_value          INTEGER,
    competitors             TEXT NOT NULL,
    catalogue_model         TEXT,
    is_primary              INTEGER NOT NULL,
    notes                   TEXT,
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL,
    version                 INTEGER NOT NULL
);
CREATE INDEX vehicle_intents_by_customer ON vehicle_intents (customer_id, created_at);
-- At most one primary intent per customer (the store keeps exactly one while any exist).
CREATE UNIQUE INDEX vehicle_intents_one_primary ON vehicle_intents (customer_id)
    WHERE is_primary = 1;
-- Filters: intended brand / series, body type, powertrain.
CREATE INDEX vehicle_intents_by_brand ON vehicle_intents (brand, series) WHERE brand IS NOT NULL;
CREATE INDEX vehicle_intents_by_body_type ON vehicle_intents (body_type) WHERE body_type IS NOT NULL;
CREATE INDEX vehicle_intents_by_powertrain ON vehicle_intents (powertrain) WHERE powertrain IS NOT NULL;

-- Store visits and test drives (到店 / 试驾).
CREATE TABLE visits (
    id               TEXT PRIMARY KEY,
    customer_id      TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    model            TEXT,
    catalogue_model  TEXT,
    scheduled_at     INTEGER NOT NULL,
    consultant       TEXT,
    notes            TEXT,
    status           TEXT NOT NULL,
    closed_at        INTEGER,
    feedback         TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    version          INTEGER NOT NULL
);
CREATE INDEX visits_by_customer ON visits (customer_id, scheduled_at);
-- A consultant's upcoming visits.
CREATE INDEX visits_scheduled_by_consultant ON visits (consultant, scheduled_at)
    WHERE status = 'scheduled';

-- Orders (订单) and their delivery (交车). status: active, cancelled or delivered.
CREATE TABLE orders (
    id                  TEXT PRIMARY KEY,
    customer_id         TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    intent_id           TEXT REFERENCES vehicle_intents (id) ON DELETE SET NULL,
    brand               TEXT,
    series              TEXT,
    model               TEXT NOT NULL,
    trim                TEXT,
    colour              TEXT,
    catalogue_model     TEXT,
    vin                 TEXT,
    price               INTEGER NOT NULL,
    discount            INTEGER NOT NULL,
    deposit             INTEGER NOT NULL,
    order_date          TEXT NOT NULL,
    expected_delivery   TEXT,
    finance             INTEGER NOT NULL,
    insurance           INTEGER NOT NULL,
    consultant          TEXT,
    status              TEXT NOT NULL,
    cancelled_at        INTEGER,
    cancel_reason       TEXT,
    cancel_note         TEXT,
    delivered_at        INTEGER,
    delivery_date       TEXT,
    delivery_odometer   INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    version             INTEGER NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, created_at);
CREATE INDEX orders_by_intent ON orders (intent_id) WHERE intent_id IS NOT NULL;
CREATE INDEX orders_by_vin ON orders (vin) WHERE vin IS NOT NULL;

-- The intent level's history (意向级别变更记录): who moved the customer from which level to
-- which, and when. Backfilled from the timeline's intent changes.
CREATE TABLE intent_level_changes (
    seq          INTEGER PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at           INTEGER NOT NULL,
    who          TEXT NOT NULL,
    from_level   TEXT,
    to_level     TEXT NOT NULL
);
CREATE INDEX intent_level_changes_by_customer ON intent_level_changes (customer_id, at, seq);
CREATE INDEX intent_level_changes_by_time ON intent_level_changes (at);

INSERT INTO intent_level_changes (customer_id, at, who, from_level, to_level)
    SELECT t.customer_id, t.at, coalesce(t.actor, c.owner, 'unknown'),
           json_extract(t.entry, '$.from'), json_extract(t.entry, '$.to')
    FROM timeline t JOIN customers c ON c.id = t.customer_id
    WHERE t.code = 'intent_changed'
    ORDER BY t.at, t.seq;

-- Version 8: care after the sale (cars, odometer readings, insurance end dates, consent,
-- care tasks). Self-contained: cars.order_id names an order without a foreign key.

-- Delivered cars (已交车辆), the care engine's anchor.
CREATE TABLE cars (
    id             TEXT PRIMARY KEY NOT NULL,
    customer_id    TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    vin            TEXT,
    brand          TEXT NOT NULL,
    model          TEXT NOT NULL,
    delivered_on   TEXT NOT NULL,
    delivery_km    INTEGER NOT NULL,
    registered_on  TEXT,
    -- The order the car was delivered on; no foreign key (orders live elsewhere).
    order_id       TEXT,
    created_at     INTEGER NOT NULL
);
CREATE INDEX cars_by_customer ON cars (customer_id, delivered_on);
CREATE UNIQUE INDEX cars_by_vin ON cars (vin) WHERE vin IS NOT NULL;

-- Odometer readings (里程); source: crm_core::OdometerSource code.
CREATE TABLE odometer_readings (
    seq          INTEGER PRIMARY KEY,
    car_id       TEXT NOT NULL REFERENCES cars (id) ON DELETE CASCADE,
    on_date      TEXT NOT NULL,
    km           INTEGER NOT NULL,
    source       TEXT NOT NULL,
    recorded_at  INTEGER NOT NULL
);
CREATE INDEX odometer_readings_by_car ON odometer_readings (car_id, on_date);

-- End dates of a car's insurance policies (保险到期日).
CREATE TABLE insurance_ends (
    car_id   TEXT NOT NULL REFERENCES cars (id) ON DELETE CASCADE,
    ends_on  TEXT NOT NULL,
    PRIMARY KEY (car_id, ends_on)
) WITHOUT ROWID;

-- Consent per customer and channel, the latest word only (the history is in the
-- timeline). channel, state, source: crm_core codes.
CREATE TABLE consents (
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    state        TEXT NOT NULL,
    at           INTEGER NOT NULL,
    source       TEXT NOT NULL,
    note         TEXT,
    PRIMARY KEY (customer_id, channel)
) WITHOUT ROWID;

-- Care tasks (关怀任务) by their stable key (crm_core::CareTaskKey).
CREATE TABLE care_tasks (
    key            TEXT PRIMARY KEY NOT NULL,
    customer_id    TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- The car, for tasks about one car; no foreign key: a car goes with its customer.
    car_id         TEXT,
    -- The customer's owner, copied so a consultant's open tasks are one index range; kept
    -- in step when the customer's owner changes.
    owner          TEXT,
    kind           TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    event_on       TEXT NOT NULL,
    channel        TEXT NOT NULL,
    assignee       TEXT NOT NULL,
    template_key   TEXT NOT NULL,
    needs_consent  INTEGER NOT NULL,
    -- JSON of crm_core::CareDetail.
    detail         TEXT NOT NULL,
    -- A hash of the task as generated: a re-run compares it instead of every column.
    fingerprint    INTEGER NOT NULL,
    -- crm_core::CareTaskStatusKind code; closed_at with outcome (done) or skip_reason
    -- (skipped); snoozed_until (snoozed).
    status         TEXT NOT NULL,
    closed_at      INTEGER,
    outcome        TEXT,
    skip_reason    TEXT,
    snoozed_until  TEXT,
    -- The date the task belongs in the agenda: the snooze date, else due_on.
    agenda_on      TEXT NOT NULL,
    generated_at   INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) WITHOUT ROWID;

-- A consultant's open and snoozed tasks by agenda date: the agenda.
CREATE INDEX care_tasks_open_by_owner ON care_tasks (owner, agenda_on)
    WHERE status IN ('open', 'snoozed');
-- A customer's tasks (and the foreign key's cascade).
CREATE INDEX care_tasks_by_customer ON care_tasks (customer_id, due_on);
-- Tasks by due date and status, covering what a re-run compares (the key is in every
-- index of a WITHOUT ROWID table).
CREATE INDEX care_tasks_by_due ON care_tasks (due_on, status, fingerprint);

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

-- Version 10: the agenda reads only the customers whose plan it shows.

-- The due start (UTC ms, plans.due_start_ms) of the customer's pending plan; NULL while
-- the customer has none. Kept equal to it by the triggers below, whichever code writes the
-- plans (setting, rescheduling, closing, merging, deleting, a new zone's due starts), so
-- the agenda reads the customers of the plans due by its day's end as one index range
-- instead of every customer with a pending plan (most plans lie weeks ahead).
ALTER TABLE customers ADD COLUMN next_plan_due_ms INTEGER;
UPDATE customers SET next_plan_due_ms = (
    SELECT min(p.due_start_ms) FROM plans p
    WHERE p.customer_id = customers.id AND p.status IN ('open', 'rescheduled'))
    WHERE id IN (SELECT customer_id FROM plans WHERE status IN ('open', 'rescheduled'));

CREATE TRIGGER plans_next_due_on_insert AFTER INSERT ON plans
    WHEN NEW.status IN ('open', 'rescheduled')
BEGIN
    UPDATE customers SET next_plan_due_ms = (
        SELECT min(p.due_start_ms) FROM plans p
        WHERE p.customer_id = customers.id AND p.status IN ('open', 'rescheduled'))
    WHERE id = NEW.customer_id;
END;

CREATE TRIGGER plans_next_due_on_update AFTER UPDATE OF status, customer_id, due_start_ms ON plans
    WHEN OLD.status IS NOT NEW.status OR OLD.customer_id IS NOT NEW.customer_id
        OR OLD.due_start_ms IS NOT NEW.due_start_ms
BEGIN
    UPDATE customers SET next_plan_due_ms = (
        SELECT min(p.due_start_ms) FROM plans p
        WHERE p.customer_id = customers.id AND p.status IN ('open', 'rescheduled'))
    WHERE id IN (OLD.customer_id, NEW.customer_id);
END;

CREATE TRIGGER plans_next_due_on_delete AFTER DELETE ON plans
    WHEN OLD.status IN ('open', 'rescheduled')
BEGIN
    UPDATE customers SET next_plan_due_ms = (
        SELECT min(p.due_start_ms) FROM plans p
        WHERE p.customer_id = customers.id AND p.status IN ('open', 'rescheduled'))
    WHERE id = OLD.customer_id;
END;

-- The agenda's customers, keyed by the pending plan's due start instead of
-- has_pending_plan: those with a plan due by the agenda's bound are one range
-- (next_plan_due_ms < bound), those without a plan (next_plan_due_ms IS NULL) are found by
-- level and last touch (cadence-due when it lies before the level's bound) as before. The
-- last-touch expression is repeated verbatim in agenda_store.rs. Covering, as schema 6's.
DROP INDEX customers_agenda;
CREATE INDEX customers_agenda ON customers
    (owner, next_plan_due_ms, intent_level,
     max(coalesce(first_contact_at, 0), coalesce(last_contact_at, 0)),
     id, importance, created_at, first_contact_at, last_contact_at, archived_at)
    WHERE archived_at IS NULL;

-- The active customers nobody has contacted yet (a first response is owed whatever their
-- plan), by owner and plan due start: the agenda's few whose plan lies after its bound.
-- Covering, like customers_agenda.
CREATE INDEX customers_uncontacted ON customers
    (owner, next_plan_due_ms,
     id, importance, intent_level, created_at, first_contact_at, last_contact_at, archived_at)
    WHERE archived_at IS NULL AND first_contact_at IS NULL AND last_contact_at IS NULL;

-- Version 11: a customer's care tasks in one row, their care schedule (care_schedule.rs),
-- instead of a row per task: a year's care run for a large book writes one small row per
-- customer rather than a wide row and four index entries per task. The backfill
-- (care_v9.rs) moves every customer's rows of care_tasks into their schedule, then drops
-- care_tasks.

-- Care schedules (关怀日程): one per customer with care tasks.
CREATE TABLE care_schedules (
    customer_id  TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    -- The customer's owner, copied so a consultant's schedules are one index range; kept
    -- in step when the customer's owner changes.
    owner        TEXT,
    -- The earliest agenda date (days since 1970-01-01) of an open or snoozed task: its due
    -- date, or the snooze date; NULL when nothing is left to do.
    next_on      INTEGER,
    -- The run mark: the window (day numbers) of the last care run that planned the
    -- customer, a digest of what it planned from (planner version, rules, window, the
    -- customer's facts) and how many tasks are due in that window. All NULL when the next
    -- run must plan the customer (after an upgrade or a merge).
    run_from     INTEGER,
    run_to       INTEGER,
    run_digest   INTEGER,
    run_tasks    INTEGER,
    -- The tasks with their status, by due date then key, compressed with zstd: JSON
    -- {"agenda": [each task's agenda day number while still to do, else null],
    --  "tasks": [crm_core::CareTaskRecord, ...]}.
    tasks        BLOB NOT NULL
);

-- A consultant's schedules by the next thing to do: the agenda reads those due by its date.
CREATE INDEX care_schedules_by_owner ON care_schedules (owner, next_on);
-- The run marks, covering what a run reads of every schedule before planning: a re-run
-- reads this instead of the rows with their tasks.
CREATE INDEX care_schedules_marks ON care_schedules
    (customer_id, owner, run_from, run_to, run_digest, run_tasks);

-- The backfill's last step (care_v9.rs).
DROP TABLE care_tasks;

-- Version 12: daily work.

-- Agenda: lost, dormant and delivered customers out of the sales cadence; a dormant
-- customer's wake-up date (agenda_store.rs, pipeline_store.rs).

-- A dormant request's wake-up date (TEXT 'YYYY-MM-DD'), on the request and its approval
-- (crm_core::StageMove::wake_on), so that replaying the moves gives it back.
ALTER TABLE stage_moves ADD COLUMN wake_on TEXT;
-- The wake-up date of an approved dormant customer whose request gave one, else NULL: kept
-- with the other pipeline columns (pipeline_store::mirror_state). Older dormant customers
-- had no date to give, so nothing is filled in.
ALTER TABLE customers ADD COLUMN wake_on TEXT;

-- The agenda's customers, as schema 10's with one more key column after the owner: 1 for
-- a customer out of the sales cadence (crm_core::PipelineStatus::in_sales_cadence is
-- false: lost, dormant, delivered), else 0. The customers of the plans due are two ranges
-- (in the cadence, and the few out of it), and the cadence candidates (expression 0,
-- next_plan_due_ms IS NULL, level, last touch) skip the others inside the index, however
-- many lost customers a book gathers. The expression and the last-touch one are repeated
-- verbatim in agenda_store.rs. Covering: it also carries the wake-up date (a customer of a
-- plan due may be dormant and awake).
DROP INDEX customers_agenda;
CREATE INDEX customers_agenda ON customers
    (owner, pipeline_status IN ('lost', 'dormant', 'delivered'), next_plan_due_ms,
     intent_level, max(coalesce(first_contact_at, 0), coalesce(last_contact_at, 0)),
     id, importance, created_at, first_contact_at, last_contact_at, wake_on, archived_at)
    WHERE archived_at IS NULL;

-- The never-contacted customers, keyed the same way: those in the cadence whose plan lies
-- later are owed a first response.
DROP INDEX customers_uncontacted;
CREATE INDEX customers_uncontacted ON customers
    (owner, pipeline_status IN ('lost', 'dormant', 'delivered'), next_plan_due_ms,
     id, importance, intent_level, created_at, first_contact_at, last_contact_at, archived_at)
    WHERE archived_at IS NULL AND first_contact_at IS NULL AND last_contact_at IS NULL;

-- The dormant customers with a wake-up date (only they have one), by owner and date: the
-- agenda of a date reads those whose date has come as one range. Covering; small.
CREATE INDEX customers_wake_up ON customers
    (owner, wake_on,
     next_plan_due_ms, id, importance, intent_level, created_at, first_contact_at,
     last_contact_at, archived_at)
    WHERE wake_on IS NOT NULL AND archived_at IS NULL;

-- Care: known services, run marks that count tasks blocked by consent, consent per channel
-- (care_services.rs, care_schedule.rs, crm_core::ConsentRules).
-- The services a car is known to have had by a maintenance task marked done: the
-- maintenance schedule restarts from them (readings taken at a service visit are the
-- others). The backfill copies every schedule's done maintenance tasks.
CREATE TABLE car_services (
    car_id   TEXT NOT NULL REFERENCES cars (id) ON DELETE CASCADE,
    -- The service's number (crm_core::CareDetail::Maintenance's service).
    service  INTEGER NOT NULL,
    -- The dealership's local date the task was marked done.
    done_on  TEXT NOT NULL,
    PRIMARY KEY (car_id, service)
) WITHOUT ROWID;
-- The run mark's count of the tasks of its window not made for want of a channel the
-- customer can be reached on and consented to; NULL (no mark) until the next run.
ALTER TABLE care_schedules ADD COLUMN run_blocked INTEGER;
DROP INDEX care_schedules_marks;
CREATE INDEX care_schedules_marks ON care_schedules
    (customer_id, owner, run_from, run_to, run_digest, run_tasks, run_blocked);
-- Consent became per channel, never-asked no longer counting as consent: the care rules'
-- old single switch is dropped so that the new default (no channel) applies.
UPDATE settings SET value = json_remove(value, '$.consent.unknown_allows_marketing')
WHERE key = 'care_rules'
    AND json_type(value, '$.consent.unknown_allows_marketing') IN ('true', 'false');

-- Reports: stage records and first response from assignment --------------------------
-- (reports/fast.rs, crm_core::recorded_stages, crm_core::consultant_report)

-- When the current owner was given the customer, when that happened after the customer was
-- entered (NULL: entered with that owner, or no owner). Kept by
-- customers_assigned_on_owner_change; filled for older books from the timeline's owner
-- changes (none recorded: entered with the owner).
ALTER TABLE customers ADD COLUMN assigned_at INTEGER;

-- When each funnel stage after new lead was first recorded as having happened, the rules of
-- crm_core::recorded_stages: a follow-up (contacted; an invitation: invited; a price
-- negotiation: negotiating), an appointment (a visit entered before its time: invited, at
-- its entry), a visit done (visited; a test drive: test-driven too), an order placed
-- (ordered) or delivered (delivered), and the stage a move of the consultant's choice
-- (advance, step back, reopen) lands on. Unlike reached_<stage>, which a pipeline jump
-- sets for every stage it passes. Kept by the triggers below.
ALTER TABLE customers ADD COLUMN recorded_contacted INTEGER;
ALTER TABLE customers ADD COLUMN recorded_invited INTEGER;
ALTER TABLE customers ADD COLUMN recorded_visited INTEGER;
ALTER TABLE customers ADD COLUMN recorded_test_driven INTEGER;
ALTER TABLE customers ADD COLUMN recorded_negotiating INTEGER;
ALTER TABLE customers ADD COLUMN recorded_ordered INTEGER;
ALTER TABLE customers ADD COLUMN recorded_delivered INTEGER;

CREATE TRIGGER customers_assigned_on_owner_change AFTER UPDATE OF owner ON customers
    WHEN OLD.owner IS NOT NEW.owner
BEGIN
    UPDATE customers SET assigned_at = NEW.updated_at WHERE seq = NEW.seq;
END;

-- Inserts lower an instant (only when the new record is earlier, so most follow-ups leave
-- the row alone); updates and deletes recompute the stages the table records.
CREATE TRIGGER stage_records_on_follow_up_insert AFTER INSERT ON follow_ups
BEGIN
    UPDATE customers SET
        recorded_contacted = min(coalesce(recorded_contacted, NEW.at), NEW.at),
        recorded_invited = CASE WHEN NEW.kind = 'store_visit_invitation'
            THEN min(coalesce(recorded_invited, NEW.at), NEW.at) ELSE recorded_invited END,
        recorded_negotiating = CASE WHEN NEW.kind = 'price_negotiation'
            THEN min(coalesce(recorded_negotiating, NEW.at), NEW.at)
            ELSE recorded_negotiating END
    WHERE id = NEW.customer_id AND (recorded_contacted IS NULL OR recorded_contacted > NEW.at
        OR NEW.kind IN ('store_visit_invitation', 'price_negotiation'));
END;

CREATE TRIGGER stage_records_on_follow_up_update AFTER UPDATE OF at, kind, customer_id
    ON follow_ups
    WHEN OLD.at IS NOT NEW.at OR OLD.kind IS NOT NEW.kind
        OR OLD.customer_id IS NOT NEW.customer_id
BEGIN
    UPDATE customers SET
        recorded_contacted = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'contacted')),
        recorded_invited = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id AND kind = 'store_visit_invitation'
            UNION ALL SELECT min(created_at) FROM visits
                WHERE customer_id = customers.id AND created_at < scheduled_at
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'invited')),
        recorded_negotiating = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id AND kind = 'price_negotiation'
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'negotiating'))
    WHERE id IN (OLD.customer_id, NEW.customer_id);
END;

CREATE TRIGGER stage_records_on_follow_up_delete AFTER DELETE ON follow_ups
BEGIN
    UPDATE customers SET
        recorded_contacted = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'contacted')),
        recorded_invited = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id AND kind = 'store_visit_invitation'
            UNION ALL SELECT min(created_at) FROM visits
                WHERE customer_id = customers.id AND created_at < scheduled_at
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'invited')),
        recorded_negotiating = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id AND kind = 'price_negotiation'
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'negotiating'))
    WHERE id = OLD.customer_id;
END;

CREATE TRIGGER stage_records_on_visit_insert AFTER INSERT ON visits
    WHEN NEW.created_at < NEW.scheduled_at OR NEW.status = 'done'
BEGIN
    UPDATE customers SET
        recorded_invited = CASE WHEN NEW.created_at < NEW.scheduled_at
            THEN min(coalesce(recorded_invited, NEW.created_at), NEW.created_at)
            ELSE recorded_invited END,
        recorded_visited = CASE WHEN NEW.status = 'done'
            THEN min(coalesce(recorded_visited, NEW.closed_at), NEW.closed_at)
            ELSE recorded_visited END,
        recorded_test_driven = CASE WHEN NEW.status = 'done' AND NEW.kind = 'test_drive'
            THEN min(coalesce(recorded_test_driven, NEW.closed_at), NEW.closed_at)
            ELSE recorded_test_driven END
    WHERE id = NEW.customer_id;
END;

CREATE TRIGGER stage_records_on_visit_update AFTER UPDATE OF customer_id, kind,
    scheduled_at, status, closed_at, created_at ON visits
    WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.kind IS NOT NEW.kind
        OR OLD.scheduled_at IS NOT NEW.scheduled_at OR OLD.status IS NOT NEW.status
        OR OLD.closed_at IS NOT NEW.closed_at OR OLD.created_at IS NOT NEW.created_at
BEGIN
    UPDATE customers SET
        recorded_invited = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id AND kind = 'store_visit_invitation'
            UNION ALL SELECT min(created_at) FROM visits
                WHERE customer_id = customers.id AND created_at < scheduled_at
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'invited')),
        recorded_visited = (SELECT min(at) FROM (
            SELECT min(closed_at) AS at FROM visits
                WHERE customer_id = customers.id AND status = 'done'
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'visited')),
        recorded_test_driven = (SELECT min(at) FROM (
            SELECT min(closed_at) AS at FROM visits
                WHERE customer_id = customers.id AND status = 'done' AND kind = 'test_drive'
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'test_driven'))
    WHERE id IN (OLD.customer_id, NEW.customer_id);
END;

CREATE TRIGGER stage_records_on_visit_delete AFTER DELETE ON visits
BEGIN
    UPDATE customers SET
        recorded_invited = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id AND kind = 'store_visit_invitation'
            UNION ALL SELECT min(created_at) FROM visits
                WHERE customer_id = customers.id AND created_at < scheduled_at
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'invited')),
        recorded_visited = (SELECT min(at) FROM (
            SELECT min(closed_at) AS at FROM visits
                WHERE customer_id = customers.id AND status = 'done'
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'visited')),
        recorded_test_driven = (SELECT min(at) FROM (
            SELECT min(closed_at) AS at FROM visits
                WHERE customer_id = customers.id AND status = 'done' AND kind = 'test_drive'
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'test_driven'))
    WHERE id = OLD.customer_id;
END;

CREATE TRIGGER stage_records_on_order_insert AFTER INSERT ON orders
BEGIN
    UPDATE customers SET
        recorded_ordered = min(coalesce(recorded_ordered, NEW.created_at), NEW.created_at),
        recorded_delivered = CASE WHEN NEW.delivered_at IS NOT NULL
            THEN min(coalesce(recorded_delivered, NEW.delivered_at), NEW.delivered_at)
            ELSE recorded_delivered END
    WHERE id = NEW.customer_id;
END;

CREATE TRIGGER stage_records_on_order_update AFTER UPDATE OF customer_id, created_at,
    delivered_at ON orders
    WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.created_at IS NOT NEW.created_at
        OR OLD.delivered_at IS NOT NEW.delivered_at
BEGIN
    UPDATE customers SET
        recorded_ordered = (SELECT min(at) FROM (
            SELECT min(created_at) AS at FROM orders
                WHERE customer_id = customers.id
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'ordered')),
        recorded_delivered = (SELECT min(at) FROM (
            SELECT min(delivered_at) AS at FROM orders
                WHERE customer_id = customers.id AND delivered_at IS NOT NULL
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'delivered'))
    WHERE id IN (OLD.customer_id, NEW.customer_id);
END;

CREATE TRIGGER stage_records_on_order_delete AFTER DELETE ON orders
BEGIN
    UPDATE customers SET
        recorded_ordered = (SELECT min(at) FROM (
            SELECT min(created_at) AS at FROM orders
                WHERE customer_id = customers.id
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'ordered')),
        recorded_delivered = (SELECT min(at) FROM (
            SELECT min(delivered_at) AS at FROM orders
                WHERE customer_id = customers.id AND delivered_at IS NOT NULL
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'delivered'))
    WHERE id = OLD.customer_id;
END;

CREATE TRIGGER stage_records_on_move_insert AFTER INSERT ON stage_moves
    WHEN NEW.kind IN ('advance', 'step_back', 'reopen') AND NEW.stage != 'new_lead'
BEGIN
    UPDATE customers SET
        recorded_contacted = CASE WHEN NEW.stage = 'contacted'
            THEN min(coalesce(recorded_contacted, NEW.at), NEW.at) ELSE recorded_contacted END,
        recorded_invited = CASE WHEN NEW.stage = 'invited'
            THEN min(coalesce(recorded_invited, NEW.at), NEW.at) ELSE recorded_invited END,
        recorded_visited = CASE WHEN NEW.stage = 'visited'
            THEN min(coalesce(recorded_visited, NEW.at), NEW.at) ELSE recorded_visited END,
        recorded_test_driven = CASE WHEN NEW.stage = 'test_driven'
            THEN min(coalesce(recorded_test_driven, NEW.at), NEW.at) ELSE recorded_test_driven END,
        recorded_negotiating = CASE WHEN NEW.stage = 'negotiating'
            THEN min(coalesce(recorded_negotiating, NEW.at), NEW.at) ELSE recorded_negotiating END,
        recorded_ordered = CASE WHEN NEW.stage = 'ordered'
            THEN min(coalesce(recorded_ordered, NEW.at), NEW.at) ELSE recorded_ordered END,
        recorded_delivered = CASE WHEN NEW.stage = 'delivered'
            THEN min(coalesce(recorded_delivered, NEW.at), NEW.at) ELSE recorded_delivered END
    WHERE id = NEW.customer_id;
END;

CREATE TRIGGER stage_records_on_move_delete AFTER DELETE ON stage_moves
    WHEN OLD.kind IN ('advance', 'step_back', 'reopen') AND OLD.stage != 'new_lead'
BEGIN
    UPDATE customers SET
        recorded_contacted = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'contacted')),
        recorded_invited = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id AND kind = 'store_visit_invitation'
            UNION ALL SELECT min(created_at) FROM visits
                WHERE customer_id = customers.id AND created_at < scheduled_at
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'invited')),
        recorded_visited = (SELECT min(at) FROM (
            SELECT min(closed_at) AS at FROM visits
                WHERE customer_id = customers.id AND status = 'done'
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'visited')),
        recorded_test_driven = (SELECT min(at) FROM (
            SELECT min(closed_at) AS at FROM visits
                WHERE customer_id = customers.id AND status = 'done' AND kind = 'test_drive'
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'test_driven')),
        recorded_negotiating = (SELECT min(at) FROM (
            SELECT min(at) AS at FROM follow_ups
                WHERE customer_id = customers.id AND kind = 'price_negotiation'
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'negotiating')),
        recorded_ordered = (SELECT min(at) FROM (
            SELECT min(created_at) AS at FROM orders
                WHERE customer_id = customers.id
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'ordered')),
        recorded_delivered = (SELECT min(at) FROM (
            SELECT min(delivered_at) AS at FROM orders
                WHERE customer_id = customers.id AND delivered_at IS NOT NULL
            UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
                AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'delivered'))
    WHERE id = OLD.customer_id;
END;

-- Older books: the stage records from what is stored; the assignment from the timeline's
-- last change of the owner to the current one (a customer_changed entry whose change of
-- the field owner has the owner as its new value, not older than the customer: a merge
-- brings the absorbed customer's timeline along); none found: entered with the owner.
UPDATE customers SET
    assigned_at = CASE WHEN owner IS NOT NULL THEN (
        SELECT max(t.at) FROM timeline t, json_each(CASE WHEN t.code = 'customer_changed'
            AND json_valid(t.entry) THEN t.entry ELSE '{}' END, '$.changes') ch
        WHERE t.customer_id = customers.id AND t.code = 'customer_changed'
            AND t.at >= customers.created_at
            AND json_extract(ch.value, '$.field') = 'owner'
            AND json_extract(ch.value, '$.new.value') = customers.owner) END;
UPDATE customers SET
    recorded_contacted = (SELECT min(at) FROM (
        SELECT min(at) AS at FROM follow_ups
            WHERE customer_id = customers.id
        UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
            AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'contacted')),
    recorded_invited = (SELECT min(at) FROM (
        SELECT min(at) AS at FROM follow_ups
            WHERE customer_id = customers.id AND kind = 'store_visit_invitation'
        UNION ALL SELECT min(created_at) FROM visits
            WHERE customer_id = customers.id AND created_at < scheduled_at
        UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
            AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'invited')),
    recorded_visited = (SELECT min(at) FROM (
        SELECT min(closed_at) AS at FROM visits
            WHERE customer_id = customers.id AND status = 'done'
        UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
            AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'visited')),
    recorded_test_driven = (SELECT min(at) FROM (
        SELECT min(closed_at) AS at FROM visits
            WHERE customer_id = customers.id AND status = 'done' AND kind = 'test_drive'
        UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
            AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'test_driven')),
    recorded_negotiating = (SELECT min(at) FROM (
        SELECT min(at) AS at FROM follow_ups
            WHERE customer_id = customers.id AND kind = 'price_negotiation'
        UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
            AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'negotiating')),
    recorded_ordered = (SELECT min(at) FROM (
        SELECT min(created_at) AS at FROM orders
            WHERE customer_id = customers.id
        UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
            AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'ordered')),
    recorded_delivered = (SELECT min(at) FROM (
        SELECT min(delivered_at) AS at FROM orders
            WHERE customer_id = customers.id AND delivered_at IS NOT NULL
        UNION ALL SELECT min(at) FROM stage_moves WHERE customer_id = customers.id
            AND kind IN ('advance', 'step_back', 'reopen') AND stage = 'delivered'));


-- Reports: a year's funnel and channel table read the cohort from this index alone; the
-- stage records replace the reached instants (a customer got as far as a stage once it or
-- a later one is recorded).
DROP INDEX customers_report_cohort;
CREATE INDEX customers_report_cohort ON customers (created_at, owner, source_kind,
    pipeline_status, pipeline_since, recorded_contacted, recorded_invited, recorded_visited,
    recorded_test_driven, recorded_negotiating, recorded_ordered, recorded_delivered,
    delivered_at, id);

-- Names: a plan's optimistic-concurrency counter is its version, as every other record's.
ALTER TABLE plans RENAME COLUMN revision TO version;

-- Copied columns: a value copied from another row so that a query reads one index range,
-- kept in step by these triggers whatever writes the source (as triggers keep the
-- customer's plan and stage summaries); a row takes its first copy when it is written.
-- The customer's owner on their plans and their care schedule: an edit, a reassignment,
-- a merge that fills the owner in, and a plan moved to another customer by a merge.
CREATE TRIGGER owner_copies_on_owner_change AFTER UPDATE OF owner ON customers
    WHEN OLD.owner IS NOT NEW.owner
BEGIN
    UPDATE plans SET owner = NEW.owner WHERE customer_id = NEW.id AND owner IS NOT NEW.owner;
    UPDATE care_schedules SET owner = NEW.owner
        WHERE customer_id = NEW.id AND owner IS NOT NEW.owner;
END;

CREATE TRIGGER owner_copies_on_plan_move AFTER UPDATE OF customer_id ON plans
    WHEN OLD.customer_id IS NOT NEW.customer_id
BEGIN
    UPDATE plans SET owner = (SELECT owner FROM customers WHERE id = NEW.customer_id)
        WHERE id = NEW.id;
END;

-- The customer's archived state and recency (last contact, else creation) on their
-- search terms: archiving, restoring, a follow-up logged, edited or deleted, a merge.
CREATE TRIGGER search_copies_on_customer_change AFTER UPDATE OF archived_at,
    last_contact_at, created_at ON customers
    WHEN (OLD.archived_at IS NULL) IS NOT (NEW.archived_at IS NULL)
        OR coalesce(OLD.last_contact_at, OLD.created_at)
            IS NOT coalesce(NEW.last_contact_at, NEW.created_at)
BEGIN
    UPDATE search_terms SET archived = NEW.archived_at IS NOT NULL,
        recency = coalesce(NEW.last_contact_at, NEW.created_at)
        WHERE seq = NEW.seq;
END;


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
        AND (OLD.customer_id IS NOT NEW.customer_id OR OLD.at IS NOT NEW.at
        OR OLD.actor IS NOT NEW.actor OR OLD.code IS NOT NEW.code
        OR OLD.entry IS NOT NEW.entry OR OLD.uid IS NOT NEW.uid)
BEGIN
    INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
    VALUES ('timeline', NEW.uid, 'put',
        json_remove(json_object(
            'customer_id', NEW.customer_id, 'at', NEW.at, 'actor', NEW.actor,
            'code', NEW.code, 'entry', NEW.entry, 'uid', NEW.uid),
            CASE WHEN OLD.customer_id IS NEW.customer_id THEN '$.customer_id' ELSE '$.-' END,
            CASE WHEN OLD.at IS NEW.at THEN '$.at' ELSE '$.-' END,
            CASE WHEN OLD.actor IS NEW.actor THEN '$.actor' ELSE '$.-' END,
            CASE WHEN OLD.code IS NEW.code THEN '$.code' ELSE '$.-' END,
            CASE WHEN OLD.entry IS NEW.entry THEN '$.entry' ELSE '$.-' END,
            CASE WHEN OLD.uid IS NEW.uid THEN '$.uid' ELSE '$.-' END),
        NULL, CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER));
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

-- The dealership's contact keys as the last sync knew them (撞单 warnings offline): the
-- salted SHA-256 of every live customer's phone, WeChat id and e-mail keys
-- (crm_core::sync::contact_key_hash), never the numbers of other consultants' customers.
CREATE TABLE dealership_keys (
    hash  TEXT PRIMARY KEY
) WITHOUT ROWID;

-- The salt the server hashes with, and the key checkpoint the copy stands at.
ALTER TABLE sync_state ADD COLUMN key_salt TEXT;
ALTER TABLE sync_state ADD COLUMN key_checkpoint INTEGER NOT NULL DEFAULT 0;

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

-- Erasure of a person's data (PIPL art. 47): the reason an erasure was made with, kept in
-- the deletions log (no personal data: why, not who), and the orders of erased customers,
-- kept for the dealership's accounts without a link to anyone.
ALTER TABLE deletions ADD COLUMN reason TEXT;

-- An erased customer's order as the accounts need it: the car, the amounts, the dates and
-- the consultant; no customer, no intent, no free text.
CREATE TABLE erased_orders (
    id                  TEXT PRIMARY KEY,
    brand               TEXT,
    series              TEXT,
    model               TEXT NOT NULL,
    trim                TEXT,
    colour              TEXT,
    catalogue_model     TEXT,
    vin                 TEXT,
    price               INTEGER NOT NULL,
    discount            INTEGER NOT NULL,
    deposit             INTEGER NOT NULL,
    order_date          TEXT NOT NULL,
    finance             INTEGER NOT NULL,
    insurance           INTEGER NOT NULL,
    consultant          TEXT,
    status              TEXT NOT NULL,
    cancelled_at        INTEGER,
    cancel_reason       TEXT,
    delivered_at        INTEGER,
    delivery_date       TEXT,
    created_at          INTEGER NOT NULL,
    erased_at           INTEGER NOT NULL
);

-- Spreadsheet imports (导入客户): one row per import of a customer sheet, and the
-- customers each one created, so that imports can be listed, the same file (by the SHA-256
-- of its bytes) recognised when it comes again, and an import undone. Kept on the device
-- that imported: not synced (the customers themselves are, as any customer).
CREATE TABLE imports (
    id                  TEXT PRIMARY KEY,
    file_name           TEXT NOT NULL,
    file_hash           TEXT NOT NULL,
    started_at          INTEGER NOT NULL,
    finished_at         INTEGER NOT NULL,
    rows                INTEGER NOT NULL,
    created             INTEGER NOT NULL,
    updated             INTEGER NOT NULL,
    merged              INTEGER NOT NULL,
    skipped_duplicates  INTEGER NOT NULL,
    refused             INTEGER NOT NULL,
    undone_at           INTEGER
);

CREATE INDEX imports_by_hash ON imports (file_hash);

-- The customers an import created, with the version each had when the import finished:
-- undoing removes those still at that version (nobody changed them since).
CREATE TABLE import_customers (
    customer_id         TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    import_id           TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    version             INTEGER NOT NULL
);

CREATE INDEX import_customers_by_import ON import_customers (import_id);

-- Version 20: deals (销售机会). A customer has any number of deals, each with its own owner,
-- source, stage and status; what was the customer's pipeline becomes their first deal, in
-- place, with the customer's own id (so every book upgrading the same customer names the
-- deal alike). The truth of a deal is its row and its moves in stage_moves (replayed by
-- crm_core::replay); the customer's pipeline columns stay as a copy of one deal, the
-- customer's current deal (customers.deal_id), for lists, filters, the agenda and the
-- customers' funnel.

CREATE TABLE deals (
    id               TEXT PRIMARY KEY,
    customer_id      TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- The consultant working the deal; NULL in the pool.
    owner            TEXT,
    -- crm_core::DealSource: new_lead, repeat_purchase, replacement, referral, additional_car.
    source           TEXT NOT NULL,
    -- The pipeline's state, as on the customer's row: stage, status code, and when the
    -- status began (NULL until the first move: it began at created_at).
    stage            TEXT NOT NULL,
    pipeline_status  TEXT NOT NULL,
    since            INTEGER,
    created_at       INTEGER NOT NULL,
    -- When the deal was won, lost or put to sleep; NULL while open.
    closed_at        INTEGER,
    updated_at       INTEGER NOT NULL,
    version          INTEGER NOT NULL
);
CREATE INDEX deals_by_customer ON deals (customer_id, created_at, id);
-- Open deals of an owner (the one-open-deal rule, "has an open deal").
CREATE INDEX deals_open_by_owner ON deals (owner, customer_id) WHERE closed_at IS NULL;
-- A manager's queue: pending lost and dormant requests, oldest first.
CREATE INDEX deals_pending_requests ON deals (since)
    WHERE pipeline_status IN ('lost_requested', 'dormant_requested');
-- Reports: deals opened in a period, by owner and source.
CREATE INDEX deals_by_opening ON deals (created_at, owner, source, pipeline_status,
    closed_at, customer_id);

-- The customer's current deal: their open deal (the newest, when several are open), else the
-- one closed last. The pipeline columns of the row are this deal's.
ALTER TABLE customers ADD COLUMN deal_id TEXT;
-- The deal each record belongs to. Kept by the triggers below when written without one: the
-- customer's current deal.
ALTER TABLE stage_moves ADD COLUMN deal_id TEXT;
ALTER TABLE vehicle_intents ADD COLUMN deal_id TEXT;
ALTER TABLE visits ADD COLUMN deal_id TEXT;
ALTER TABLE orders ADD COLUMN deal_id TEXT;

-- Every customer's pipeline, their first deal: same stage, status and instants.
INSERT INTO deals (id, customer_id, owner, source, stage, pipeline_status, since, created_at,
        closed_at, updated_at, version)
    SELECT id, id, owner,
        CASE source_kind WHEN 'repeat_customer' THEN 'repeat_purchase'
            WHEN 'referral' THEN 'referral' ELSE 'new_lead' END,
        pipeline_stage, pipeline_status, pipeline_since, created_at,
        CASE WHEN pipeline_status IN ('delivered', 'lost', 'dormant')
            THEN coalesce(pipeline_since, created_at) END,
        coalesce(pipeline_since, created_at), 1
    FROM customers;
UPDATE customers SET deal_id = id;
UPDATE stage_moves SET deal_id = customer_id;
UPDATE vehicle_intents SET deal_id = customer_id;
UPDATE visits SET deal_id = customer_id;
UPDATE orders SET deal_id = customer_id;

CREATE INDEX customers_by_deal ON customers (deal_id);
CREATE INDEX stage_moves_by_deal ON stage_moves (deal_id, seq);
CREATE INDEX vehicle_intents_by_deal ON vehicle_intents (deal_id);
CREATE INDEX visits_by_deal ON visits (deal_id);
CREATE INDEX orders_by_deal ON orders (deal_id);

-- A new customer (entered, imported, downloaded) starts with their first deal.
CREATE TRIGGER deals_first_on_customer_insert AFTER INSERT ON customers
BEGIN
    INSERT OR IGNORE INTO deals (id, customer_id, owner, source, stage, pipeline_status, since,
            created_at, closed_at, updated_at, version)
    VALUES (NEW.id, NEW.id, NEW.owner,
        CASE NEW.source_kind WHEN 'repeat_customer' THEN 'repeat_purchase'
            WHEN 'referral' THEN 'referral' ELSE 'new_lead' END,
        NEW.pipeline_stage, NEW.pipeline_status, NEW.pipeline_since, NEW.created_at,
        CASE WHEN NEW.pipeline_status IN ('delivered', 'lost', 'dormant')
            THEN coalesce(NEW.pipeline_since, NEW.created_at) END,
        coalesce(NEW.pipeline_since, NEW.created_at), 1);
    UPDATE customers SET deal_id = NEW.id WHERE id = NEW.id AND deal_id IS NULL;
END;

-- The current deal's row follows the customer's pipeline columns, whoever wrote them (a
-- move, a download of the customer's row).
CREATE TRIGGER deals_follow_customer_pipeline
    AFTER UPDATE OF pipeline_stage, pipeline_status, pipeline_since, deal_id ON customers
    WHEN OLD.pipeline_stage IS NOT NEW.pipeline_stage
        OR OLD.pipeline_status IS NOT NEW.pipeline_status
        OR OLD.pipeline_since IS NOT NEW.pipeline_since
        OR OLD.deal_id IS NOT NEW.deal_id
BEGIN
    UPDATE deals SET stage = NEW.pipeline_stage, pipeline_status = NEW.pipeline_status,
        since = NEW.pipeline_since,
        closed_at = CASE WHEN NEW.pipeline_status IN ('delivered', 'lost', 'dormant')
            THEN coalesce(NEW.pipeline_since, created_at) END
    WHERE id = NEW.deal_id AND (stage IS NOT NEW.pipeline_stage
        OR pipeline_status IS NOT NEW.pipeline_status OR since IS NOT NEW.pipeline_since);
END;

-- A customer handed to another consultant (a transfer, a claim, a rejection that
-- reassigns) takes the previous owner's open deals along.
CREATE TRIGGER deals_follow_customer_owner AFTER UPDATE OF owner ON customers
    WHEN OLD.owner IS NOT NEW.owner
BEGIN
    UPDATE deals SET owner = NEW.owner
    WHERE customer_id = NEW.id AND closed_at IS NULL AND owner IS OLD.owner;
END;

-- Records written without a deal (by code that names only the customer, or downloaded)
-- belong to the customer's current deal; records moved to another customer (a merge) to
-- that customer's current deal.
CREATE TRIGGER deals_stage_moves_default AFTER INSERT ON stage_moves WHEN NEW.deal_id IS NULL
BEGIN
    UPDATE stage_moves SET deal_id = (SELECT deal_id FROM customers WHERE id = NEW.customer_id)
    WHERE customer_id = NEW.customer_id AND seq = NEW.seq;
END;
CREATE TRIGGER deals_vehicle_intents_default AFTER INSERT ON vehicle_intents
    WHEN NEW.deal_id IS NULL
BEGIN
    UPDATE vehicle_intents
    SET deal_id = (SELECT deal_id FROM customers WHERE id = NEW.customer_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER deals_vehicle_intents_moved AFTER UPDATE OF customer_id ON vehicle_intents
    WHEN OLD.customer_id IS NOT NEW.customer_id
BEGIN
    UPDATE vehicle_intents
    SET deal_id = (SELECT deal_id FROM customers WHERE id = NEW.customer_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER deals_visits_default AFTER INSERT ON visits WHEN NEW.deal_id IS NULL
BEGIN
    UPDATE visits SET deal_id = (SELECT deal_id FROM customers WHERE id = NEW.customer_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER deals_visits_moved AFTER UPDATE OF customer_id ON visits
    WHEN OLD.customer_id IS NOT NEW.customer_id
BEGIN
    UPDATE visits SET deal_id = (SELECT deal_id FROM customers WHERE id = NEW.customer_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER deals_orders_default AFTER INSERT ON orders WHEN NEW.deal_id IS NULL
BEGIN
    UPDATE orders SET deal_id = (SELECT deal_id FROM customers WHERE id = NEW.customer_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER deals_orders_moved AFTER UPDATE OF customer_id ON orders
    WHEN OLD.customer_id IS NOT NEW.customer_id
BEGIN
    UPDATE orders SET deal_id = (SELECT deal_id FROM customers WHERE id = NEW.customer_id)
    WHERE id = NEW.id;
END;
