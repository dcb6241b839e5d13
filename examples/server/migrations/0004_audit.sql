-- Who did what: every row keeps the device its last accepted change came from, beside the
-- user (`updated_by`). A tombstone keeps them too: who deleted a customer, and from which
-- device, is known for as long as the server keeps the row. Rows written before this
-- version have none (NULL).
ALTER TABLE sync_rows ADD COLUMN updated_device text;
