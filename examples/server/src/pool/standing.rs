//! A consultant's standing under the claim rules (recent claims and releases, customers
//! held), read from `pool_events` and `sync_rows`; `GET /v1/pool` sends it to their device
//! with the team's rules.

use super::rules::team_rules;
use crate::auth::User;
use crate::error::ServerError;
use chrono::{DateTime, Duration, Utc};
use crm_core::pool::{ClaimStanding, PoolRules, PoolStatus, RecentRelease, CLAIM_WINDOW_HOURS};
use tokio_postgres::GenericClient;

/// The standing of `user_id` at `now` under `rules`: claims of the last 24 hours, releases
/// from them within the wait (of `customer_id` only, when given), customers held.
pub async fn standing(
    client: &impl GenericClient,
    user_id: &str,
    rules: &PoolRules,
    customer_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ClaimStanding, tokio_postgres::Error> {
    let claims_from = now - Duration::hours(CLAIM_WINDOW_HOURS);
    let claims = client
        .query(
            "SELECT at FROM pool_events
             WHERE kind = 'claim' AND to_owner = $1 AND at > $2 AND at <= $3 ORDER BY at",
            &[&user_id, &claims_from, &now],
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let releases_from = now - Duration::hours(i64::from(rules.reclaim_wait_hours));
    let releases = client
        .query(
            "SELECT customer_id, at FROM pool_events
             WHERE kind = 'release' AND from_owner = $1 AND at > $2 AND at <= $3
               AND ($4::text IS NULL OR customer_id = $4)
             ORDER BY at, customer_id",
            &[&user_id, &releases_from, &now, &customer_id],
        )
        .await?
        .iter()
        .map(|r| RecentRelease {
            customer_id: r.get(0),
            at: r.get(1),
        })
        .collect();
    let holding: i64 = client
        .query_one(
            "SELECT count(*) FROM sync_rows
             WHERE entity = 'customers' AND owner = $1 AND NOT deleted",
            &[&user_id],
        )
        .await?
        .get(0);
    Ok(ClaimStanding {
        claims,
        releases,
        holding: u32::try_from(holding).unwrap_or(u32::MAX),
    })
}

/// The user's team's rules and their standing at `now`.
pub async fn pool_status(
    client: &impl GenericClient,
    user: &User,
    now: DateTime<Utc>,
) -> Result<PoolStatus, ServerError> {
    let rules = team_rules(client, user.team.as_deref()).await?;
    let standing = standing(client, &user.user_id, &rules, None, now).await?;
    Ok(PoolStatus { rules, standing })
}
