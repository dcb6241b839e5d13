//! The claim check an upload runs when a consultant sets a customer's `owner` to
//! themselves: first come, first served, then the team's rules (`crm_core::pool`).

use super::rules::team_rules;
use super::standing::standing;
use crate::error::ApiError;
use crate::sync::scope::Viewer;
use chrono::{DateTime, Utc};
use crm_core::pool::{check_claim, ClaimRefusal};
use tokio_postgres::GenericClient;

/// Why the viewer (a consultant) may not claim `customer_id`, now owned by `owner`, at
/// `now`; `None` when they may.
pub async fn claim_refusal(
    tx: &impl GenericClient,
    viewer: &Viewer,
    customer_id: &str,
    owner: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<ClaimRefusal>, ApiError> {
    if let Some(owner) = owner {
        let name: Option<String> = tx
            .query_opt("SELECT name FROM users WHERE id = $1", &[&owner])
            .await?
            .map(|r| r.get(0));
        return Ok(Some(ClaimRefusal::ClaimedBy {
            name: name.unwrap_or_else(|| owner.to_owned()),
            user_id: owner.to_owned(),
        }));
    }
    let user = &viewer.user;
    let rules = team_rules(tx, user.team.as_deref()).await?;
    let standing = standing(tx, &user.user_id, &rules, Some(customer_id), now).await?;
    Ok(check_claim(&rules, &standing, customer_id, now).err())
}
