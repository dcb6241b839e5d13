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
