-- Version 2: the quick-search index.
-- One row per search term (a suffix of a name, pinyin, phone or handle key; see
-- crm_core::search). Queries are prefix-range scans on (field, term); the row carries what
-- ranking and filtering need, so the scan never touches the customers table.

CREATE TABLE search_terms (
    field     INTEGER NOT NULL,
    term      TEXT NOT NULL,
    seq       INTEGER NOT NULL REFERENCES customers (seq) ON DELETE CASCADE,
    anchored  INTEGER NOT NULL,
    -- Last contact, else creation, in UTC milliseconds: ties rank the most recent first.
    recency   INTEGER NOT NULL,
    archived  INTEGER NOT NULL,
    PRIMARY KEY (field, term, seq, anchored)
) WITHOUT ROWID;

CREATE INDEX search_terms_by_customer ON search_terms (seq);
