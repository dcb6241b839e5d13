//! Importing follow-up histories (导入跟进记录) in one transaction: a dealership moving its
//! records over from another system, or a benchmark building a million of them. Each
//! follow-up is stored exactly as [`Store::log_follow_up`] would have stored it at its
//! `logged_at`, without a transaction and a contact-time refresh per follow-up.

use crate::customer::customers::not_found;
use crate::db::ids::new_id_at;
use crate::db::time::truncate_to_millis;
use crate::error::{Result, StoreError};
use crate::follow_up::follow_ups::{refresh_contact_times, same_customer, write_logged};
use crate::follow_up::plans::{open_plan_of, plan_error, write_plan_change, PlanSettings};
use crate::store::Store;
use chrono::{DateTime, Utc};
use crm_core::{
    CustomerId, FollowUpId, FollowUpRecord, NewFollowUp, NewPlan, Plan, PlanId, Rule,
    ValidationError,
};
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// One follow-up of a batch import: what [`Store::log_follow_up`] takes, and when it was
/// logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpImport {
    /// The follow-up; its `customer_id` says whose.
    pub follow_up: NewFollowUp,
    /// The plan it sets, if any (for the same customer).
    pub next: Option<NewPlan>,
    /// When it was logged: the "now" it is validated against (its time not in the future,
    /// the plan's time from that day on) and that stamps the record, the plans and the
    /// timeline. Not after the store's clock.
    pub logged_at: DateTime<Utc>,
}

/// What the batch knows about one of its customers.
struct CustomerState {
    /// Active (not archived): their plans have reminders.
    active: bool,
    /// Their pending plan as the batch has left it so far.
    pending: Option<Plan>,
}

/// Reads customer `id`'s state, or fails with [`StoreError::NotFound`].
fn customer_state(conn: &Connection, id: &CustomerId) -> Result<CustomerState> {
    let archived: Option<i64> = conn
        .prepare_cached("SELECT archived_at FROM customers WHERE id = ?1")?
        .query_row([id.as_str()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found(id))?;
    Ok(CustomerState {
        active: archived.is_none(),
        pending: open_plan_of(conn, id)?,
    })
}

/// Checks item `i` as of its `logged_at` (not after `now`): the follow-up's fields, the
/// next plan's customer. Field paths start with `follow_ups[i]`.
fn validate(i: usize, item: &FollowUpImport, now: DateTime<Utc>) -> Result<FollowUpRecord> {
    let row = format!("follow_ups[{i}]");
    let logged = truncate_to_millis(item.logged_at);
    if logged > now {
        return Err(ValidationError::new(format!("{row}.logged_at"), Rule::InFuture).into());
    }
    let within = |e: StoreError| match e {
        StoreError::Invalid(v) => StoreError::Invalid(v.within(&row)),
        other => other,
    };
    if let Some(n) = &item.next {
        same_customer(
            "next.customer_id",
            "customer_id",
            &item.follow_up.customer_id,
            &n.customer_id,
        )
        .map_err(within)?;
    }
    let mut valid = item
        .follow_up
        .validate(logged)
        .map_err(|e| StoreError::Invalid(e.within(&row)))?;
    valid.at = truncate_to_millis(valid.at);
    Ok(FollowUpRecord {
        id: FollowUpId(new_id_at(logged)),
        follow_up: valid,
        created_at: logged,
        updated_at: logged,
        version: 1,
    })
}

impl Store {
    /// Imports follow-ups in one transaction, in the order given: each is stored as
    /// [`Store::log_follow_up`] would have stored it at its `logged_at` (the record; its
    /// customer's pending plan marked done by it; its next plan set; the timeline entries
    /// and reminder changes of all that), and each customer's contact times and search
    /// recency are brought up to date once at the end. Returns the new follow-ups' ids, in
    /// order.
    ///
    /// Either everything is written or nothing: a bad value fails with a field path naming
    /// the row (`follow_ups[3].content`, `follow_ups[3].next.time`,
    /// `follow_ups[3].logged_at` when it lies after the store's clock), an unknown customer
    /// with [`StoreError::NotFound`].
    pub fn import_follow_ups(&self, batch: &[FollowUpImport]) -> Result<Vec<FollowUpId>> {
        let now = self.now();
        let records = batch
            .iter()
            .enumerate()
            .map(|(i, item)| validate(i, item, now))
            .collect::<Result<Vec<_>>>()?;
        self.write(|tx| {
            let settings = PlanSettings::read(tx)?;
            let mut customers: HashMap<CustomerId, CustomerState> = HashMap::new();
            // Customers in the order the batch first names them.
            let mut touched: Vec<CustomerId> = Vec::new();
            for (i, (item, record)) in batch.iter().zip(&records).enumerate() {
                let id = &record.follow_up.customer_id;
                let state = match customers.entry(id.clone()) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        touched.push(id.clone());
                        e.insert(customer_state(tx, id)?)
                    }
                };
                let at = record.created_at;
                let actor = record.follow_up.consultant.as_deref();
                write_logged(tx, record, at)?;
                if let Some(open) = state.pending.take() {
                    let change = open
                        .complete(Some(record.id.clone()), at)
                        .map_err(|e| plan_error(&open.id, e))?;
                    write_plan_change(
                        tx,
                        Some(&open),
                        &change,
                        &settings,
                        at,
                        actor,
                        state.active,
                    )?;
                }
                if let Some(next) = &item.next {
                    let change = Plan::create(PlanId(new_id_at(at)), next, at, &settings.zone)
                        .map_err(|e| e.within(&format!("follow_ups[{i}].next")))?;
                    write_plan_change(tx, None, &change, &settings, at, actor, state.active)?;
                    state.pending = Some(change.plan);
                }
            }
            for id in &touched {
                refresh_contact_times(tx, id.as_str())?;
            }
            Ok(records.into_iter().map(|r| r.id).collect())
        })
    }
}
