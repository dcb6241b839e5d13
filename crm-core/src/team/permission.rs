//! The actions that need more than a consultant's role, and which roles may take them.

use crate::pipeline::MoveKind;
use crate::sync::UserRole;
use crate::validation::codes;
use serde::{Deserialize, Serialize};

/// An action that not every role may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Approve or reject a consultant's lost or dormant request (战败/休眠审批).
    DecideRequest,
    /// Give a customer to a consultant other than oneself: from the pool, or from another
    /// consultant (分配).
    Assign,
    /// Move one, several or all of a consultant's customers to another (离职继承).
    Transfer,
    /// Settle the duplicate-registration queue (撞单): merge, reassign, dismiss.
    ResolveDuplicates,
    /// Record a change in another user's name (`actor` other than oneself).
    ActAs,
    /// Erase (or delete, which erases) a customer the user does not own: a pool customer or
    /// another consultant's (个人信息删除). A consultant erases only the customers they own
    /// ([`crate::team::check_erase`]).
    Erase,
    /// Set the team's deal rules (how many open deals an owner may hold with one customer).
    SetDealRules,
}

codes!(Permission {
    DecideRequest => "decide_request",
    Assign => "assign",
    Transfer => "transfer",
    ResolveDuplicates => "resolve_duplicates",
    ActAs => "act_as",
    Erase => "erase",
    SetDealRules => "set_deal_rules",
});

impl Permission {
    /// What the action is, for messages ("decide lost and dormant requests").
    pub fn describe(self) -> &'static str {
        match self {
            Permission::DecideRequest => "decide lost and dormant requests",
            Permission::Assign => "assign customers to other consultants",
            Permission::Transfer => "transfer customers between consultants",
            Permission::ResolveDuplicates => "settle duplicate registrations",
            Permission::ActAs => "act in another user's name",
            Permission::Erase => "erase customers they do not own",
            Permission::SetDealRules => "set the team's deal rules",
        }
    }
}

/// Whether `role` may take `action` (for the customers in its scope: a manager's are their
/// team's, which the server checks; a device holds only customers in its user's scope).
///
/// | action              | consultant | manager | admin |
/// |---------------------|------------|---------|-------|
/// | decide a request    | no         | yes     | yes   |
/// | assign              | no         | yes     | yes   |
/// | transfer            | no         | yes     | yes   |
/// | resolve duplicates  | no         | yes     | yes   |
/// | act as another user | no         | no      | yes   |
/// | erase others'       | no         | yes     | yes   |
/// | set the deal rules  | no         | yes     | yes   |
///
/// A manager decides and reassigns but records it in their own name; only an administrator
/// may enter changes for someone else (repairing a book).
///
/// Erasure (PIPL art. 47) is the dealership's answer to a person's request: the request
/// reaches the consultant who serves the person, who may erase the customers they own
/// (the team's manager reads every deletion and erasure of the team, with its reason,
/// through the deletions sent at sync); a customer in the pool or of another consultant
/// is the team's, and its manager (or an administrator) erases it.
pub fn allows(role: UserRole, action: Permission) -> bool {
    match role {
        UserRole::Consultant => false,
        UserRole::Manager => action != Permission::ActAs,
        UserRole::Admin => true,
    }
}

/// What a pipeline move of `kind` needs beyond a consultant's rights: deciding a request
/// (approve, reject) needs [`Permission::DecideRequest`], and a rejection that hands the
/// customer to another consultant (`hands_on`) is an assignment too. Other moves need
/// nothing.
pub fn needed_for_move(kind: MoveKind, hands_on: bool) -> &'static [Permission] {
    match (kind, hands_on) {
        (MoveKind::Approve, _) | (MoveKind::Reject, false) => &[Permission::DecideRequest],
        (MoveKind::Reject, true) => &[Permission::DecideRequest, Permission::Assign],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;
    use crate::Code;

    #[test]
    fn permissions_are_their_serde_names() {
        assert_codes_are_serde_names::<Permission>();
    }

    /// The table of the doc comment, written out cell by cell.
    #[test]
    fn the_table_cell_by_cell() {
        use Permission::*;
        let table = [
            (DecideRequest, [false, true, true]),
            (Assign, [false, true, true]),
            (Transfer, [false, true, true]),
            (ResolveDuplicates, [false, true, true]),
            (ActAs, [false, false, true]),
            (Erase, [false, true, true]),
            (SetDealRules, [false, true, true]),
        ];
        assert_eq!(table.len(), Permission::ALL.len());
        let roles = [UserRole::Consultant, UserRole::Manager, UserRole::Admin];
        for (action, row) in table {
            for (role, expected) in roles.iter().zip(row) {
                assert_eq!(allows(*role, action), expected, "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn only_deciding_a_request_needs_more_than_a_consultant() {
        use Permission::*;
        for kind in MoveKind::ALL {
            for hands_on in [false, true] {
                let expected: &[Permission] = match (kind, hands_on) {
                    (MoveKind::Approve, _) => &[DecideRequest],
                    (MoveKind::Reject, false) => &[DecideRequest],
                    (MoveKind::Reject, true) => &[DecideRequest, Assign],
                    _ => &[],
                };
                assert_eq!(needed_for_move(*kind, hands_on), expected, "{kind:?}");
            }
        }
    }

    #[test]
    fn every_action_is_described() {
        let mut seen = std::collections::HashSet::new();
        for action in Permission::ALL {
            assert!(seen.insert(action.describe()), "{action:?}");
        }
    }
}
