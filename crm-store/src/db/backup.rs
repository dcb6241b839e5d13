//! Backups: one self-contained copy of a live book.

use super::connection::create_private_empty;
use crate::error::Result;
use rusqlite::Connection;
use std::path::Path;

/// Writes the snapshot `reader` sees to `path` with `VACUUM INTO`, as one compacted file
/// readable by its owner only; fails naming `path` when a non-empty file is there already.
pub(crate) fn vacuum_into(reader: &Connection, path: &Path) -> Result<()> {
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
    reader.execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()])?;
    Ok(())
}
