//! The customer's current deal: the deal their row shows (stage, status, since, lost reason,
//! wake-up date and the instants each stage was first reached), so that lists, filters, the
//! agenda and the customers' funnel read one row per customer. It is their open deal (the
//! newest when several are open), else the one closed last: a customer with an open deal is
//! in the sales cadence, one without is served by care.

use super::rows::shown_deal;
use crate::db::time::{date_text, to_millis};
use crate::error::Result;
use crate::pipeline::history::deal_state;
use chrono::{DateTime, Utc};
use crm_core::{Code, CustomerId, DealId, LostReason, PipelineState, SideState};
use rusqlite::{params, Connection, OptionalExtension};

/// Shows deal `deal`, standing at `state`, on customer `id`'s row: it becomes the current
/// deal. A stage is reached once the state's stage is at or past it
/// (`crm_core::first_reached`); reached instants are never cleared, so they are the
/// customer's first across their deals. The wake-up date is kept only while dormant (the
/// agenda reads it). The deal's own row follows by trigger (migration 19).
pub(crate) fn show_deal(
    tx: &Connection,
    id: &CustomerId,
    deal: &DealId,
    state: &PipelineState,
) -> Result<()> {
    let lost_reason = match &state.side {
        Some(SideState::LostRequested(r) | SideState::Lost(r)) => Some(r.reason),
        _ => None,
    };
    let wake_on = match &state.side {
        Some(SideState::Dormant(r)) => r.wake_on,
        _ => None,
    };
    tx.prepare_cached(
        "UPDATE customers SET deal_id = ?8, pipeline_stage = ?2, pipeline_status = ?3,
             pipeline_since = ?4, lost_reason = ?5, wake_on = ?7,
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
        state.stage.code(),
        state.status().code(),
        to_millis(state.since),
        lost_reason.map(LostReason::code),
        state.stage.index() as i64,
        wake_on.map(date_text),
        deal.as_str(),
    ])?;
    Ok(())
}

/// Writes `state` on deal `deal`'s own row (a deal the customer's row does not show).
fn write_deal(tx: &Connection, deal: &DealId, state: &PipelineState) -> Result<()> {
    let closed = !state.status().in_sales_cadence();
    tx.prepare_cached(
        "UPDATE deals SET stage = ?2, pipeline_status = ?3, since = ?4,
             closed_at = CASE WHEN ?5 THEN ?4 END
         WHERE id = ?1",
    )?
    .execute(params![
        deal.as_str(),
        state.stage.code(),
        state.status().code(),
        to_millis(state.since),
        closed,
    ])?;
    Ok(())
}

/// Customer `id`'s newest open deal other than `except`.
fn newest_open_other(tx: &Connection, id: &CustomerId, except: &DealId) -> Result<Option<DealId>> {
    Ok(tx
        .prepare_cached(
            "SELECT id FROM deals WHERE customer_id = ?1 AND closed_at IS NULL AND id != ?2
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )?
        .query_row(params![id.as_str(), except.as_str()], |r| r.get(0))
        .optional()?
        .map(DealId))
}

/// After a move left deal `deal` of customer `id` at `state`: keeps the deal's row, and the
/// customer's row on their current deal. A deal that closes while another is open hands the
/// customer's row to the newest open one; a deal that opens (a reopen) while the current one
/// is closed takes the customer's row.
pub(crate) fn settle_after_move(
    tx: &Connection,
    id: &CustomerId,
    deal: &DealId,
    state: &PipelineState,
    now: DateTime<Utc>,
) -> Result<()> {
    let current = shown_deal(tx, id)?;
    let open = state.status().in_sales_cadence();
    if &current == deal {
        match (open, newest_open_other(tx, id, deal)?) {
            (false, Some(other)) => {
                write_deal(tx, deal, state)?;
                let (other_state, _) = deal_state(tx, &other)?;
                show_deal(tx, id, &other, &other_state)?;
            }
            _ => show_deal(tx, id, deal, state)?,
        }
    } else {
        write_deal(tx, deal, state)?;
        let (current_state, _) = deal_state(tx, &current)?;
        if open && !current_state.status().in_sales_cadence() {
            show_deal(tx, id, deal, state)?;
        }
    }
    tx.prepare_cached("UPDATE deals SET version = version + 1, updated_at = ?2 WHERE id = ?1")?
        .execute(params![deal.as_str(), to_millis(now)])?;
    Ok(())
}

/// `true` while customer `id` has an open deal.
pub(crate) fn has_open_deal(tx: &Connection, id: &CustomerId) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM deals WHERE customer_id = ?1 AND closed_at IS NULL")?
        .exists([id.as_str()])?)
}
