//! The `sync_state` row: the device's id, chosen once when the book was created or
//! upgraded, and where its downloads stand.

use crate::error::Result;
use crate::Store;
use crm_core::sync::Checkpoint;
use rusqlite::Connection;

/// This book's device id.
pub(crate) fn device_id(conn: &Connection) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT device_id FROM sync_state WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// The checkpoint this book's downloads stand at.
pub(crate) fn checkpoint(conn: &Connection) -> Result<Checkpoint> {
    let at: i64 = conn
        .prepare_cached("SELECT checkpoint FROM sync_state WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    Ok(Checkpoint(at.max(0) as u64))
}

impl Store {
    /// This book's device id: chosen once, when the book was created (or upgraded to a
    /// schema with sync), and sent with every upload; a copy of the file shares it, so a
    /// book restored onto a second phone must not sync beside the first.
    pub fn device_id(&self) -> Result<String> {
        self.read(device_id)
    }

    /// Where this book's downloads stand: the checkpoint to send with the next download.
    pub fn sync_checkpoint(&self) -> Result<Checkpoint> {
        self.read(checkpoint)
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn a_book_has_one_device_id_for_life_and_starts_at_checkpoint_zero() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.sqlite3");
        let first = Store::open(&path).unwrap().device_id().unwrap();
        assert_eq!(first.len(), 32);
        assert!(first.chars().all(|c| c.is_ascii_hexdigit()));
        let store = Store::open(&path).unwrap();
        assert_eq!(store.device_id().unwrap(), first, "kept across opens");
        assert_eq!(store.sync_checkpoint().unwrap().0, 0);
        let other = Store::open(dir.path().join("other.sqlite3")).unwrap();
        assert_ne!(other.device_id().unwrap(), first, "each book its own");
    }
}
