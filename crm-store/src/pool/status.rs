//! The team's pool rules and the user's standing under them (`settings` row `pool`), as the
//! server sent them at the last sync and as this book's own claims and releases moved them
//! since.

use crate::error::Result;
use crate::settings::stored::{get, put};
use crate::store::Store;
use crm_core::pool::PoolStatus;
use rusqlite::Connection;

/// The settings key.
const POOL: &str = "pool";

/// The stored status (the defaults on a book that never synced).
pub(crate) fn read_status(conn: &Connection) -> Result<PoolStatus> {
    get(conn, POOL, "settings.pool")
}

/// Stores the status.
pub(crate) fn write_status(conn: &Connection, status: &PoolStatus) -> Result<()> {
    put(conn, POOL, status)
}

impl Store {
    /// The team's pool rules and this book's user's standing (recent claims and releases,
    /// customers held), as of the last sync and this book's claims and releases since.
    pub fn pool_status(&self) -> Result<PoolStatus> {
        self.read(read_status)
    }

    /// Records the pool status the server sent (apps with their own transport: the JSON of
    /// `GET /v1/pool`; [`Store::sync`] does it itself).
    pub fn set_pool_status(&self, status: &PoolStatus) -> Result<()> {
        self.write(|tx| write_status(tx, status))
    }
}
