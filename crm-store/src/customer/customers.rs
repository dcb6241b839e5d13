//! Customer operations: create, get, update, archive, restore, delete; and the one path
//! every edit of a customer's row takes ([`change_customer`]).

use crate::customer::duplicates::{refuse_duplicates, WriteOptions};
use crate::customer::rows::{insert_customer, read_customer, replace_customer, RowMeta};
use crate::db::connection::Cleaning;
use crate::db::ids::new_id;
use crate::db::time::to_millis;
use crate::error::{check_version, Result, StoreError};
use crate::follow_up::plans::open_plan_of;
use crate::follow_up::reminder_log::log_visibility;
use crate::follow_up::timeline::append;
use crate::privacy::erase::erase_in;
use crate::store::Store;
use crate::sync::user::with_default_owner;
use crate::team::access::check_new_owner;
use chrono::{DateTime, Utc};
use crm_core::audit::DeletionKind;
use crm_core::{
    diff, Customer, CustomerId, CustomerPatch, CustomerProfile, IntentLevel, NewCustomer,
    TimelineEntry,
};
use rusqlite::Connection;

const ENTITY: &str = "customer";

pub(crate) fn not_found(id: &CustomerId) -> StoreError {
    StoreError::not_found(ENTITY, id)
}

impl Store {
    /// Validates `new` and stores it as a new customer at version 1. A phone, WeChat ID or
    /// e-mail that already belongs to another customer fails with
    /// [`StoreError::Duplicate`] naming that customer (see [`Store::create_customer_with`]).
    pub fn create_customer(&self, new: &NewCustomer) -> Result<Customer> {
        self.create_customer_with(new, WriteOptions::default())
    }

    /// [`Store::create_customer`], optionally allowing duplicate contacts.
    pub fn create_customer_with(
        &self,
        new: &NewCustomer,
        options: WriteOptions,
    ) -> Result<Customer> {
        let now = self.now();
        let profile = new.validate(now)?;
        let id = CustomerId(new_id(now));
        let profile = self.write(|tx| {
            refuse_duplicates(tx, &profile.contacts, None, &[], options)?;
            let profile = with_default_owner(tx, profile.clone())?;
            check_new_owner(tx, profile.owner.as_deref())?;
            insert_new(tx, &id, &profile, now, now)?;
            append(tx, &id, now, None, &TimelineEntry::CustomerCreated)?;
            Ok(profile)
        })?;
        Ok(Customer {
            id,
            profile,
            archived_at: None,
            created_at: now,
            updated_at: now,
            version: 1,
            intent_level: IntentLevel::N,
            last_contact_at: None,
            first_contacted_at: None,
        })
    }

    /// The customer `id`, archived or not.
    pub fn get_customer(&self, id: &CustomerId) -> Result<Customer> {
        self.read(|tx| read_customer(tx, id.as_str()))?
            .ok_or_else(|| not_found(id))
    }

    /// Applies `patch` to customer `id` if it is still at `expected_version`; the result is
    /// validated as a whole. A stale version fails with [`StoreError::Conflict`], an added
    /// contact that another customer has with [`StoreError::Duplicate`]; either way nothing
    /// is written.
    pub fn update_customer(
        &self,
        id: &CustomerId,
        expected_version: u64,
        patch: &CustomerPatch,
    ) -> Result<Customer> {
        self.update_customer_with(id, expected_version, patch, WriteOptions::default())
    }

    /// [`Store::update_customer`], optionally allowing duplicate contacts.
    pub fn update_customer_with(
        &self,
        id: &CustomerId,
        expected_version: u64,
        patch: &CustomerPatch,
        options: WriteOptions,
    ) -> Result<Customer> {
        let now = self.now();
        self.change(id, expected_version, |tx, c| {
            let next = patch.apply(&c.profile, now)?;
            let old_keys: Vec<&str> = c.profile.contacts.iter().map(|k| k.key.as_str()).collect();
            refuse_duplicates(tx, &next.contacts, Some(&c.id), &old_keys, options)?;
            if next.owner != c.profile.owner {
                check_new_owner(tx, next.owner.as_deref())?;
            }
            set_profile(tx, c, next, now, None)
        })
    }

