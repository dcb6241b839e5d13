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
