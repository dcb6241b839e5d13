//! Customer operations: create, import, get, update, archive, restore, delete.

use crate::customer::duplicates::{refuse_duplicates, WriteOptions};
use crate::customer::rows::{insert_customer, read_customer, replace_customer, RowMeta};
use crate::db::ids::{new_id, new_id_at};
use crate::db::time::{to_millis, truncate_to_millis};
use crate::error::{check_version, Result, StoreError};
use crate::follow_up::plans::open_plan_of;
use crate::follow_up::reminder_log::log_visibility;
use crate::follow_up::timeline::append;
use crate::store::Store;
use chrono::{DateTime, Utc};
use crm_core::{
    diff, Customer, CustomerId, CustomerPatch, CustomerProfile, IntentLevel, IntentLevelChange,
    NewCustomer, TimelineEntry, ValidationError,
};
use rusqlite::Connection;
use std::collections::HashMap;

const ENTITY: &str = "customer";

/// The intent level history's `who` when neither an actor nor an owner is known.
const UNKNOWN_ACTOR: &str = "unknown";

fn record_level_change(conn: &Connection, id: &CustomerId, c: &IntentLevelChange) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO intent_level_changes (customer_id, at, who, from_level, to_level)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![
        id.as_str(),
        to_millis(c.at),
        c.who,
        c.from.map(crm_core::Code::code),
        crm_core::Code::code(c.to),
    ])?;
    Ok(())
}

