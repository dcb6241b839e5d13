//! The stage history (阶段记录): every pipeline move kept in `stage_moves`, in order, with
//! the deal it moved; a deal's state is the replay of its moves.

use crate::customer::customers::not_found;
use crate::db::rows::{code, collect, opt_code};
use crate::db::time::{date_text, from_millis, opt_date_at, to_millis};
use crate::deal::rows::{customer_deal, deal_not_found, shown_deal};
use crate::error::{Result, StoreError};
use crate::store::Store;
use crm_core::{
    replay, Code, CustomerId, DealId, DormantReason, LostReason, MoveKind, PipelineState,
    PipelineStatus, Stage, StageMove,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The columns of `stage_moves` that [`move_from_row`] reads, in its order.
pub(crate) const MOVE_COLUMNS: &str =
    "kind, from_status, to_status, stage, at, actor, lost_reason, \
     dormant_reason, competitor, note, reassign_to, wake_on";

/// How many columns [`MOVE_COLUMNS`] names: a query that selects more after them finds the
/// first of those at this index.
pub(crate) const MOVE_COLUMN_COUNT: usize = 12;

/// A stored pipeline status.
pub(crate) fn status(text: &str) -> Result<PipelineStatus> {
    PipelineStatus::from_code(text).ok_or_else(|| StoreError::Corrupt {
        column: "stage_moves.status",
    })
}

/// A move from a row whose first columns are [`MOVE_COLUMNS`].
pub(crate) fn move_from_row(row: &Row<'_>) -> Result<StageMove> {
    Ok(StageMove {
        kind: code::<MoveKind>(&row.get::<_, String>(0)?, "stage_moves.kind")?,
        from: status(&row.get::<_, String>(1)?)?,
        to: status(&row.get::<_, String>(2)?)?,
        stage: code::<Stage>(&row.get::<_, String>(3)?, "stage_moves.stage")?,
        at: from_millis(row.get(4)?, "stage_moves.at")?,
        actor: row.get(5)?,
        lost_reason: opt_code(row, 6, "stage_moves.lost_reason")?,
        dormant_reason: opt_code(row, 7, "stage_moves.dormant_reason")?,
        competitor: row.get(8)?,
        note: row.get(9)?,
        reassign_to: row.get(10)?,
        wake_on: opt_date_at(row, 11, "stage_moves.wake_on")?,
    })
}

/// Customer `id`'s moves, every deal's, oldest first.
pub(crate) fn load_moves(conn: &Connection, id: &CustomerId) -> Result<Vec<StageMove>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MOVE_COLUMNS} FROM stage_moves WHERE customer_id = ?1 ORDER BY seq"
    ))?;
    collect(&mut stmt, [id.as_str()], move_from_row)
}

/// Deal `deal`'s moves, oldest first.
pub(crate) fn load_deal_moves(conn: &Connection, deal: &DealId) -> Result<Vec<StageMove>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MOVE_COLUMNS} FROM stage_moves WHERE deal_id = ?1 ORDER BY seq"
    ))?;
    collect(&mut stmt, [deal.as_str()], move_from_row)
}

/// Fails with [`StoreError::NotFound`] unless customer `id` is in the book.
pub(crate) fn check_customer(conn: &Connection, id: &CustomerId) -> Result<()> {
    let found = conn
        .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .exists([id.as_str()])?;
    if found {
        Ok(())
    } else {
        Err(not_found(id))
    }
}

/// Deal `deal`'s state (replayed from its moves since it was opened) and its customer.
pub(crate) fn deal_state(conn: &Connection, deal: &DealId) -> Result<(PipelineState, CustomerId)> {
    let (customer, created): (String, i64) = conn
        .prepare_cached("SELECT customer_id, created_at FROM deals WHERE id = ?1")?
        .query_row([deal.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| deal_not_found(deal))?;
    let moves = load_deal_moves(conn, deal)?;
    let state = replay(from_millis(created, "deals.created_at")?, &moves).map_err(|_| {
        StoreError::Corrupt {
            column: "stage_moves",
        }
    })?;
    Ok((state, CustomerId(customer)))
}

/// The state of the deal a call naming only customer `id` acts on
/// ([`crm_core::deal_for_customer_call`]), and that deal: refused with
/// [`StoreError::DealRefused`] while the customer has several open deals.
pub(crate) fn current_state(conn: &Connection, id: &CustomerId) -> Result<(PipelineState, DealId)> {
    let deal = customer_deal(conn, id)?;
    Ok((deal_state(conn, &deal)?.0, deal))
}

/// The next number in customer `id`'s move history (numbered across their deals).
pub(crate) fn next_seq(conn: &Connection, id: &CustomerId) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM stage_moves WHERE customer_id = ?1")?
        .query_row([id.as_str()], |r| r.get(0))?)
}

/// Appends move `m` of deal `deal` to customer `id`'s history as their `seq`th.
pub(crate) fn insert_move(
    tx: &Connection,
    id: &CustomerId,
    deal: &DealId,
    seq: i64,
    m: &StageMove,
) -> Result<()> {
    tx.prepare_cached(&format!(
        "INSERT INTO stage_moves (customer_id, seq, {MOVE_COLUMNS}, deal_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    ))?
    .execute(params![
        id.as_str(),
        seq,
        m.kind.code(),
        m.from.code(),
        m.to.code(),
        m.stage.code(),
        to_millis(m.at),
        m.actor,
        m.lost_reason.map(LostReason::code),
        m.dormant_reason.map(DormantReason::code),
        m.competitor,
        m.note,
        m.reassign_to,
        m.wake_on.map(date_text),
        deal.as_str(),
    ])?;
    Ok(())
}

impl Store {
    /// Where customer `customer` stands: the state their current deal's moves lead to (their
    /// open deal; the newest when several are open; else the one closed last).
    pub fn pipeline_state(&self, customer: &CustomerId) -> Result<PipelineState> {
        self.read(|tx| {
            let deal = shown_deal(tx, customer)?;
            Ok(deal_state(tx, &deal)?.0)
        })
    }

    /// Customer `customer`'s moves, every deal's, oldest first.
    pub fn stage_history(&self, customer: &CustomerId) -> Result<Vec<StageMove>> {
        self.read(|tx| {
            check_customer(tx, customer)?;
            load_moves(tx, customer)
        })
    }

    /// Deal `deal`'s moves, oldest first.
    pub fn deal_history(&self, deal: &DealId) -> Result<Vec<StageMove>> {
        self.read(|tx| {
            deal_state(tx, deal)?;
            load_deal_moves(tx, deal)
        })
    }
}
