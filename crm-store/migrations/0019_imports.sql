-- Spreadsheet imports (导入客户): one row per import of a customer sheet, and the
-- customers each one created, so that imports can be listed, the same file (by the SHA-256
-- of its bytes) recognised when it comes again, and an import undone. Kept on the device
-- that imported: not synced (the customers themselves are, as any customer).
CREATE TABLE imports (
    id                  TEXT PRIMARY KEY,
    file_name           TEXT NOT NULL,
    file_hash           TEXT NOT NULL,
    started_at          INTEGER NOT NULL,
    finished_at         INTEGER NOT NULL,
    rows                INTEGER NOT NULL,
    created             INTEGER NOT NULL,
    updated             INTEGER NOT NULL,
    merged              INTEGER NOT NULL,
    skipped_duplicates  INTEGER NOT NULL,
    refused             INTEGER NOT NULL,
    undone_at           INTEGER
);

CREATE INDEX imports_by_hash ON imports (file_hash);

-- The customers an import created, with the version each had when the import finished:
-- undoing removes those still at that version (nobody changed them since).
CREATE TABLE import_customers (
    customer_id         TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    import_id           TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    version             INTEGER NOT NULL
);

CREATE INDEX import_customers_by_import ON import_customers (import_id);
