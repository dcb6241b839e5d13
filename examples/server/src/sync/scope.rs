//! Who sees and who writes which customer, decided by the customer's `owner` field:
//!
//! | role       | full (reads and writes)                        | pool (`owner` null)          |
//! |------------|------------------------------------------------|------------------------------|
//! | consultant | customers they own                             | masked: read only, no history |
//! | manager    | customers owned by their team's members         | full                          |
//! | admin      | every customer                                 | full                          |
//!
//! A consultant sees a pool customer's `customers` row, its tags and its contacts with their
//! values masked (`138****8000`), and nothing else of it (follow-ups, visits, orders ...),
//! until they claim it (set `owner` to themselves).

use crate::auth::{Role, User};
use crate::error::ServerError;
use crm_core::sync::SyncEntity;
use tokio_postgres::GenericClient;

/// How much of one customer a user gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing.
    None,
    /// A pool customer as a consultant sees it: [`POOL_ENTITIES`], contacts masked.
    Masked,
    /// Everything; writes allowed.
    Full,
}

/// What a consultant gets of a pool customer.
pub const POOL_ENTITIES: [SyncEntity; 3] = [
    SyncEntity::Customers,
    SyncEntity::Contacts,
    SyncEntity::CustomerTags,
];

/// A user with what their scope needs (a manager's team members).
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The user.
    pub user: User,
    /// The ids of the users whose customers are in full scope (a consultant: themselves; a
    /// manager: their team's members; an admin: unused).
    pub owners: Vec<String>,
}

impl Viewer {
    /// Reads a manager's team members.
    pub async fn load(client: &impl GenericClient, user: User) -> Result<Viewer, ServerError> {
        let owners = match (user.role, &user.team) {
            (Role::Manager, Some(team)) => client
                .query("SELECT id FROM users WHERE team = $1 ORDER BY id", &[team])
                .await?
                .iter()
                .map(|r| r.get(0))
                .collect(),
            _ => vec![user.user_id.clone()],
        };
        Ok(Viewer { user, owners })
    }

    /// The user's level for a customer owned by `owner` (`None`: the pool).
    pub fn level(&self, owner: Option<&str>) -> Level {
        match (self.user.role, owner) {
            (Role::Admin, _) => Level::Full,
            (Role::Manager, None) => Level::Full,
            (Role::Consultant, None) => Level::Masked,
            (_, Some(owner)) if self.owners.iter().any(|o| o == owner) => Level::Full,
            (_, Some(_)) => Level::None,
        }
    }

    /// Whether the user sees rows of `entity` of a customer owned by `owner`.
    pub fn sees(&self, entity: SyncEntity, owner: Option<&str>) -> bool {
        match self.level(owner) {
            Level::Full => true,
            Level::Masked => POOL_ENTITIES.contains(&entity),
            Level::None => false,
        }
    }

    /// The parameters of [`SCOPE_SQL`]: every customer; owners in full scope; the pool in
    /// full; the entities seen of pool customers otherwise.
    pub fn sql_params(&self) -> (bool, Vec<String>, bool, Vec<String>) {
        let pool = POOL_ENTITIES
            .iter()
            .map(|e| e.table().to_string())
            .collect();
        match self.user.role {
            Role::Admin => (true, vec![], true, pool),
            Role::Manager => (false, self.owners.clone(), true, pool),
            Role::Consultant => (false, self.owners.clone(), false, pool),
        }
    }
}

/// The scope as SQL over a row `r` and its customer's row `c`, with [`Viewer::sql_params`]
/// as `$2..$5` (the same rule as [`Viewer::sees`]).
pub const SCOPE_SQL: &str = "($2::bool OR c.owner = ANY($3::text[]) OR \
     (c.owner IS NULL AND ($4::bool OR r.entity = ANY($5::text[]))))";

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role, owners: &[&str]) -> Viewer {
        Viewer {
            user: User {
                user_id: "me".into(),
                name: "Me".into(),
                role,
                team: None,
            },
            owners: owners.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn levels_by_role() {
        let consultant = viewer(Role::Consultant, &["me"]);
        assert_eq!(consultant.level(Some("me")), Level::Full);
        assert_eq!(consultant.level(None), Level::Masked);
        assert_eq!(consultant.level(Some("c02")), Level::None);
        let manager = viewer(Role::Manager, &["me", "c01"]);
        assert_eq!(manager.level(Some("c01")), Level::Full);
        assert_eq!(manager.level(None), Level::Full);
        assert_eq!(manager.level(Some("c09")), Level::None);
        let admin = viewer(Role::Admin, &["me"]);
        assert_eq!(admin.level(Some("c09")), Level::Full);
        assert_eq!(admin.level(None), Level::Full);
    }

    #[test]
    fn pool_customers_show_consultants_only_the_pool_entities() {
        let consultant = viewer(Role::Consultant, &["me"]);
        assert!(consultant.sees(SyncEntity::Contacts, None));
        assert!(consultant.sees(SyncEntity::Customers, None));
        assert!(!consultant.sees(SyncEntity::FollowUps, None));
        assert!(consultant.sees(SyncEntity::FollowUps, Some("me")));
        assert!(!consultant.sees(SyncEntity::Customers, Some("c02")));
    }
}
