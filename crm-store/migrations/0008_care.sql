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
