//! The user a synced book belongs to (`sync_state.user_*`), as the server names them, and
//! the owner new customers get from it.

use crate::db::rows::code;
use crate::error::Result;
use crate::store::Store;
use crm_core::sync::{SyncUser, UserRole};
use crm_core::{Code, CustomerProfile};
use rusqlite::{params, Connection};

/// The book's user, or `None` on a book that never synced.
pub(crate) fn sync_user(conn: &Connection) -> Result<Option<SyncUser>> {
    let (id, name, role, team): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = conn
        .prepare_cached("SELECT user_id, user_name, role, team FROM sync_state WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let (Some(id), Some(name), Some(role)) = (id, name, role) else {
        return Ok(None);
    };
    Ok(Some(SyncUser {
        id,
        name,
        role: code::<UserRole>(&role, "sync_state.role")?,
        team,
    }))
}

/// `profile` with the book's user as its owner when it names none and the book has
/// synced; as it is otherwise.
pub(crate) fn with_default_owner(
    conn: &Connection,
    profile: CustomerProfile,
) -> Result<CustomerProfile> {
    if profile.owner.is_some() {
        return Ok(profile);
    }
    Ok(match sync_user(conn)? {
        Some(user) => CustomerProfile {
            owner: Some(user.id),
            ..profile
        },
        None => profile,
    })
}

impl Store {
    /// Records who this book's user is, as the server names them (after a sync). From then
    /// on, a new customer entered without an owner is theirs. Fails with
    /// [`crate::StoreError::Invalid`] naming `user_id`, `name` or `team` for an empty or
    /// malformed text.
    pub fn set_sync_user(
        &self,
        user_id: &str,
        name: &str,
        role: UserRole,
        team: Option<&str>,
    ) -> Result<SyncUser> {
        let user = SyncUser {
            id: user_id.into(),
            name: name.into(),
            role,
            team: team.map(Into::into),
        }
        .validate()?;
        self.write(|tx| {
            tx.prepare_cached(
                "UPDATE sync_state SET user_id = ?1, user_name = ?2, role = ?3, team = ?4 WHERE id = 1",
            )?
            .execute(params![user.id, user.name, user.role.code(), user.team])?;
            Ok(())
        })?;
        Ok(user)
    }

    /// Who this book's user is, or `None` on a book that never synced.
    pub fn sync_user(&self) -> Result<Option<SyncUser>> {
        self.read(sync_user)
    }
}
