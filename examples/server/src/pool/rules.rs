//! Each team's pool rules (`pool_rules`): `crm_core::pool::PoolRules` as JSON, the defaults
//! for a team without a row.

use crate::error::ServerError;
use chrono::{DateTime, Utc};
use crm_core::pool::PoolRules;
use tokio_postgres::GenericClient;

/// The rules of `team` (the defaults for no team, or a team without rules of its own).
pub async fn team_rules(
    client: &impl GenericClient,
    team: Option<&str>,
) -> Result<PoolRules, ServerError> {
    let Some(team) = team else {
        return Ok(PoolRules::default());
    };
    let row = client
        .query_opt("SELECT rules FROM pool_rules WHERE team = $1", &[&team])
        .await?;
    match row {
        None => Ok(PoolRules::default()),
        Some(row) => serde_json::from_value(row.get(0)).map_err(|e| ServerError::Config {
            what: "pool_rules.rules",
            detail: format!("team {team}: {e}"),
        }),
    }
}

/// Stores `rules` for `team` after checking them; the team must have a user.
pub async fn set_team_rules(
    client: &impl GenericClient,
    team: &str,
    rules: &PoolRules,
    now: DateTime<Utc>,
) -> Result<PoolRules, ServerError> {
    let rules = rules.validate().map_err(|e| ServerError::Config {
        what: "pool rules",
        detail: e.to_string(),
    })?;
    let known = client
        .query_opt("SELECT 1 FROM users WHERE team = $1 LIMIT 1", &[&team])
        .await?
        .is_some();
    if !known {
        return Err(ServerError::User(format!(
            "no user belongs to team {team}: add its users first"
        )));
    }
    let json = serde_json::to_value(&rules).map_err(|e| ServerError::Config {
        what: "pool rules",
        detail: e.to_string(),
    })?;
    client
        .execute(
            "INSERT INTO pool_rules (team, rules, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (team) DO UPDATE SET rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at",
            &[&team, &json, &now],
        )
        .await?;
    Ok(rules)
}
