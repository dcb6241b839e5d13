-- Erasure of a person's data (PIPL art. 47): the reason an erasure was made with, kept in
-- the deletions log (no personal data: why, not who), and the orders of erased customers,
-- kept for the dealership's accounts without a link to anyone.
ALTER TABLE deletions ADD COLUMN reason TEXT;

-- An erased customer's order as the accounts need it: the car, the amounts, the dates and
-- the consultant; no customer, no intent, no free text.
CREATE TABLE erased_orders (
    id                  TEXT PRIMARY KEY,
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
    finance             INTEGER NOT NULL,
    insurance           INTEGER NOT NULL,
    consultant          TEXT,
    status              TEXT NOT NULL,
    cancelled_at        INTEGER,
    cancel_reason       TEXT,
    delivered_at        INTEGER,
    delivery_date       TEXT,
    created_at          INTEGER NOT NULL,
    erased_at           INTEGER NOT NULL
);
