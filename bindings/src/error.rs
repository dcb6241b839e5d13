//! The one error the bindings raise: a variant for each thing an app does differently.

use crate::number::Signed;
use crm_core::{Code, ValidationError};
use crm_store::StoreError;

/// What went wrong in a `CrmStore` call. When a call fails, nothing was written.
///
/// Messages never contain personal data: only field names, rules, ids and versions.
/// Kotlin sees `CrmException` with one subclass per variant; Swift `CrmError`; Python
/// `CrmError.InvalidInput` and so on.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error, thiserror::Error)]
pub enum CrmError {
    /// A value broke a rule: show `reason` next to the input named by `field`
    /// (`name`, `contacts[1].value`, `birthday`, `cursor`, `limit`, `query`,
    /// `filter.birthday_months[0]`; a view's `name` with "is already used"; `instant` for an
    /// instant beyond chrono's ±262,000 years, which only a foreign `Instant` can reach).
    /// Follow-ups and plans: `at`, `content`, `attachments[0].sha256`, `next.time`, `to`,
    /// `reason`; `customer_id` "is already used" when the customer already has a pending
    /// plan; `plan_id` when a plan is done or cancelled and can no longer change. Templates:
    /// `body`, `values.model` for a placeholder left without a value, `key` for a
    /// read-only starter template. Settings: `time_zone`, `h_days`, `lead_minutes`; reminder
    /// sync: `token`. Deals: `deal_id` when the customer has several open deals and the call
    /// must name one (or names another customer's), `owner` when the owner already holds an
    /// open deal with the customer.
    #[error("{field} {reason}")]
    InvalidInput {
        /// The path of the offending field, as the records name it (snake_case).
        field: String,
        /// The rule broken, in English ("is required", "is longer than 50 characters").
        reason: String,
    },
    /// No record has this id (a customer, or the saved view, follow-up, plan or template
    /// the call names): it may have been deleted. Say so and refresh the list.
    #[error("not found: {id}")]
    NotFound {
        /// The id looked for.
        id: String,
    },
    /// The customer (or saved view, follow-up, plan) changed since it was read: reload it
    /// and apply the change again. For a plan the versions are its versions.
    #[error("the record is at version {actual_version}, not {expected_version}: reload and retry")]
    Conflict {
        /// The version the caller passed.
        expected_version: i64,
        /// The version stored now.
        actual_version: i64,
    },
    /// A phone, WeChat ID or e-mail already belongs to another customer (撞单): offer to open
    /// that customer instead.
    #[error("{field} already belongs to customer {existing_id}")]
    DuplicateContact {
        /// The contact's field path (`contacts[0].value`).
        field: String,
        /// The customer who has it.
        existing_id: String,
    },
    /// The database file was written by a newer version of the app; it was not touched.
    /// Ask the user to update the app.
    #[error("the database is at schema version {found}, newer than the supported {supported}")]
    DatabaseTooNew {
        /// The schema version in the file.
        found: i32,
        /// The newest schema version this library knows.
        supported: i32,
    },
    /// The key does not open this book (`openEncrypted`): a wrong key, or a plain book
    /// given a key. The file was not touched. Ask for the right key (the key store's), or
    /// encrypt a plain book with `encryptedCopyTo` first.
    #[error("the key does not open this book")]
    WrongKey,
    /// Another program held the database locked for longer than the busy wait (5 s):
    /// nothing was written. Retry the call a little later.
    #[error("the database is locked by another connection: try again")]
    Busy,
    /// The database could not be read or written (disk full, not a database or another
    /// application's, a read-only store asked to write, a read-only open of a book that
    /// needs an upgrade, unreadable data). Usually not fixable by the user beyond retrying.
    /// `detail` carries SQLite's result code and its fixed description, or the column
    /// that held unreadable data: never a path or a stored value.
    #[error("storage failure: {detail}")]
    Storage {
        /// What failed, for logs. (Not `message`: Kotlin exceptions already have one.)
        detail: String,
    },
    /// The book's user may not do this: their role does not allow it (a consultant approving
    /// a lost request, assigning a customer to someone else, transferring customers,
    /// settling duplicates, or acting in another user's name). Only a synced book has a user
    /// and a role; hide or disable the action for this role. The server refuses it again.
    #[error("forbidden: {detail}")]
    Forbidden {
        /// The action refused: `decide_request`, `assign`, `transfer`,
        /// `resolve_duplicates`, `act_as`, `erase` (a customer the user does not own).
        action: String,
        /// The role that may not take it: `consultant`, `manager`.
        role: String,
        /// The whole reason, for logs ("c01 (consultant) may not decide lost and dormant
        /// requests").
        detail: String,
    },
    /// A claim of a pool customer (领取) the team's rules refuse, as the last sync brought
    /// them: show `detail`. `rule`: `claimed_by` (someone holds the customer: `holder` names
    /// them), `wait` (released from this user too recently: claim again from `until`),
    /// `daily_limit` (claims of the last 24 hours), `holding` (as many customers as the team
    /// allows: release one first). Nothing was written.
    #[error("forbidden: {detail}")]
    ClaimRefused {
        /// Which rule: `claimed_by`, `wait`, `daily_limit`, `holding`.
        rule: String,
        /// Who holds the customer (`claimed_by`).
        holder: Option<String>,
        /// When the customer may be claimed again (`wait`).
        until: Option<crate::custom::Timestamp>,
        /// The whole reason, as the server words it ("daily claim limit 20 reached").
        detail: String,
    },
    /// The sync server could not be reached (`status` null: no network, a wrong address;
    /// retry later, the book keeps working offline) or refused the request as a whole
    /// (`status` its HTTP status: 401 an unknown or revoked token, ask the user to sign in
    /// again; 409 a server older than the app). Nothing is lost: the next sync goes on from
    /// where this one stopped. Single changes the server refuses are not errors but
    /// rejections (`syncRejections`).
    #[error("sync failed: {detail}")]
    Sync {
        /// The HTTP status of the refusal; null when the server was not reached.
        status: Option<i32>,
        /// The server's reason, or why it could not be reached.
        detail: String,
    },
}

