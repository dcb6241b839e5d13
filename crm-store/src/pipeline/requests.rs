//! Lost and dormant requests (战败 / 休眠申请) awaiting a manager: the manager's list.

use super::history::{current_state, load_moves};
use crate::error::Result;
use crate::store::Store;
use crm_core::{CustomerId, PipelineState};

/// A customer whose lost or dormant request awaits a manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRequest {
    /// The customer.
    pub customer_id: CustomerId,
    /// Their name, for the manager's list.
    pub name: String,
    /// The consultant who owns them.
    pub owner: Option<String>,
    /// The state: the stage kept, the request (reason, competitor, note) in `side`, and
    /// `since`, when it was requested.
    pub state: PipelineState,
    /// Who asked.
    pub requested_by: Option<String>,
}

impl Store {
    /// The customers whose lost or dormant request awaits a manager, oldest request first;
    /// only consultant `owner`'s when given.
    pub fn pending_requests(&self, owner: Option<&str>) -> Result<Vec<PendingRequest>> {
        self.read(|tx| {
            let ids: Vec<(String, String, Option<String>)> = tx
                .prepare_cached(
                    "SELECT id, name, owner FROM customers
                     WHERE pipeline_status IN ('lost_requested', 'dormant_requested')
                       AND (?1 IS NULL OR owner = ?1)
                     ORDER BY pipeline_since, id",
                )?
                .query_map([owner], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            ids.into_iter()
                .map(|(id, name, owner)| {
                    let id = CustomerId(id);
                    let moves = load_moves(tx, &id)?;
                    let (state, _) = current_state(tx, &id)?;
                    Ok(PendingRequest {
                        customer_id: id,
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
