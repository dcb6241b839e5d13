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
