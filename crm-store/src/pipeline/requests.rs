//! Lost and dormant requests (战败 / 休眠申请) awaiting a manager: the manager's list.

use super::history::{deal_state, load_deal_moves};
use crate::error::Result;
use crate::store::Store;
use crm_core::{CustomerId, DealId, PipelineState};

/// A deal whose lost or dormant request awaits a manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRequest {
    /// The customer.
    pub customer_id: CustomerId,
    /// The deal the request is about.
    pub deal_id: DealId,
    /// The customer's name, for the manager's list.
    pub name: String,
    /// The consultant who owns the deal.
    pub owner: Option<String>,
    /// The deal's state: the stage kept, the request (reason, competitor, note) in `side`,
    /// and `since`, when it was requested.
    pub state: PipelineState,
    /// Who asked.
    pub requested_by: Option<String>,
}

impl Store {
    /// The deals whose lost or dormant request awaits a manager, oldest request first; only
    /// consultant `owner`'s when given.
    pub fn pending_requests(&self, owner: Option<&str>) -> Result<Vec<PendingRequest>> {
        self.read(|tx| {
            let ids: Vec<(String, String, Option<String>)> = tx
                .prepare_cached(
                    "SELECT d.id, c.name, d.owner FROM deals d JOIN customers c
                         ON c.id = d.customer_id
                     WHERE d.pipeline_status IN ('lost_requested', 'dormant_requested')
                       AND (?1 IS NULL OR d.owner = ?1)
                     ORDER BY d.since, d.id",
                )?
                .query_map([owner], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            ids.into_iter()
                .map(|(deal, name, owner)| {
                    let deal = DealId(deal);
                    let moves = load_deal_moves(tx, &deal)?;
                    let (state, customer_id) = deal_state(tx, &deal)?;
                    Ok(PendingRequest {
                        customer_id,
                        deal_id: deal,
                        name,
                        owner,
                        state,
                        requested_by: moves.last().and_then(|m| m.actor.clone()),
                    })
                })
                .collect()
        })
    }
}
