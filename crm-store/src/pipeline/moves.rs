//! The opportunity pipeline (销售漏斗) on disk: every move of a deal goes through
//! [`crm_core::apply`] with the deal's order facts as they stand inside the same
//! transaction, is kept in `stage_moves`, and settles the deal's row and the customer's
//! current deal (mirrored on the customer's row for filters, lists and reports). Calls that
//! name only the customer act on their one open deal.

use super::history::{deal_state, insert_move, next_seq};
use crate::customer::customers::{change_customer, not_found, set_profile};
use crate::deal::current::{has_open_deal, settle_after_move};
use crate::deal::rows::customer_deal;
use crate::error::{Result, StoreError};
use crate::follow_up::plans::cancel_open_plan;
use crate::follow_up::timeline::append;
use crate::settings::stored::read_zone;
use crate::store::Store;
use crate::team::access::{acting, authorize};
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::team::needed_for_move;
use crm_core::{
    apply, CustomerId, DealId, DormantRequest, Limits, LostRequest, Move, PipelineError,
    PipelineFacts, Stage, Transition,
};
use rusqlite::Connection;

/// The error for a move the state machine refused; a text that broke a rule stays
/// [`StoreError::Invalid`].
pub(crate) fn refused(customer: &CustomerId, reason: PipelineError) -> StoreError {
    match reason {
        PipelineError::Invalid(v) => StoreError::Invalid(v),
        reason => StoreError::MoveRefused {
            customer: customer.clone(),
            reason,
        },
    }
}

/// An acting consultant's or manager's name by the core's text rule (field `actor`): cut at
/// the edges, blank as none, capped at [`Limits::OWNER`].
pub(crate) fn actor_text(actor: Option<&str>) -> Result<Option<String>> {
    Ok(crm_core::single_line_text("actor", actor, Limits::OWNER)?)
}

