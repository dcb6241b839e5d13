//! The opportunity pipeline (销售漏斗) on disk: every move goes through [`crm_core::apply`]
//! with the order facts as they stand inside the same transaction, is kept in `stage_moves`,
//! and is mirrored on the customer's row (stage, status, since, lost reason, the instant each
//! stage was first reached) for filters, lists and reports.

use super::history::{current_state, insert_move};
use crate::customer::customers::{change_customer, not_found, set_profile};
use crate::db::time::{date_text, to_millis};
use crate::error::{Result, StoreError};
use crate::follow_up::plans::cancel_open_plan;
use crate::follow_up::timeline::append;
use crate::settings::stored::read_zone;
use crate::store::Store;
use crate::team::access::{acting, authorize};
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::team::needed_for_move;
use crm_core::{
    apply, Code, CustomerId, DormantRequest, Limits, LostReason, LostRequest, Move, PipelineError,
    PipelineFacts, PipelineStatus, SideState, Stage, Transition,
};
use rusqlite::{params, Connection};

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

/// The order facts of customer `id` as they stand now, for a move at `at` (on the
/// dealership's local date `today`) by `actor`.
pub(crate) fn order_facts(
    conn: &Connection,
    id: &CustomerId,
    at: DateTime<Utc>,
    today: NaiveDate,
    actor: Option<String>,
) -> Result<PipelineFacts> {
    let (active, delivered): (bool, bool) = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id = ?1 AND status != 'cancelled'),
                    EXISTS (SELECT 1 FROM orders WHERE customer_id = ?1 AND status = 'delivered')",
        )?
        .query_row([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(PipelineFacts {
        at,
        today,
        actor,
        has_active_order: active,
        has_delivery: delivered,
    })
}

/// Inside a write transaction: applies `mv` to customer `id` at `now` with the order facts
/// as they stand, keeps the record, mirrors the state on the customer's row, hands the
/// customer over when a rejection reassigns, and appends the timeline entry.
pub(crate) fn make_move(
    tx: &Connection,
    id: &CustomerId,
    mv: &Move,
    actor: Option<String>,
    now: DateTime<Utc>,
) -> Result<Transition> {
    let (state, count) = current_state(tx, id)?;
    let today = read_zone(tx)?.local_date(now);
    let facts = order_facts(tx, id, now, today, actor)?;
    let t = apply(&state, mv, &facts).map_err(|e| refused(id, e))?;
    insert_move(tx, id, count as i64 + 1, &t.record)?;
    mirror_state(tx, id, &t)?;
    append(tx, id, now, t.record.actor.as_deref(), &t.entry)?;
    if let Some(owner) = &t.new_owner {
        reassign(tx, id, owner, t.record.actor.as_deref(), now)?;
    }
    if let Some(reason) = t.plan_cancel_reason() {
        cancel_open_plan(tx, id, reason, now, t.record.actor.as_deref())?;
    }
    Ok(t)
}

/// Mirrors the state after `t` on the customer's row. A stage is reached once the state's
/// stage is at or past it (`crm_core::first_reached`); reached instants are never cleared.
/// The wake-up date is kept only while the customer is dormant (the agenda reads it).
fn mirror_state(tx: &Connection, id: &CustomerId, t: &Transition) -> Result<()> {
    let lost_reason = match t.state.status() {
        PipelineStatus::LostRequested | PipelineStatus::Lost => t.record.lost_reason,
        _ => None,
    };
    let wake_on = match &t.state.side {
        Some(SideState::Dormant(r)) => r.wake_on,
        _ => None,
    };
    tx.prepare_cached(
        "UPDATE customers SET pipeline_stage = ?2, pipeline_status = ?3, pipeline_since = ?4,
             lost_reason = ?5, wake_on = ?7,
             reached_contacted = CASE WHEN ?6 >= 1 THEN coalesce(reached_contacted, ?4) ELSE reached_contacted END,
             reached_invited = CASE WHEN ?6 >= 2 THEN coalesce(reached_invited, ?4) ELSE reached_invited END,
             reached_visited = CASE WHEN ?6 >= 3 THEN coalesce(reached_visited, ?4) ELSE reached_visited END,
             reached_test_driven = CASE WHEN ?6 >= 4 THEN coalesce(reached_test_driven, ?4) ELSE reached_test_driven END,
             reached_negotiating = CASE WHEN ?6 >= 5 THEN coalesce(reached_negotiating, ?4) ELSE reached_negotiating END,
             reached_ordered = CASE WHEN ?6 >= 6 THEN coalesce(reached_ordered, ?4) ELSE reached_ordered END,
             reached_delivered = CASE WHEN ?6 >= 7 THEN coalesce(reached_delivered, ?4) ELSE reached_delivered END
         WHERE id = ?1",
    )?
    .execute(params![
        id.as_str(),
        t.state.stage.code(),
        t.state.status().code(),
        to_millis(t.state.since),
        lost_reason.map(LostReason::code),
        t.state.stage.index() as i64,
        wake_on.map(date_text),
    ])?;
    Ok(())
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
    /// [`crm_core::apply`]'s, with the customer's order facts as stored: a refused move fails
    /// with [`StoreError::MoveRefused`] (or [`StoreError::Invalid`] for a text that broke a
    /// rule) and writes nothing. Orders move the pipeline themselves ([`Store::place_order`],
    /// [`Store::cancel_order`], [`Store::deliver_order`]).
    pub fn move_stage(
        &self,
        customer: &CustomerId,
        mv: &Move,
        actor: Option<&str>,
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
            make_move(tx, customer, mv, actor, now)
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