impl CrmError {
    /// An `InvalidInput` for `field` with `reason`.
    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        CrmError::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// The same error with `prefix.` before an `InvalidInput`'s field (`filter.ordered_to`);
    /// any other error unchanged.
    pub(crate) fn within(self, prefix: &str) -> Self {
        match self {
            CrmError::InvalidInput { field, reason } => CrmError::InvalidInput {
                field: format!("{prefix}.{field}"),
                reason,
            },
            other => other,
        }
    }
}

/// The error of a conversion that cannot fail, so that `TryFrom` conversions of either kind
/// combine (`convert::checked`).
impl From<std::convert::Infallible> for CrmError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

impl From<ValidationError> for CrmError {
    fn from(e: ValidationError) -> Self {
        CrmError::invalid(e.field, e.rule.to_string())
    }
}

impl From<StoreError> for CrmError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(v) => v.into(),
            StoreError::NotFound { id, .. } => CrmError::NotFound { id },
            StoreError::Conflict {
                expected, actual, ..
            } => CrmError::Conflict {
                expected_version: expected.signed(),
                actual_version: actual.signed(),
            },
            StoreError::Duplicate { field, existing } => CrmError::DuplicateContact {
                field,
                existing_id: existing.0,
            },
            StoreError::TooNew { found, supported } => CrmError::DatabaseTooNew {
                found: found.signed(),
                supported: supported.signed(),
            },
            // A starter template is read-only: the caller named it by `key`.
            StoreError::Closed {
                entity: "template", ..
            } => CrmError::invalid(
                "key",
                "is a starter template, which cannot change: add a copy instead",
            ),
            // A done or cancelled plan: the app's copy is stale; the field says which kind of
            // record (`plan_id`), the reason its state.
            StoreError::Closed { entity, status, .. } => CrmError::invalid(
                format!("{entity}_id"),
                format!("is {status} and can no longer change"),
            ),
            // The move's own texts broke no rule: the customer's state refused it.
            StoreError::MoveRefused { reason, .. } => CrmError::invalid("move", reason.to_string()),
            StoreError::DealRefused { reason, .. } => {
                CrmError::invalid(reason.field(), reason.to_string())
            }
            StoreError::InvalidCursor => {
                CrmError::invalid("cursor", "is not a cursor this store handed out")
            }
            StoreError::Busy => CrmError::Busy,
            StoreError::WrongKey => CrmError::WrongKey,
            StoreError::Forbidden(refused) => CrmError::Forbidden {
                action: refused.action.code().to_owned(),
                role: refused.role.to_owned(),
                detail: refused.to_string(),
            },
            StoreError::ClaimRefused(refused) => {
                use crm_core::pool::ClaimRefusal as R;
                let (rule, holder, until) = match &refused {
                    R::ClaimedBy { user_id, .. } => ("claimed_by", Some(user_id.clone()), None),
                    R::Wait { until, .. } => ("wait", None, Some(*until)),
                    R::DailyLimit { .. } => ("daily_limit", None, None),
                    R::Holding { .. } => ("holding", None, None),
                };
                CrmError::ClaimRefused {
                    rule: rule.to_owned(),
                    holder,
                    until,
                    detail: refused.to_string(),
                }
            }
            StoreError::Sync { status, message } => CrmError::Sync {
                status: status.map(i32::from),
                detail: message,
            },
            // Fixed texts: no path, no stored value (a file error says the kind of failure).
            e @ (StoreError::Corrupt { .. }
            | StoreError::File { .. }
            | StoreError::NotABook { .. }
            | StoreError::NeedsUpgrade { .. }
            | StoreError::ReadOnly) => CrmError::Storage {
                detail: e.to_string(),
            },
            // SQLite's own message can hold a file path or a value (`unable to open database
            // file: /data/…`, a constraint's text): keep only the result code and its fixed
            // description ("Error code 14: Unable to open the database file").
            StoreError::Sqlite(e) => CrmError::Storage {
                detail: match e.sqlite_error() {
                    Some(code) => code.to_string(),
                    None => "unexpected database error".into(),
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::Rule;

    #[test]
    fn store_errors_map_to_the_variant_an_app_acts_on() {
        let cases = [
            (
                StoreError::Invalid(ValidationError::new("name", Rule::Required)),
                CrmError::invalid("name", "is required"),
            ),
            (
                StoreError::NotFound {
                    entity: "customer",
                    id: "x".into(),
                },
                CrmError::NotFound { id: "x".into() },
            ),
            (
                StoreError::Conflict {
                    entity: "customer",
                    id: "x".into(),
                    expected: 1,
                    actual: 2,
                },
                CrmError::Conflict {
                    expected_version: 1,
                    actual_version: 2,
                },
            ),
            (
                StoreError::Duplicate {
                    field: "contacts[0].value".into(),
                    existing: crm_core::CustomerId("y".into()),
                },
                CrmError::DuplicateContact {
                    field: "contacts[0].value".into(),
                    existing_id: "y".into(),
                },
            ),
            (
                StoreError::TooNew {
                    found: 9,
                    supported: 1,
                },
                CrmError::DatabaseTooNew {
                    found: 9,
                    supported: 1,
                },
            ),
        ];
        for (store, ffi) in cases {
            assert_eq!(CrmError::from(store), ffi);
        }
        assert!(matches!(
            CrmError::from(StoreError::InvalidCursor),
            CrmError::InvalidInput { field, .. } if field == "cursor"
        ));
        assert_eq!(CrmError::from(StoreError::Busy), CrmError::Busy);
        assert!(matches!(
            CrmError::from(StoreError::NotABook { reason: "it is empty" }),
            CrmError::Storage { detail } if detail.contains("not a dealer-crm book")
        ));
        assert!(matches!(
            CrmError::from(StoreError::Corrupt { column: "customers.gender" }),
            CrmError::Storage { detail } if detail.contains("customers.gender")
        ));
    }

    #[test]
    fn a_refused_claim_names_its_rule_and_what_the_app_shows() {
        use crm_core::pool::ClaimRefusal;
        let until = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let cases = [
            (
                ClaimRefusal::ClaimedBy {
                    name: "王建国".into(),
                    user_id: "c02".into(),
                },
                ("claimed_by", Some("c02".to_owned()), None),
            ),
            (
                ClaimRefusal::Wait {
                    released_at: until,
                    until,
                },
                ("wait", None, Some(until)),
            ),
            (
                ClaimRefusal::DailyLimit { limit: 20 },
                ("daily_limit", None, None),
            ),
            (
                ClaimRefusal::Holding { limit: 500 },
                ("holding", None, None),
            ),
        ];
        for (refused, (rule, holder, when)) in cases {
            assert_eq!(
                CrmError::from(StoreError::ClaimRefused(refused.clone())),
                CrmError::ClaimRefused {
                    rule: rule.into(),
                    holder,
                    until: when,
                    detail: refused.to_string(),
                }
            );
        }
    }

    #[test]
    fn a_refusal_by_role_names_the_action_and_the_role() {
        let refused = crm_core::team::Forbidden {
            action: crm_core::team::Permission::DecideRequest,
            user: "c01".into(),
            role: "consultant",
            detail: None,
        };
        assert_eq!(
            CrmError::from(StoreError::Forbidden(refused)),
            CrmError::Forbidden {
                action: "decide_request".into(),
                role: "consultant".into(),
                detail: "c01 (consultant) may not decide lost and dormant requests".into(),
            }
        );
    }

    #[test]
    fn a_closed_record_is_invalid_input_naming_its_kind_and_state() {
        let closed = StoreError::Closed {
            entity: "plan",
            id: "p1".into(),
            status: "done",
        };
        assert_eq!(
            CrmError::from(closed),
            CrmError::invalid("plan_id", "is done and can no longer change")
        );
    }

    #[test]
    fn a_starter_template_is_invalid_input_on_key() {
        let closed = StoreError::Closed {
            entity: "template",
            id: "greeting.after_visit".into(),
            status: "starter",
        };
        assert!(matches!(
            CrmError::from(closed),
            CrmError::InvalidInput { field, reason } if field == "key" && reason.contains("starter")
        ));
    }

    #[test]
    fn a_taken_view_name_is_invalid_input_on_name() {
        assert_eq!(
            CrmError::from(StoreError::Invalid(ValidationError::new(
                "name",
                Rule::Taken
            ))),
            CrmError::invalid("name", "is already used")
        );
    }

    #[test]
    fn a_storage_detail_keeps_the_result_code_and_drops_the_path() {
        let dir = std::env::temp_dir().join(format!("crm-ffi-missing-{}", std::process::id()));
        let path = dir.join("private-name.sqlite3");
        let err = crm_store::Store::open(&path).unwrap_err();
        assert!(matches!(err, StoreError::Sqlite(_)), "{err:?}");
        match CrmError::from(err) {
            CrmError::Storage { detail } => {
                assert!(detail.contains("Error code 14"), "{detail}");
                assert!(!detail.contains("crm-ffi-missing"), "{detail}");
                assert!(!detail.contains("private-name"), "{detail}");
            }
            other => panic!("expected Storage, got {other:?}"),
        }
    }
}
