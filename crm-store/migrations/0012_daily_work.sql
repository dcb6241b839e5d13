-- Version 12: daily work.

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
