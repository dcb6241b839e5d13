//! Opening a new deal (新建销售机会) for a customer already in the book: a repeat purchase,
//! a replacement, a referral, an additional car, or a new start after a lost deal.

use super::current::show_deal;
use super::rows::{deal_not_found, open_deals, read_deal};
use super::rules::read_deal_rules;
use crate::customer::customers::not_found;
use crate::db::ids::new_id;
use crate::db::time::to_millis;
use crate::error::{Result, StoreError};
use crate::follow_up::timeline::append;
use crate::pipeline::moves::actor_text;
use crate::store::Store;
use crate::team::access::{acting, check_new_owner};
use chrono::{DateTime, Utc};
use crm_core::deal::check_can_open;
use crm_core::{Code, Stage};
use crm_core::{CustomerId, Deal, DealId, NewDeal, PipelineState, TimelineEntry};
use rusqlite::{params, Connection, OptionalExtension};

/// Inside a write transaction: opens deal `new` (already validated) for customer `id` at
/// `now`, by `actor`. See [`Store::open_deal`].
pub(crate) fn open_deal_in(
    tx: &Connection,
    id: &CustomerId,
    new: &NewDeal,
    actor: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Deal> {
    let customer_owner: Option<String> = tx
        .prepare_cached("SELECT owner FROM customers WHERE id = ?1")?
        .query_row([id.as_str()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let owner = new.owner.clone().or(customer_owner);
    check_new_owner(tx, owner.as_deref())?;
    let rules = read_deal_rules(tx)?;
    check_can_open(&rules, owner.as_deref(), &open_deals(tx, id)?).map_err(|reason| {
        StoreError::DealRefused {
            customer: id.clone(),
            reason,
        }
    })?;
    let deal = DealId(new_id(now));
    let at = to_millis(now);
    tx.prepare_cached(
        "INSERT INTO deals (id, customer_id, owner, source, stage, pipeline_status, since,
             created_at, closed_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?6, NULL, ?6, 1)",
    )?
    .execute(params![
        deal.as_str(),
        id.as_str(),
        owner,
        new.source.code(),
        Stage::NewLead.code(),
        at,
    ])?;
    show_deal(tx, id, &deal, &PipelineState::new_lead(now))?;
    append(
        tx,
        id,
        now,
        actor,
        &TimelineEntry::DealOpened {
            deal_id: deal.clone(),
            source: new.source,
            owner: owner.clone(),
        },
    )?;
    read_deal(tx, &deal)?.ok_or_else(|| deal_not_found(&deal))
}

impl Store {
    /// Opens a new deal for customer `customer` (a repeat purchase, a replacement, a
    /// referral, an additional car) now, by `actor`: a new lead in the funnel, worked by
    /// `new.owner` (the customer's owner when none). It becomes the customer's current deal,
    /// so a delivered, lost or dormant customer is back in the sales cadence and the agenda.
    /// Refused with [`StoreError::DealRefused`] (field `owner`) when the owner already holds
    /// an open deal with the customer and the team's [`crm_core::DealRules`] allow one; with
    /// [`StoreError::Invalid`] for an owner text that breaks the text rule (field `owner`);
    /// with [`StoreError::Forbidden`] for a deal given to another consultant by a user who
    /// may not assign. Nothing is written then.
    pub fn open_deal(
        &self,
        customer: &CustomerId,
        new: &NewDeal,
        actor: Option<&str>,
    ) -> Result<Deal> {
        let now = self.now();
        let new = new.validate()?;
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            open_deal_in(tx, customer, &new, actor.as_deref(), now)
        })
    }
}
