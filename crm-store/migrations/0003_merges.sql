-- Version 3: the record of merged duplicates.

CREATE TABLE customer_merges (
    id            INTEGER PRIMARY KEY,
    kept_id       TEXT NOT NULL,
    merged_id     TEXT NOT NULL,
    merged_at     INTEGER NOT NULL,
    -- The merged customer as it was (JSON of crm_core::Customer), so the merge can be audited.
    merged_json   TEXT NOT NULL
);

CREATE INDEX customer_merges_by_kept ON customer_merges (kept_id);
