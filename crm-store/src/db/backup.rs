//! Backups: one self-contained copy of a live book.

use crate::db::connection::create_private_empty;
use crate::error::Result;
use crate::store::Store;
use std::path::Path;

impl Store {
    /// Writes a consistent copy of the whole book to `path` as one self-contained file
    /// (`VACUUM INTO`: the snapshot of one read, compacted, with no `-wal` beside it),
    /// readable by its owner only. Writes by other threads and processes go on meanwhile
    /// and are not in the copy. The copy opens as a complete book.
    ///
    /// Fails with [`crate::StoreError::Invalid`] naming `path` when a non-empty file is
    /// there already (a backup never overwrites one).
    pub fn backup_to(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        create_private_empty(path)?;
        // Absolute, so that SQLite never reads it as a `file:` URI.
        let target = std::path::absolute(path).map_err(|_| {
            crm_core::ValidationError::new(
                "path",
                crm_core::Rule::Malformed {
                    expected: "a file path",
                },
            )
        })?;
        let target = target.to_string_lossy();
        self.with_reader(|conn| {
            conn.execute("VACUUM INTO ?1", [target.as_ref()])?;
            Ok(())
        })
    }
}
