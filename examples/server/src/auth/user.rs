//! Users and their roles: a consultant (销售顾问) sees the customers they own; a manager
//! (销售经理) those of their team's members and the public pool; an admin every customer.

use super::token::{hash_token, new_token};
use crate::error::ServerError;
use serde::Serialize;
use tokio_postgres::GenericClient;

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Owns customers and works them; belongs to a team.
    Consultant,
    /// Sees and reassigns the customers of their team's members and the pool.
    Manager,
    /// Sees and reassigns every customer; belongs to no team.
    Admin,
}

impl Role {
    /// The code stored and shown.
    pub fn code(self) -> &'static str {
        match self {
            Role::Consultant => "consultant",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    /// The same role as the device library names it, for [`crm_core::team`]'s rules.
    pub fn user_role(self) -> crm_core::sync::UserRole {
        match self {
            Role::Consultant => crm_core::sync::UserRole::Consultant,
            Role::Manager => crm_core::sync::UserRole::Manager,
            Role::Admin => crm_core::sync::UserRole::Admin,
        }
    }

    /// The role whose code is `code`.
    pub fn from_code(code: &str) -> Option<Role> {
        [Role::Consultant, Role::Manager, Role::Admin]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

/// An authenticated user, as `GET /v1/me` shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// The user's id (the `owner` of their customers).
    pub user_id: String,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Their team (none for an admin).
    pub team: Option<String>,
}

/// A user to add.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Their team: required for consultants and managers, refused for admins.
    pub team: Option<String>,
}

/// Adds the user (or, when a user with this id, role and team exists, keeps them and
/// updates the name: a second device) and returns a new device token for them.
pub async fn add_user(client: &impl GenericClient, user: &NewUser) -> Result<String, ServerError> {
    let id = user.id.trim();
    if id.is_empty() {
        return Err(ServerError::User("--id must not be empty".into()));
    }
    if user.name.trim().is_empty() {
        return Err(ServerError::User("--name must not be empty".into()));
    }
    let team = user.team.as_deref().map(str::trim);
    match (user.role, team) {
        (Role::Admin, Some(_)) => {
            return Err(ServerError::User(
                "an admin belongs to no team: drop --team".into(),
            ))
        }
        (Role::Consultant | Role::Manager, None | Some("")) => {
            return Err(ServerError::User(format!(
                "a {} belongs to a team: give --team",
                user.role.code()
            )))
        }
        _ => {}
    }
    let existing = client
        .query_opt("SELECT role, team FROM users WHERE id = $1", &[&id])
        .await?;
    if let Some(row) = existing {
        let role: String = row.get(0);
        let old_team: Option<String> = row.get(1);
        if role != user.role.code() || old_team.as_deref() != team {
            return Err(ServerError::User(format!(
                "user {id} exists as {role}{}: a user's role and team are not changed by `user add`",
                old_team.map(|t| format!(" of team {t}")).unwrap_or_default()
            )));
        }
        client
            .execute(
                "UPDATE users SET name = $2 WHERE id = $1",
                &[&id, &user.name.trim()],
            )
            .await?;
    } else {
        client
            .execute(
                "INSERT INTO users (id, name, role, team) VALUES ($1, $2, $3, $4)",
                &[&id, &user.name.trim(), &user.role.code(), &team],
            )
            .await?;
    }
    let (token, hash) = new_token();
    client
        .execute(
            "INSERT INTO device_tokens (token_hash, user_id) VALUES ($1, $2)",
            &[&hash, &id],
        )
        .await?;
    Ok(token)
}

/// The user a token belongs to, `None` for a token the server does not know.
pub async fn authenticate(
    client: &impl GenericClient,
    token: &str,
) -> Result<Option<User>, ServerError> {
    let row = client
        .query_opt(
            "SELECT u.id, u.name, u.role, u.team FROM device_tokens t
             JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
            &[&hash_token(token)],
        )
        .await?;
    Ok(row.and_then(|r| {
        Some(User {
            user_id: r.get(0),
            name: r.get(1),
            role: Role::from_code(r.get(2))?,
            team: r.get(3),
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip_and_match_serde() {
        for role in [Role::Consultant, Role::Manager, Role::Admin] {
            assert_eq!(Role::from_code(role.code()), Some(role));
            assert_eq!(
                serde_json::to_value(role).unwrap(),
                serde_json::json!(role.code())
            );
        }
        assert_eq!(Role::from_code("boss"), None);
    }
}