/// The order facts of deal `deal` as they stand now, for a move at `at` (on the
/// dealership's local date `today`) by `actor`.
pub(crate) fn order_facts(
    conn: &Connection,
    deal: &DealId,
    at: DateTime<Utc>,
    today: NaiveDate,
    actor: Option<String>,
) -> Result<PipelineFacts> {
    let (active, delivered): (bool, bool) = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM orders WHERE deal_id = ?1 AND status != 'cancelled'),
                    EXISTS (SELECT 1 FROM orders WHERE deal_id = ?1 AND status = 'delivered')",
        )?
        .query_row([deal.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(PipelineFacts {
        at,
        today,
        actor,
        has_active_order: active,
        has_delivery: delivered,
    })
}

/// Inside a write transaction: applies `mv` to the deal a call naming only customer `id`
/// acts on (their one open deal; refused while several are open), as [`make_deal_move`].
pub(crate) fn make_move(
    tx: &Connection,
    id: &CustomerId,
    mv: &Move,
    actor: Option<String>,
    now: DateTime<Utc>,
) -> Result<Transition> {
    let deal = customer_deal(tx, id)?;
    make_deal_move(tx, &deal, mv, actor, now)
}

/// Inside a write transaction: applies `mv` to deal `deal` at `now` with its order facts as
/// they stand, keeps the record, settles the deal's row and the customer's current deal,
/// hands the customer over when a rejection reassigns, appends the timeline entry, and
/// cancels the open plan when an approval leaves the customer with no open deal.
pub(crate) fn make_deal_move(
    tx: &Connection,
    deal: &DealId,
    mv: &Move,
    actor: Option<String>,
    now: DateTime<Utc>,
) -> Result<Transition> {
    let (state, id) = deal_state(tx, deal)?;
    let today = read_zone(tx)?.local_date(now);
    let facts = order_facts(tx, deal, now, today, actor)?;
    let t = apply(&state, mv, &facts).map_err(|e| refused(&id, e))?;
    insert_move(tx, &id, deal, next_seq(tx, &id)?, &t.record)?;
    settle_after_move(tx, &id, deal, &t.state, now)?;
    append(tx, &id, now, t.record.actor.as_deref(), &t.entry)?;
    if let Some(owner) = &t.new_owner {
        reassign(tx, &id, owner, t.record.actor.as_deref(), now)?;
    }
    if let Some(reason) = t.plan_cancel_reason() {
        if !has_open_deal(tx, &id)? {
            cancel_open_plan(tx, &id, reason, now, t.record.actor.as_deref())?;
        }
    }
    Ok(t)
}

/// Hands customer `id` to consultant `owner` (a rejection that reassigns), as an edit of
/// the customer: new version, the plans follow the owner, the change in the timeline.
fn reassign(
    tx: &Connection,
    id: &CustomerId,
    owner: &str,
    actor: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let version = crate::customer::rows::read_customer(tx, id.as_str())?
        .ok_or_else(|| not_found(id))?
        .version;
    change_customer(tx, id, version, now, |tx, c| {
        let mut next = c.profile.clone();
        next.owner = Some(owner.to_owned());
        set_profile(tx, c, next, now, actor)
    })?;
    Ok(())
}

impl Store {
    /// Makes pipeline move `mv` for customer `customer` now, by `actor` (the consultant;
    /// approve and reject name their manager in the move). The rules are
    /// [`crm_core::apply`]'s, with the deal's order facts as stored, for the customer's one
    /// open deal (their current deal when none is open; [`StoreError::DealRefused`] naming
    /// `deal_id` when several are open: use [`Store::move_deal`]): a refused move fails
    /// with [`StoreError::MoveRefused`] (or [`StoreError::Invalid`] for a text that broke a
    /// rule) and writes nothing. Orders move the pipeline themselves ([`Store::place_order`],
    /// [`Store::cancel_order`], [`Store::deliver_order`]).
    pub fn move_stage(
        &self,
        customer: &CustomerId,
        mv: &Move,
        actor: Option<&str>,
    ) -> Result<Transition> {
        self.guarded_move(mv, actor, |tx, actor, now| {
            make_move(tx, customer, mv, actor, now)
        })
    }

    /// Makes pipeline move `mv` for deal `deal` now, by `actor`: as
    /// [`Store::move_stage`], for any of the customer's deals (the call to use when a
    /// customer has several open deals).
    pub fn move_deal(&self, deal: &DealId, mv: &Move, actor: Option<&str>) -> Result<Transition> {
        self.guarded_move(mv, actor, |tx, actor, now| {
            make_deal_move(tx, deal, mv, actor, now)
        })
    }

    /// Runs `make` for move `mv` in one write transaction once the actor is checked and the
    /// team rules allow the move.
    fn guarded_move(
        &self,
        mv: &Move,
        actor: Option<&str>,
        make: impl FnOnce(&Connection, Option<String>, DateTime<Utc>) -> Result<Transition>,
    ) -> Result<Transition> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            let hands_on = matches!(
                mv,
                Move::Reject {
                    reassign_to: Some(_),
                    ..
                }
            );
            for action in needed_for_move(mv.kind(), hands_on) {
                authorize(tx, *action)?;
            }
            make(tx, actor, now)
        })
    }

    /// Moves customer `customer` forward to `to` (a walk-in is visited at once).
    pub fn advance_stage(
        &self,
        customer: &CustomerId,
        to: Stage,
        actor: Option<&str>,
    ) -> Result<Transition> {
        self.move_stage(customer, &Move::Advance { to }, actor)
    }

    /// Asks a manager to mark customer `customer` lost (战败申请).
    pub fn request_lost(
        &self,
        customer: &CustomerId,
        request: &LostRequest,
        actor: Option<&str>,
    ) -> Result<Transition> {
        self.move_stage(customer, &Move::RequestLost(request.clone()), actor)
    }

    /// Asks a manager to put customer `customer` to sleep (休眠申请).
    pub fn request_dormant(
        &self,
        customer: &CustomerId,
        request: &DormantRequest,
        actor: Option<&str>,
    ) -> Result<Transition> {
        self.move_stage(customer, &Move::RequestDormant(request.clone()), actor)
    }

    /// Takes back customer `customer`'s pending request.
    pub fn withdraw_request(
        &self,
        customer: &CustomerId,
        actor: Option<&str>,
    ) -> Result<Transition> {
        self.move_stage(customer, &Move::Withdraw, actor)
    }

    /// Manager `manager` approves customer `customer`'s pending request: lost or dormant.
    pub fn approve_request(&self, customer: &CustomerId, manager: &str) -> Result<Transition> {
        let mv = Move::Approve {
            manager: manager.to_owned(),
        };
        self.move_stage(customer, &mv, Some(manager))
    }

    /// Manager `manager` rejects customer `customer`'s pending request: back to their
    /// stage, handed to consultant `reassign_to` when given (the customer's owner and their
    /// plans' owner change, at a new customer version).
    pub fn reject_request(
        &self,
        customer: &CustomerId,
        manager: &str,
        reassign_to: Option<&str>,
        note: Option<&str>,
    ) -> Result<Transition> {
        let mv = Move::Reject {
            manager: manager.to_owned(),
            reassign_to: reassign_to.map(str::to_owned),
            note: note.map(str::to_owned),
        };
        self.move_stage(customer, &mv, Some(manager))
    }

    /// Brings lost or dormant customer `customer` back into the funnel at `to` (default
    /// contacted).
    pub fn reopen(
        &self,
        customer: &CustomerId,
        to: Option<Stage>,
        note: Option<&str>,
        actor: Option<&str>,
    ) -> Result<Transition> {
        let mv = Move::Reopen {
            to,
            note: note.map(str::to_owned),
        };
        self.move_stage(customer, &mv, actor)
    }
}
