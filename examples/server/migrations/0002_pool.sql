-- The public pool (公海): each team's rules, when each owner got each customer, and every
-- claim, release, assignment and transfer.

-- A team's rules (crm_core::pool::PoolRules as JSON; a team without a row has the
-- defaults).
CREATE TABLE pool_rules (
    team        text PRIMARY KEY,
    rules       jsonb NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- When the current owner got the customer (entered with them, claimed, assigned,
-- transferred): protection runs from here. No row: the customer is in the pool.
CREATE TABLE pool_holds (
    customer_id  text PRIMARY KEY,
    owner        text NOT NULL,
    since        timestamptz NOT NULL
);
CREATE INDEX pool_holds_by_owner ON pool_holds (owner);

-- Every owner change the pool's rules care about. kind: claim (a consultant took a pool
-- customer), release (back to the pool: by the server's job, the owner or a manager),
-- assign (a manager or admin gave a pool customer), transfer (from one owner to another).
-- by_user: who did it (NULL: the server's release job).
CREATE TABLE pool_events (
    id           bigserial PRIMARY KEY,
    customer_id  text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('claim', 'release', 'assign', 'transfer')),
    from_owner   text,
    to_owner     text,
    by_user      text,
    at           timestamptz NOT NULL
);
CREATE INDEX pool_events_claims ON pool_events (to_owner, at) WHERE kind = 'claim';
CREATE INDEX pool_events_releases ON pool_events (from_owner, at) WHERE kind = 'release';
CREATE INDEX pool_events_by_customer ON pool_events (customer_id, at);

-- Holds for the customers the server already has, from when it last wrote them (the best
-- the first schema knows).
INSERT INTO pool_holds (customer_id, owner, since)
SELECT id, owner, updated_at FROM sync_rows
WHERE entity = 'customers' AND owner IS NOT NULL AND NOT deleted;
