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
