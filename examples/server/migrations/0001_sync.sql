-- Users, their device tokens, and the store of record devices sync with.

-- A user of the dealership's devices. role: consultant | manager | admin. A consultant or
-- manager belongs to a team (a manager sees the customers of the team's members); an admin
-- belongs to none and sees every customer.
CREATE TABLE users (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    role        text NOT NULL CHECK (role IN ('consultant', 'manager', 'admin')),
    team        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'admin') = (team IS NULL))
);
CREATE INDEX users_by_team ON users (team);

-- Device tokens, only as SHA-256 of the token (32 random bytes, hex): a stolen copy of the
-- database holds no usable token.
CREATE TABLE device_tokens (
    token_hash  bytea PRIMARY KEY,
    user_id     text NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX device_tokens_by_user ON device_tokens (user_id);

-- The change log's clock: every accepted change takes the next value.
CREATE SEQUENCE change_version;

-- The current state of every synced row (crm_core::sync::SyncEntity's wire names), with the
-- change-log version of its last change. A deleted row stays as a tombstone, its last
-- fields kept (for deciding who is told of the delete) but never sent.
CREATE TABLE sync_rows (
    entity       text NOT NULL,
    id           text NOT NULL,
    -- The customer the row belongs to (a customer: its own id).
    customer_id  text NOT NULL,
    -- Customers only: fields->>'owner', kept in step, for the scope queries.
    owner        text,
    fields       jsonb NOT NULL,
    deleted      boolean NOT NULL DEFAULT false,
    version      bigint NOT NULL,
    updated_by   text NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity, id)
);
CREATE UNIQUE INDEX sync_rows_by_version ON sync_rows (version);
CREATE INDEX sync_rows_by_customer ON sync_rows (customer_id, entity);
CREATE INDEX sync_rows_customers_by_owner ON sync_rows (owner) WHERE entity = 'customers';

-- A customer's owner changed (a claim from the pool, a reassignment): downloads read these
-- to tell devices that lost the customer to delete it.
CREATE TABLE scope_changes (
    version      bigint PRIMARY KEY,
    customer_id  text NOT NULL,
    old_owner    text,
    new_owner    text
);
CREATE INDEX scope_changes_by_old_owner ON scope_changes (old_owner, version);

-- Which user a device id belongs to: its first upload binds it.
CREATE TABLE devices (
    device_id   text PRIMARY KEY,
    user_id     text NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Every operation settled, per device: a replayed upload skips them and answers the same.
-- reason: why it was refused, NULL when accepted.
CREATE TABLE applied_ops (
    device_id   text NOT NULL REFERENCES devices (device_id),
    op_id       bigint NOT NULL,
    entity      text NOT NULL,
    id          text NOT NULL,
    reason      text,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, op_id)
);
