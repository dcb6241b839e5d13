//! Merging duplicate customers: B into A, in one transaction.

use crate::audit::deletions::record_deletion;
use crate::customer::customers::{change_customer, not_found, set_profile};
use crate::db::time::to_millis;
use crate::error::{check_version, Result, StoreError};
use crate::follow_up::follow_ups::refresh_contact_times;
use crate::follow_up::plans::{cancel_open_plan, open_plan_of};
use crate::follow_up::reminder_log::log_visibility;
use crate::follow_up::timeline::append;
use crate::store::Store;
use crate::vehicle::intents::repoint_intents;
use crate::vehicle::orders::refresh_order_columns;
use crm_core::audit::{DeletedEntity, DeletionKind};
use crm_core::{Customer, CustomerId, Rule, TimelineEntry, ValidationError};
use rusqlite::{params, Connection};

/// Tables whose rows point at a customer and follow it into a merge, as (table, column).
/// Contacts and tags are merged field by field instead. Every later table with a customer
/// reference is added here. Vehicle intents follow too, as non-primary
/// (`vehicle::intents::repoint_intents`). The kept customer's pipeline stays theirs: the
/// absorbed customer's stage moves and intent level history go with it (the merge record
/// keeps it whole), while its orders (and so the order columns), visits and intents move.
const POINTING_AT_CUSTOMERS: &[(&str, &str)] = &[
    ("customers", "source_referrer_id"),
    ("follow_ups", "customer_id"),
    ("plans", "customer_id"),
    ("timeline", "customer_id"),
    ("visits", "customer_id"),
    ("orders", "customer_id"),
    ("cars", "customer_id"),
    ("care_task_moves", "customer_id"),
];

/// Why the absorbed customer's pending plan was cancelled when both had one.
const MERGED_PLAN_REASON: &str = "merged: the kept customer's plan stays";

impl Store {
    /// Merges customer `other` into `keep`: contacts and tags united (`keep`'s primary stays
    /// primary), `keep`'s fields win and `other`'s fill the gaps, records pointing at `other`
    /// point at `keep`, `other` is deleted and the merge is recorded (in `keep`'s timeline,
    /// and in the deletions log: [`Store::deletions`]). Both versions must be current.
    /// Returns the merged customer.
    pub fn merge_customers(
        &self,
        keep: &CustomerId,
        keep_version: u64,
        other: &CustomerId,
        other_version: u64,
    ) -> Result<Customer> {
        if keep == other {
            return Err(ValidationError::new("other", Rule::Conflicts { with: "keep" }).into());
        }
        let now = self.now();
        self.write(|tx| {
            let absorbed = crate::customer::rows::read_customer(tx, other.as_str())?
                .ok_or_else(|| not_found(other))?;
            check_version("customer", &other, other_version, absorbed.version)?;
            // One pending plan per customer: when both have one, the kept customer's wins.
            let moved_plan = if open_plan_of(tx, keep)?.is_some() {
                cancel_open_plan(tx, other, MERGED_PLAN_REASON, now, None)?;
                None
            } else {
                open_plan_of(tx, other)?
            };
            let merged = change_customer(tx, keep, keep_version, now, |tx, c| {
                let next = c.profile.merged_with(&absorbed.profile, now)?;
                append(
                    tx,
                    keep,
                    now,
                    None,
                    &TimelineEntry::Merged {
                        absorbed: other.clone(),
                        absorbed_name: absorbed.profile.name.clone(),
                    },
                )?;
                set_profile(tx, c, next, now, None)
            })?;
            repoint_intents(tx, other, keep, now)?;
            crate::care::schedule::merge_schedules(tx, other.as_str(), keep.as_str())?;
            repoint(tx, other, keep)?;
            refresh_order_columns(tx, keep.as_str())?;
            refresh_contact_times(tx, keep.as_str())?;
            if let Some(plan) = moved_plan {
                let (was, now_visible) =
                    (absorbed.archived_at.is_none(), merged.archived_at.is_none());
                if was != now_visible {
                    log_visibility(tx, &plan, now_visible)?;
                }
            }
            record(tx, keep, &absorbed, now)?;
            tx.prepare_cached("DELETE FROM customers WHERE id = ?1")?
                .execute([other.as_str()])?;
            record_deletion(
                tx,
                DeletedEntity::Customer,
                other.as_str(),
                DeletionKind::Merged,
                Some(keep),
                None,
                now,
            )?;
            // Read back: the contact times now include the absorbed follow-ups.
            crate::customer::rows::read_customer(tx, keep.as_str())?.ok_or_else(|| not_found(keep))
        })
    }
}

fn repoint(tx: &Connection, from: &CustomerId, to: &CustomerId) -> Result<()> {
    for (table, column) in POINTING_AT_CUSTOMERS {
        tx.prepare_cached(&format!(
            "UPDATE {table} SET {column} = ?1 WHERE {column} = ?2"
        ))?
        .execute([to.as_str(), from.as_str()])?;
    }
    // Consent: the kept customer's word wins on a channel both have; the absorbed
    // customer's other records move over (the rest go with the absorbed customer).
    tx.prepare_cached("UPDATE OR IGNORE consents SET customer_id = ?1 WHERE customer_id = ?2")?
        .execute([to.as_str(), from.as_str()])?;
    Ok(())
}

fn record(
    tx: &Connection,
    keep: &CustomerId,
    absorbed: &Customer,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let json = serde_json::to_string(absorbed).map_err(|_| StoreError::Corrupt {
        column: "customer_merges.merged_json",
    })?;
    tx.prepare_cached("INSERT INTO customer_merges (kept_id, merged_id, merged_at, merged_json) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![keep.as_str(), absorbed.id.as_str(), to_millis(now), json])?;
    Ok(())
}