/// A customer to import with its original creation time (from another system, or a demo).
#[derive(Debug, Clone)]
pub struct CustomerImport {
    /// The customer.
    pub customer: NewCustomer,
    /// When the customer was first recorded.
    pub created_at: DateTime<Utc>,
}

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
        let now = truncate_to_millis(self.clock().now());
        let profile = new.validate(now)?;
        let id = CustomerId(new_id(now));
        self.write(|tx| {
            refuse_duplicates(tx, &profile.contacts, None, &[], options)?;
            insert_new(tx, &id, &profile, now, now)?;
            append(tx, &id, now, None, &TimelineEntry::CustomerCreated)
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

    /// Validates every customer, then stores them all in one transaction: either all are
    /// written or none. Errors name the position: `customers[12].contacts[0].value`.
    /// Contacts already in the book, or twice in the batch, are duplicates.
    pub fn import_customers(&self, batch: &[CustomerImport]) -> Result<Vec<CustomerId>> {
        let now = truncate_to_millis(self.clock().now());
        let profiles = batch
            .iter()
            .enumerate()
            .map(|(i, c)| {
                c.customer
                    .validate(now)
                    .map_err(|e| e.within(&format!("customers[{i}]")))
            })
            .collect::<Result<Vec<_>, ValidationError>>()?;
        self.write(|tx| {
            let mut ids: Vec<CustomerId> = Vec::with_capacity(batch.len());
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (i, (import, profile)) in batch.iter().zip(&profiles).enumerate() {
                let within = |e: StoreError| match e {
                    StoreError::Duplicate { field, existing } => StoreError::Duplicate {
                        field: format!("customers[{i}].{field}"),
                        existing,
                    },
                    other => other,
                };
                refuse_duplicates(tx, &profile.contacts, None, &[], WriteOptions::default())
                    .map_err(within)?;
                for (j, c) in profile.contacts.iter().enumerate() {
                    if let Some(&earlier) = seen.get(c.key.as_str()) {
                        return Err(StoreError::Duplicate {
                            field: format!("customers[{i}].contacts[{j}].value"),
                            existing: ids[earlier].clone(),
                        });
                    }
                }
                let created = truncate_to_millis(import.created_at);
                let id = CustomerId(new_id_at(created));
                insert_new(tx, &id, profile, created, now)?;
                append(tx, &id, created, None, &TimelineEntry::CustomerCreated)?;
                ids.push(id);
                seen.extend(profile.contacts.iter().map(|c| (c.key.as_str(), i)));
            }
            Ok(ids)
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
        let now = truncate_to_millis(self.clock().now());
        self.change(id, expected_version, |tx, c| {
            let next = patch.apply(&c.profile, now)?;
            let old_keys: Vec<&str> = c.profile.contacts.iter().map(|k| k.key.as_str()).collect();
            refuse_duplicates(tx, &next.contacts, Some(&c.id), &old_keys, options)?;
            let changes = diff(&c.profile, &next);
            if !changes.is_empty() {
                append(
                    tx,
                    &c.id,
                    now,
                    None,
                    &TimelineEntry::CustomerChanged { changes },
                )?;
            }
            c.profile = next;
            Ok(())
        })
    }

    /// Archives customer `id` (hidden from default lists, kept whole).
    pub fn archive_customer(&self, id: &CustomerId, expected_version: u64) -> Result<Customer> {
        let now = truncate_to_millis(self.clock().now());
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
        let now = truncate_to_millis(self.clock().now());
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

    /// Sets customer `id`'s intent level (意向级别) if the customer is still at
    /// `expected_version`; the change is recorded in the timeline and in the level's history,
    /// whose `who` is `actor` (the consultant, as the app knows them), else the customer's
    /// owner, else `unknown`. Setting the level it already has changes nothing (same version).
    pub fn set_intent_level(
        &self,
        id: &CustomerId,
        expected_version: u64,
        level: IntentLevel,
        actor: Option<&str>,
    ) -> Result<Customer> {
        let now = truncate_to_millis(self.clock().now());
        let actor = crate::pipeline::moves::actor_text(actor)?;
        self.write(|tx| {
            let current = read_customer(tx, id.as_str())?.ok_or_else(|| not_found(id))?;
            if current.version == expected_version && current.intent_level == level {
                return Ok(current);
            }
            change_customer(tx, id, expected_version, now, |tx, c| {
                let who = actor
                    .clone()
                    .or_else(|| c.profile.owner.clone())
                    .unwrap_or_else(|| UNKNOWN_ACTOR.to_owned());
                let change = IntentLevelChange::new(&who, now, Some(c.intent_level), level)?;
                if let Some(change) = change {
                    record_level_change(tx, &c.id, &change)?;
                    append(tx, &c.id, now, actor.as_deref(), &change.entry())?;
                }
                c.intent_level = level;
                Ok(())
            })
        })
    }

    /// Customer `id`'s intent level history, oldest first.
    pub fn intent_level_history(&self, id: &CustomerId) -> Result<Vec<IntentLevelChange>> {
        self.read(|tx| {
            read_customer(tx, id.as_str())?.ok_or_else(|| not_found(id))?;
            let mut stmt = tx.prepare_cached(
                "SELECT who, at, from_level, to_level FROM intent_level_changes
                 WHERE customer_id = ?1 ORDER BY at, seq",
            )?;
            let mut rows = stmt.query([id.as_str()])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(IntentLevelChange {
                    who: r.get(0)?,
                    at: crate::db::time::from_millis(r.get(1)?, "intent_level_changes.at")?,
                    from: crate::customer::rows::opt_code(r, 2, "intent_level_changes.from_level")?,
                    to: crate::customer::rows::code(
                        &r.get::<_, String>(3)?,
                        "intent_level_changes.to_level",
                    )?,
                });
            }
            Ok(out)
        })
    }

    /// Deletes customer `id` with its contacts and tags.
    pub fn delete_customer(&self, id: &CustomerId) -> Result<()> {
        self.write(|tx| {
            let deleted = tx
                .prepare_cached("DELETE FROM customers WHERE id = ?1")?
                .execute([id.as_str()])?;
            if deleted == 0 {
                return Err(not_found(id));
            }
            Ok(())
        })
    }

    /// Reads customer `id` in a write transaction, checks its version, lets `edit` change
    /// it, and writes it back at the next version.
    fn change(
        &self,
        id: &CustomerId,
        expected_version: u64,
        edit: impl FnOnce(&Connection, &mut Customer) -> Result<()>,
    ) -> Result<Customer> {
        let now = truncate_to_millis(self.clock().now());
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

fn insert_new(
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
