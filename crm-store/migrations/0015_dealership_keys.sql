-- The dealership's contact keys as the last sync knew them (撞单 warnings offline): the
-- salted SHA-256 of every live customer's phone, WeChat id and e-mail keys
-- (crm_core::sync::contact_key_hash), never the numbers of other consultants' customers.
CREATE TABLE dealership_keys (
    hash  TEXT PRIMARY KEY
) WITHOUT ROWID;

-- The salt the server hashes with, and the key checkpoint the copy stands at.
ALTER TABLE sync_state ADD COLUMN key_salt TEXT;
ALTER TABLE sync_state ADD COLUMN key_checkpoint INTEGER NOT NULL DEFAULT 0;
