//! Owner changes made on the device, queued for the next upload like any write, and
//! checked first against what the book knows, so that a change the server would refuse is
//! refused before it is tried:
//!
//! - **claim** (领取): a pool customer becomes the user's, unless the team's rules say no
//!   (the wait after a release from them, the daily limit, the hold limit:
//!   `crm_core::pool::check_claim`) or someone already holds it. Two phones claiming the
//!   same customer offline both queue the claim; the server keeps the first it receives and
//!   refuses the other naming the holder.
//! - **release** (退回公海): the user's own customer (any, for a manager) back to the pool,
//!   with the reason in the timeline.
//! - **assign** (分配): a manager gives a customer to a consultant; limits do not apply.

use super::status::{read_status, write_status};
use crate::customer::customers::{change_customer, not_found, set_profile};
use crate::customer::rows::read_customer;
use crate::error::Result;
use crate::follow_up::timeline::append;
use crate::store::Store;
use crate::sync::user::sync_user;
use crate::team::access::authorize;
use chrono::{DateTime, Utc};
use crm_core::pool::{check_claim, release_reason, ClaimRefusal, RecentRelease};
use crm_core::sync::{SyncUser, UserRole};
use crm_core::team::{self, Permission};
use crm_core::{Customer, CustomerId, CustomerProfile, Rule, TimelineEntry, ValidationError};
use rusqlite::Connection;

/// The book's user; a claim needs one (the owner it sets).
fn synced_user(conn: &Connection) -> Result<SyncUser> {
    sync_user(conn)?.ok_or_else(|| ValidationError::new("user", Rule::Required).into())
}

/// The customer, or not found.
fn customer(conn: &Connection, id: &CustomerId) -> Result<Customer> {
    read_customer(conn, id.as_str())?.ok_or_else(|| not_found(id))
}

/// Customers the user holds in this book.
fn holding(conn: &Connection, user: &str) -> Result<u32> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM customers WHERE owner = ?1")?
        .query_row([user], |r| r.get(0))?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Gives customer `c` (being changed) the owner `owner`, the change in the timeline.
fn set_owner(
    tx: &Connection,
    c: &mut Customer,
    owner: Option<String>,
    now: DateTime<Utc>,
    actor: Option<&str>,
) -> Result<()> {
    let next = CustomerProfile {
        owner,
        ..c.profile.clone()
    };
    set_profile(tx, c, next, now, actor)
}

impl Store {
    /// Claims pool customer `id` for this book's user. Refused with
    /// [`crate::StoreError::ClaimRefused`] naming the reason when someone holds the customer
    /// or a consultant's claim breaks the team's rules as the last sync brought them (the
    /// wait after a release from them, the daily claim limit, the hold limit); a book that
    /// never synced has no user to claim for ([`crate::StoreError::Invalid`] naming `user`).
    /// A customer the user already holds is returned as it is.
    pub fn claim_customer(&self, id: &CustomerId) -> Result<Customer> {
        let now = self.now();
        self.write(|tx| {
            let user = synced_user(tx)?;
            let c = customer(tx, id)?;
            match c.profile.owner.as_deref() {
                Some(owner) if owner == user.id => return Ok(c),
                Some(owner) => {
                    return Err(ClaimRefusal::ClaimedBy {
                        name: owner.to_owned(),
                        user_id: owner.to_owned(),
                    }
                    .into())
                }
                None => {}
            }
            if user.role == UserRole::Consultant {
                let mut status = read_status(tx)?;
                status.standing.holding = holding(tx, &user.id)?;
                check_claim(&status.rules, &status.standing, id.as_str(), now)?;
                status.standing.claims.push(now);
                status.standing.holding += 1;
                write_status(tx, &status)?;
            }
            // The owner first, its timeline entry after: the server takes changes in the
            // order they were queued, and writes to a pool customer only once claimed.
            let claimed = change_customer(tx, id, c.version, now, |_, c| {
                c.profile.owner = Some(user.id.clone());
                Ok(())
            })?;
            let changes = crm_core::diff(&c.profile, &claimed.profile);
            append(
                tx,
                id,
                now,
                Some(&user.id),
                &TimelineEntry::CustomerChanged { changes },
            )?;
            Ok(claimed)
        })
    }

    /// Releases customer `id` to the pool (退回公海), `reason` (one line, at most 200
    /// characters) in the timeline. Releasing another user's customer needs the right to
    /// assign ([`crate::StoreError::Forbidden`] for a consultant); a book that never synced
    /// may release any.
    pub fn release_customer(&self, id: &CustomerId, reason: Option<&str>) -> Result<Customer> {
        let now = self.now();
        let reason = release_reason(reason)?;
        self.write(|tx| {
            let user = sync_user(tx)?;
            let c = customer(tx, id)?;
            if c.profile.owner.is_none() {
                return Ok(c);
            }
            if c.profile.owner.as_deref() != user.as_ref().map(|u| u.id.as_str()) {
                // Another's customer to the pool: a reassignment.
                team::authorize(user.as_ref(), Permission::Assign).map_err(|refused| {
                    team::Forbidden {
                        detail: Some("releasing another consultant's customer".into()),
                        ..refused
                    }
                })?;
            }
            let actor = user.as_ref().map(|u| u.id.as_str());
            let released = change_customer(tx, id, c.version, now, |tx, c| {
                c.profile.owner = None;
                append(
                    tx,
                    &c.id,
                    now,
                    actor,
                    &TimelineEntry::ReleasedToPool {
                        reason: reason.clone(),
                    },
                )
            })?;
            if let Some(user) = &user {
                if c.profile.owner.as_deref() == Some(&user.id) {
                    let mut status = read_status(tx)?;
                    status.standing.releases.push(RecentRelease {
                        customer_id: id.as_str().to_owned(),
                        at: now,
                    });
                    write_status(tx, &status)?;
                }
            }
            Ok(released)
        })
    }

    /// Assigns customer `id` to user `to` (分配): a manager's or an admin's act, refused
    /// with [`crate::StoreError::Forbidden`] for a consultant; the pool's limits do not
    /// apply. The server checks `to` is in the manager's team when it receives the change.
    pub fn assign_customer(&self, id: &CustomerId, to: &str) -> Result<Customer> {
        let now = self.now();
        let to = to.trim();
        if to.is_empty() {
            return Err(ValidationError::new("to", Rule::Required).into());
        }
        self.write(|tx| {
            authorize(tx, Permission::Assign)?;
            let user = sync_user(tx)?;
            let c = customer(tx, id)?;
            let actor = user.as_ref().map(|u| u.id.as_str());
            change_customer(tx, id, c.version, now, |tx, c| {
                set_owner(tx, c, Some(to.to_owned()), now, actor)
            })
        })
    }
}
