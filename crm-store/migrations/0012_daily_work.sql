-- Version 12: daily work.

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
