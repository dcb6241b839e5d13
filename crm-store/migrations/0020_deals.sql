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
