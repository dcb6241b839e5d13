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
