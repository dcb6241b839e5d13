//! Opening the database file.

use crate::exit::Failure;
use crm_store::Store;
use std::path::Path;

/// Opens the store at `path`, creating the file when missing (`demo`, `customer add`).
pub fn open_or_create(path: &Path) -> Result<Store, Failure> {
    Ok(Store::open(path)?)
}

/// Opens the store at `path`, which must exist: a mistyped `--db` should not leave an empty
/// database behind.
pub fn open_existing(path: &Path) -> Result<Store, Failure> {
    if !path.exists() {
        return Err(Failure::MissingDatabase(path.to_path_buf()));
    }
    open_or_create(path)
}
