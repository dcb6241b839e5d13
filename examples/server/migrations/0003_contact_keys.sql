-- One customer, one owner (撞单): every live customer's identifying contact keys, unique
-- across the dealership; the records set aside as duplicate claims; the dealership's rule.

-- The dealership's settings (one row). key_salt: mixed into the hashes of contact keys that
-- devices keep (crm_core::sync::contact_key_hash); duplicate_rule: which of two records with
-- the same key keeps the customer (crm_core::sync::DuplicateRule).
CREATE TABLE dealership_settings (
    id              integer PRIMARY KEY CHECK (id = 1),
    key_salt        text NOT NULL,
    duplicate_rule  text NOT NULL DEFAULT 'first_registered'
                    CHECK (duplicate_rule IN ('first_registered', 'first_visit'))
);
INSERT INTO dealership_settings (id, key_salt)
VALUES (1, replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''));

-- Every identifying key (a normalised phone, WeChat id or e-mail) of a live customer, held by
-- one customer at most. A released key keeps its row with customer_id NULL, so that devices
-- copying the keys by version learn of the release. version: from change_version, taken under
-- the upload lock like every change.
CREATE TABLE contact_keys (
    key          text PRIMARY KEY,
    hash         text NOT NULL,
    kind         text NOT NULL,
    customer_id  text,
    version      bigint NOT NULL
);
CREATE INDEX contact_keys_by_customer ON contact_keys (customer_id);
CREATE UNIQUE INDEX contact_keys_by_version ON contact_keys (version);

-- A record set aside because another live customer holds one of its keys: its customer row
-- is a tombstone in sync_rows (so every device drops it) and its rows stay under it, hidden,
-- until a manager merges it into the owner's customer, reassigns that customer to the
-- claimant, or dismisses it.
CREATE TABLE duplicate_claims (
    id                 bigserial PRIMARY KEY,
    customer_id        text NOT NULL UNIQUE,
    claimant           text NOT NULL,
    owner_customer_id  text NOT NULL,
    contact_kind       text NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    status             text NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'merged', 'reassigned', 'dismissed')),
    resolved_by        text,
    resolved_at        timestamptz
);
CREATE INDEX duplicate_claims_by_claimant ON duplicate_claims (claimant, id);
CREATE INDEX duplicate_claims_open_by_owner ON duplicate_claims (owner_customer_id)
    WHERE status = 'open';
