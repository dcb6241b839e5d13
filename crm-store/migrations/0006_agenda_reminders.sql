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
