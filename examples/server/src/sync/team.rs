//! The team's rules on uploads: what [`crm_core::team`] says a role may not do, refused
//! again on the server (a device's own check can be bypassed). Checked for every change
//! before it is merged.
//!
//! - **Deciding a request** (approving or rejecting a lost or dormant request) needs a
//!   manager or an admin, in their own name (an admin may name someone else): a stage move
//!   of kind `approve` or `reject` (with `reassign_to`, an assignment too), and a stored
//!   customer's `pipeline_status` changed to `lost` or `dormant`.
//! - **History is not a decision.** A book that never synced had one local user who could
//!   do everything; its first sync uploads its customers as they stand and its past moves.
//!   A new customer is accepted in whatever status it is, and a deciding move whose
//!   customer the server already holds in the move's resulting status is a record of what
//!   happened, accepted as such. A decision the server has not seen made (the customer still
//!   requested on the server) is refused: the device puts the request back, and a manager
//!   decides it.

use super::rows::{self, StoredRow};
use crate::auth::User;
use crate::error::ApiError;
use crm_core::pipeline::MoveKind;
use crm_core::sync::{Change, ChangeOp, SyncEntity, SyncUser};
use crm_core::team::{self, needed_for_move, Forbidden, Permission};
use crm_core::Code;
use serde_json::Value;
use tokio_postgres::GenericClient;

/// `Ok(Err(reason))` when `user` may not make `change` (`stored`: the row as the server
/// has it).
pub async fn check(
    tx: &impl GenericClient,
    user: &User,
    change: &Change,
    stored: Option<&StoredRow>,
) -> Result<Result<(), String>, ApiError> {
    if change.op != ChangeOp::Put {
        return Ok(Ok(()));
    }
    let me = SyncUser {
        id: user.user_id.clone(),
        name: user.name.clone(),
        role: user.role.user_role(),
        team: user.team.clone(),
    };
    let text = |name: &str| change.fields.get(name).and_then(Value::as_str);
    let status_of = |row: &StoredRow| {
        row.fields
            .get("pipeline_status")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    Ok(match change.entity {
        SyncEntity::StageMoves => {
            let Some(kind) = text("kind").and_then(MoveKind::from_code) else {
                return Ok(Ok(()));
            };
            let needed = needed_for_move(kind, text("reassign_to").is_some());
            if needed.is_empty() {
                return Ok(Ok(()));
            }
            let customer = match text("customer_id") {
                Some(id) => rows::load(tx, SyncEntity::Customers, id).await?,
                None => None,
            };
            let recorded = customer.as_ref().and_then(status_of);
            if recorded.is_some() && recorded.as_deref() == text("to_status") {
                return Ok(Ok(()));
            }
            decide(&me, needed, text("actor"))
        }
        SyncEntity::Customers => {
            let to = text("pipeline_status");
            let was = stored.and_then(status_of);
            match (stored, to) {
                (Some(_), Some(to @ ("lost" | "dormant"))) if was.as_deref() != Some(to) => {
                    decide(&me, &[Permission::DecideRequest], None)
                }
                _ => Ok(()),
            }
        }
        _ => Ok(()),
    })
}

/// `me` takes the actions `needed` in the name of `actor` (their own when none).
fn decide(me: &SyncUser, needed: &[Permission], actor: Option<&str>) -> Result<(), String> {
    for action in needed {
        team::authorize(Some(me), *action).map_err(refusal)?;
    }
    team::check_actor(Some(me), actor.map(str::to_owned)).map_err(refusal)?;
    Ok(())
}

/// The rejection's reason: `forbidden: ` and what was refused.
fn refusal(refused: Forbidden) -> String {
    format!("forbidden: {refused}")
}
