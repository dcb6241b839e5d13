//! The refusal of an action the book's user may not take, and the checks that give it.

use super::permission::{allows, Permission};
use crate::sync::SyncUser;
use crate::Code;

/// The book's user may not take this action (their role does not allow it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{user} ({role}) may not {}{}", action.describe(), detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
pub struct Forbidden {
    /// What was refused.
    pub action: Permission,
    /// Who tried (the book's user id).
    pub user: String,
    /// Their role's code (`consultant`).
    pub role: &'static str,
    /// More about this case ("acting as c02"), if any.
    pub detail: Option<String>,
}

impl Forbidden {
    fn new(user: &SyncUser, action: Permission, detail: Option<String>) -> Forbidden {
        Forbidden {
            action,
            user: user.id.clone(),
            role: user.role.code(),
            detail,
        }
    }
}

/// `Ok` when the book's user may take `action`: always on a book without a user (one that
/// never synced: its single local user may do everything), else as [`allows`] says.
pub fn authorize(user: Option<&SyncUser>, action: Permission) -> Result<(), Forbidden> {
    match user {
        Some(user) if !allows(user.role, action) => Err(Forbidden::new(user, action, None)),
        _ => Ok(()),
    }
}

/// Who a change is recorded as made by: on a synced book, its user (when `actor` is none or
/// names them; another name needs [`Permission::ActAs`]); on a book without a user, `actor`
/// as given.
pub fn check_actor(
    user: Option<&SyncUser>,
    actor: Option<String>,
) -> Result<Option<String>, Forbidden> {
    let Some(user) = user else {
        return Ok(actor);
    };
    match actor {
        None => Ok(Some(user.id.clone())),
        Some(actor) if actor == user.id || allows(user.role, Permission::ActAs) => Ok(Some(actor)),
        Some(actor) => Err(Forbidden::new(
            user,
            Permission::ActAs,
            Some(format!("acting as {actor}")),
        )),
    }
}

/// `Ok` when the book's user may give a customer to `owner` (on creating it or changing its
/// owner): oneself or nobody (the pool) always; anyone else needs [`Permission::Assign`].
pub fn check_new_owner(user: Option<&SyncUser>, owner: Option<&str>) -> Result<(), Forbidden> {
    match (user, owner) {
        (Some(user), Some(owner)) if owner != user.id => authorize(Some(user), Permission::Assign)
            .map_err(|refused| Forbidden {
                detail: Some(format!("giving a customer to {owner}")),
                ..refused
            }),
        _ => Ok(()),
    }
}

/// `Ok` when the book's user may erase (or delete) a customer owned by `owner` (`None`:
/// the pool): always on a book without a user; a consultant only their own customers;
/// anyone else needs [`Permission::Erase`].
pub fn check_erase(user: Option<&SyncUser>, owner: Option<&str>) -> Result<(), Forbidden> {
    match user {
        Some(user) if owner != Some(user.id.as_str()) => authorize(Some(user), Permission::Erase)
            .map_err(|refused| Forbidden {
                detail: Some(match owner {
                    Some(owner) => format!("the customer belongs to {owner}"),
                    None => "the customer is in the pool".into(),
                }),
                ..refused
            }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::UserRole;

    fn user(role: UserRole) -> SyncUser {
        SyncUser {
            id: "c01".into(),
            name: "王建国".into(),
            role,
            team: Some("一组".into()),
        }
    }

    #[test]
    fn a_book_without_a_user_may_do_everything() {
        for action in <Permission as Code>::ALL {
            assert_eq!(authorize(None, *action), Ok(()));
        }
        assert_eq!(
            check_actor(None, Some("c09".into())),
            Ok(Some("c09".into()))
        );
        assert_eq!(check_actor(None, None), Ok(None));
    }

    #[test]
    fn a_consultant_is_refused_naming_the_action_and_the_role() {
        let refused =
            authorize(Some(&user(UserRole::Consultant)), Permission::DecideRequest).unwrap_err();
        assert_eq!(refused.action, Permission::DecideRequest);
        assert_eq!(
            refused.to_string(),
            "c01 (consultant) may not decide lost and dormant requests"
        );
        assert_eq!(
            authorize(Some(&user(UserRole::Manager)), Permission::DecideRequest),
            Ok(())
        );
    }

    #[test]
    fn a_consultant_gives_customers_only_to_themselves_or_the_pool() {
        let consultant = user(UserRole::Consultant);
        assert_eq!(check_new_owner(Some(&consultant), Some("c01")), Ok(()));
        assert_eq!(check_new_owner(Some(&consultant), None), Ok(()));
        let refused = check_new_owner(Some(&consultant), Some("c02")).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "c01 (consultant) may not assign customers to other consultants: giving a customer to c02"
        );
        assert_eq!(
            check_new_owner(Some(&user(UserRole::Manager)), Some("c02")),
            Ok(())
        );
        assert_eq!(check_new_owner(None, Some("c02")), Ok(()));
    }

    #[test]
    fn a_consultant_erases_only_their_own_customers() {
        let consultant = user(UserRole::Consultant);
        assert_eq!(check_erase(Some(&consultant), Some("c01")), Ok(()));
        let refused = check_erase(Some(&consultant), Some("c02")).unwrap_err();
        assert_eq!(refused.action, Permission::Erase);
        assert_eq!(
            refused.to_string(),
            "c01 (consultant) may not erase customers they do not own: the customer belongs to c02"
        );
        assert_eq!(
            check_erase(Some(&consultant), None)
                .unwrap_err()
                .detail
                .as_deref(),
            Some("the customer is in the pool")
        );
        for role in [UserRole::Manager, UserRole::Admin] {
            for owner in [Some("c01"), Some("c02"), None] {
                assert_eq!(check_erase(Some(&user(role)), owner), Ok(()), "{role:?}");
            }
        }
        assert_eq!(check_erase(None, Some("c02")), Ok(()));
        assert_eq!(check_erase(None, None), Ok(()));
    }

    #[test]
    fn changes_are_recorded_in_the_users_own_name() {
        let consultant = user(UserRole::Consultant);
        assert_eq!(check_actor(Some(&consultant), None), Ok(Some("c01".into())));
        assert_eq!(
            check_actor(Some(&consultant), Some("c01".into())),
            Ok(Some("c01".into()))
        );
        let refused = check_actor(Some(&consultant), Some("c02".into())).unwrap_err();
        assert_eq!(refused.action, Permission::ActAs);
        assert_eq!(
            refused.to_string(),
            "c01 (consultant) may not act in another user's name: acting as c02"
        );
        let manager = user(UserRole::Manager);
        assert!(check_actor(Some(&manager), Some("c02".into())).is_err());
        let admin = user(UserRole::Admin);
        assert_eq!(
            check_actor(Some(&admin), Some("c02".into())),
            Ok(Some("c02".into()))
        );
    }
}
