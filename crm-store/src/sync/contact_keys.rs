//! The dealership's contact keys as the last sync knew them (`dealership_keys`): salted
//! hashes of every live customer's identifying keys, copied by version from the server
//! (`GET /v1/contact-keys`), so that [`Store::check_duplicates`] warns of a customer
//! registered to another consultant before saving, offline. The book never holds the other
//! consultants' numbers, only hashes (which hide them from casual reading only: see
//! `crm_core::sync::contact_keys`).

use crate::error::Result;
use crate::store::Store;
use crm_core::sync::{contact_key_hash, ContactKeys};
use rusqlite::{Connection, OptionalExtension};

/// The salt of the copy, if the book ever received keys.
pub(crate) fn key_salt(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT key_salt FROM sync_state WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// Whether a customer of the dealership (this book's or another consultant's) held `key` at
/// the last sync.
pub(crate) fn registered(conn: &Connection, salt: &str, key: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM dealership_keys WHERE hash = ?1")?
        .query_row([contact_key_hash(salt, key)], |_| Ok(()))
        .optional()?
        .is_some())
}

impl Store {
    /// Where the copy of the dealership's keys stands: the `since` of the next
    /// `GET /v1/contact-keys`.
    pub fn contact_key_checkpoint(&self) -> Result<u64> {
        self.read(|tx| {
            let at: i64 = tx
                .prepare_cached("SELECT key_checkpoint FROM sync_state WHERE id = 1")?
                .query_row([], |r| r.get(0))?;
            Ok(at.max(0) as u64)
        })
    }

    /// Takes in a batch of the dealership's key changes, in one transaction: live hashes
    /// added, released ones removed, the checkpoint moved to `through`. A new salt (a
    /// server set up again) empties the copy first. A batch from before the checkpoint
    /// changes nothing.
    pub fn apply_contact_keys(&self, keys: &ContactKeys) -> Result<()> {
        self.write(|tx| {
            let (salt, at): (Option<String>, i64) = tx
                .prepare_cached("SELECT key_salt, key_checkpoint FROM sync_state WHERE id = 1")?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let at = if salt.as_deref() != Some(keys.salt.as_str()) {
                tx.execute("DELETE FROM dealership_keys", [])?;
                0
            } else {
                at.max(0) as u64
            };
            if keys.through < at {
                return Ok(());
            }
            let mut add =
                tx.prepare_cached("INSERT OR IGNORE INTO dealership_keys (hash) VALUES (?1)")?;
            let mut remove = tx.prepare_cached("DELETE FROM dealership_keys WHERE hash = ?1")?;
            for change in &keys.changes {
                if change.live {
                    add.execute([&change.hash])?;
                } else {
                    remove.execute([&change.hash])?;
                }
            }
            tx.prepare_cached(
                "UPDATE sync_state SET key_salt = ?1, key_checkpoint = ?2 WHERE id = 1",
            )?
            .execute(rusqlite::params![keys.salt, keys.through as i64])?;
            Ok(())
        })
    }
}
