//! Who is making a change on this book, and on which device.

use crate::error::Result;
use rusqlite::Connection;

/// The author and device a change is stamped with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Author {
    /// The book's user as the server names them once the book has synced, else the actor
    /// the operation was given, else `None`.
    pub(crate) user: Option<String>,
    /// This book's device id (`sync_state.device_id`).
    pub(crate) device: String,
}

/// Who is making a change given `actor` (the name the app gave the operation): the book's
/// sync user wins, since the server knows the book by them.
pub(crate) fn author(conn: &Connection, actor: Option<&str>) -> Result<Author> {
    let (user, device): (Option<String>, String) = conn
        .prepare_cached("SELECT user_id, device_id FROM sync_state WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(Author {
        user: user.or_else(|| actor.map(str::to_owned)),
        device,
    })
}