    /// Archives customer `id` (hidden from default lists, kept whole).
    pub fn archive_customer(&self, id: &CustomerId, expected_version: u64) -> Result<Customer> {
        let now = self.now();
        self.change(id, expected_version, |tx, c| {
            if c.archived_at.is_none() {
                c.archived_at = Some(now);
                append(tx, &c.id, now, None, &TimelineEntry::Archived)?;
                if let Some(plan) = open_plan_of(tx, &c.id)? {
                    log_visibility(tx, &plan, false)?;
                }
            }
            Ok(())
        })
    }

    /// Brings an archived customer back.
    pub fn restore_customer(&self, id: &CustomerId, expected_version: u64) -> Result<Customer> {
        let now = self.now();
        self.change(id, expected_version, |tx, c| {
            if c.archived_at.is_some() {
                c.archived_at = None;
                append(tx, &c.id, now, None, &TimelineEntry::Restored)?;
                if let Some(plan) = open_plan_of(tx, &c.id)? {
                    log_visibility(tx, &plan, true)?;
                }
            }
            Ok(())
        })
    }

    /// Deletes customer `id` and every piece of their personal data, exactly as
    /// [`Store::erase_customer`] does (a book has one way of forgetting a customer): the
    /// customer with everything that belongs to them, merge records, queued changes; their
    /// orders kept for the accounts without a link to them. What it deletes is zeroed as
    /// it is freed (`secure_delete`), then the free pages are released and the log
    /// truncated, so that no byte of them stays in the `.db`, `-wal` or `-shm` files; the
    /// full rebuild of the file, which an erasure does at once, is left to the next
    /// erasure or [`Store::compact`]. The deletions log ([`Store::deletions`]) keeps that it was
    /// deleted (kind `deleted`, no reason), by whom, on which device and when; erasing
    /// records kind `erased` with the reason. `NotFound` for an unknown customer;
    /// `Forbidden` for a customer the book's user may not erase (a consultant deletes only
    /// the customers they own; see [`Store::erase_customer`]).
    pub fn delete_customer(&self, id: &CustomerId) -> Result<()> {
        let now = self.now();
        self.write(|tx| erase_in(tx, id, DeletionKind::Deleted, None, now))?;
        self.db.clean_file(Cleaning::Log)?;
        Ok(())
    }

    /// Reads customer `id` in a write transaction, checks its version, lets `edit` change
    /// it, and writes it back at the next version.
    fn change(
        &self,
        id: &CustomerId,
        expected_version: u64,
        edit: impl FnOnce(&Connection, &mut Customer) -> Result<()>,
    ) -> Result<Customer> {
        let now = self.now();
        self.write(|tx| change_customer(tx, id, expected_version, now, edit))
    }
}

/// Inside a write transaction: reads customer `id`, checks its version, lets `edit` change
/// it, and writes it back at the next version, stamped `now`.
pub(crate) fn change_customer(
    tx: &Connection,
    id: &CustomerId,
    expected_version: u64,
    now: DateTime<Utc>,
    edit: impl FnOnce(&Connection, &mut Customer) -> Result<()>,
) -> Result<Customer> {
    let before = read_customer(tx, id.as_str())?.ok_or_else(|| not_found(id))?;
    check_version(ENTITY, &id, expected_version, before.version)?;
    let mut after = before.clone();
    edit(tx, &mut after)?;
    after.version += 1;
    after.updated_at = now;
    replace_customer(tx, &before, &after)?;
    Ok(after)
}

/// Gives customer `c` (being changed by [`change_customer`]) the profile `next`, with a
/// timeline entry of the fields that changed (none when nothing did), at `now` by `actor`.
pub(crate) fn set_profile(
    tx: &Connection,
    c: &mut Customer,
    next: CustomerProfile,
    now: DateTime<Utc>,
    actor: Option<&str>,
) -> Result<()> {
    let changes = diff(&c.profile, &next);
    if !changes.is_empty() {
        append(
            tx,
            &c.id,
            now,
            actor,
            &TimelineEntry::CustomerChanged { changes },
        )?;
    }
    c.profile = next;
    Ok(())
}

/// Inserts customer `id` at version 1, created at `created`, last updated at `updated`.
pub(crate) fn insert_new(
    conn: &Connection,
    id: &CustomerId,
    profile: &CustomerProfile,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
) -> Result<()> {
    insert_customer(
        conn,
        profile,
        &RowMeta {
            id: id.as_str(),
            archived_at: None,
            created_at: to_millis(created),
            updated_at: to_millis(updated),
            version: 1,
            intent_level: IntentLevel::N,
        },
    )
}
