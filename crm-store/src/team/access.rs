//! The checks every guarded write runs inside its transaction, against the book's user
//! as the last sync recorded them (`sync_state`).

use crate::error::Result;
use crate::sync::user::sync_user;
use crm_core::team::{self, Permission};
use rusqlite::Connection;

/// `Ok` when the book's user may take `action` (always on a book that never synced).
pub(crate) fn authorize(conn: &Connection, action: Permission) -> Result<()> {
    Ok(team::authorize(sync_user(conn)?.as_ref(), action)?)
}

/// The author to record for a change asked for by `actor` (already a checked text): the
/// book's user on a synced book, refused when `actor` names someone else without the
/// right to; `actor` itself on a book that never synced.
pub(crate) fn acting(conn: &Connection, actor: Option<String>) -> Result<Option<String>> {
    Ok(team::check_actor(sync_user(conn)?.as_ref(), actor)?)
}

/// `Ok` when the book's user may give a customer to `owner`: themselves or the pool, or
/// anyone with the right to assign.
pub(crate) fn check_new_owner(conn: &Connection, owner: Option<&str>) -> Result<()> {
    Ok(team::check_new_owner(sync_user(conn)?.as_ref(), owner)?)
}
