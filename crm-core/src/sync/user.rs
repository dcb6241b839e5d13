//! Who a synced book's user is, as the server says: their id, name, role and team.

use crate::validation::{codes, optional_text, required_text, Limits, ValidationError};
use serde::{Deserialize, Serialize};

/// What a user may see and do on the dealership's server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    /// A sales consultant (销售顾问): their own customers.
    Consultant,
    /// A manager (销售经理): their team's customers.
    Manager,
    /// An administrator: every customer.
    Admin,
}

codes!(UserRole {
    Consultant => "consultant",
    Manager => "manager",
    Admin => "admin",
});

/// The user a book syncs as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncUser {
    /// Their id on the server (`c01`), the owner new customers get.
    pub id: String,
    /// Their name (王建国).
    pub name: String,
    /// Their role.
    pub role: UserRole,
    /// Their team, if any.
    pub team: Option<String>,
}

impl SyncUser {
    /// Checks every field (texts on one line; id and name required) and trims them.
    pub fn validate(&self) -> Result<SyncUser, ValidationError> {
        Ok(SyncUser {
            id: required_text("user_id", &self.id, Limits::OWNER)?,
            name: required_text("name", &self.name, Limits::NAME)?,
            role: self.role,
            team: optional_text("team", self.team.as_deref(), Limits::OWNER, false)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::{assert_codes_are_serde_names, Rule};

    #[test]
    fn roles_are_their_serde_names() {
        assert_codes_are_serde_names::<UserRole>();
    }

    #[test]
    fn a_user_is_trimmed_and_needs_an_id_and_a_name() {
        let user = SyncUser {
            id: " c01 ".into(),
            name: "王建国".into(),
            role: UserRole::Manager,
            team: Some(" ".into()),
        };
        let ok = user.validate().unwrap();
        assert_eq!((ok.id.as_str(), ok.team), ("c01", None));
        let no_id = SyncUser {
            id: "".into(),
            ..user.clone()
        };
        assert_eq!(no_id.validate().unwrap_err().field, "user_id");
        let bad_name = SyncUser {
            name: "王\n".repeat(3),
            ..user
        };
        assert_eq!(
            bad_name.validate().unwrap_err().rule,
            Rule::ControlCharacters
        );
    }
}
