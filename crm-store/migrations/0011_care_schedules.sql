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
