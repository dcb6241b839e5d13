-- Frozen copy of the released schema version 2 (v1 + the search index). Never edit.
-- Instants are INTEGER UTC milliseconds; calendar dates are TEXT 'YYYY-MM-DD'.

CREATE TABLE customers (
    -- A compact integer key for index tables (search terms); stable across VACUUM.
    seq                     INTEGER PRIMARY KEY,
    id                      TEXT NOT NULL UNIQUE,
    name                    TEXT NOT NULL,
    gender                  TEXT NOT NULL,
    birthday                TEXT,
    age_band                TEXT,
    occupation              TEXT,
    province                TEXT,
    city                    TEXT,
    district                TEXT,
    notes                   TEXT,
    source_kind             TEXT NOT NULL,
    source_detail           TEXT,
    source_referrer_id      TEXT,
    first_contact_at        INTEGER,
    first_contact_place     TEXT,
    first_contact_scene     TEXT,
    first_contact_reaction  TEXT,
    importance              INTEGER NOT NULL,
    owner                   TEXT,
    archived_at             INTEGER,
    -- The last time the consultant reached the customer (follow-ups set it).
    last_contact_at         INTEGER,
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL,
    version                 INTEGER NOT NULL
);

-- The default list order: newest first, keyset-paged.
CREATE INDEX customers_by_created ON customers (created_at, id);

CREATE TABLE contacts (
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    value        TEXT NOT NULL,
    key          TEXT NOT NULL,
    label        TEXT,
    is_primary   INTEGER NOT NULL,
    PRIMARY KEY (customer_id, position)
) WITHOUT ROWID;

-- Who owns this phone / WeChat / e-mail: duplicate checks and exact lookups.
CREATE INDEX contacts_by_key ON contacts (key);

CREATE TABLE customer_tags (
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    tag          TEXT NOT NULL,
    tag_key      TEXT NOT NULL,
    PRIMARY KEY (customer_id, position)
) WITHOUT ROWID;

CREATE INDEX customer_tags_by_key ON customer_tags (tag_key);
-- Version 2: the quick-search index.
-- One row per search term (a suffix of a name, pinyin, phone or handle key; see
-- crm_core::search). Queries are prefix-range scans on (field, term); the row carries what
-- ranking and filtering need, so the scan never touches the customers table. Whole keys
-- (anchored) and inner suffixes are scanned apart: substring matches rank after prefix ones.

CREATE TABLE search_terms (
    field     INTEGER NOT NULL,
    term      TEXT NOT NULL,
    seq       INTEGER NOT NULL REFERENCES customers (seq) ON DELETE CASCADE,
    anchored  INTEGER NOT NULL,
    -- Last contact, else creation, in UTC milliseconds: ties rank the most recent first.
    recency   INTEGER NOT NULL,
    archived  INTEGER NOT NULL,
    PRIMARY KEY (field, anchored, term, seq)
) WITHOUT ROWID;

CREATE INDEX search_terms_by_customer ON search_terms (seq);

-- Whole keys by recency: when a short query's prefix matches thousands of keys, the most
-- recent matches are found by walking this instead of reading them all.
CREATE INDEX search_terms_by_recency ON search_terms (field, recency DESC, archived, term, seq)
    WHERE anchored = 1;
