//! The one error the bindings raise: a variant for each thing an app does differently.

use crm_core::ValidationError;
use crm_store::StoreError;

/// What went wrong in a `CrmStore` call. When a call fails, nothing was written.
///
/// Messages never contain personal data: only field names, rules, ids and versions.
/// Kotlin sees `CrmException` with one subclass per variant; Swift `CrmError`; Python
/// `CrmError.InvalidInput` and so on.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error, thiserror::Error)]
pub enum CrmError {
    /// A value broke a rule: show `reason` next to the input named by `field`
    /// (`name`, `contacts[1].value`, `birthday`, `cursor`; `instant` for an instant beyond
    /// chrono's ±262,000 years, which only a foreign `Instant` can reach).
    #[error("{field} {reason}")]
    InvalidInput {
        /// The path of the offending field, as the records name it (snake_case).
        field: String,
        /// The rule broken, in English ("is required", "is longer than 50 characters").
        reason: String,
    },
    /// No customer has this id (it may have been deleted).
    #[error("no customer with id {id}")]
    NotFound {
        /// The id looked for.
        id: String,
    },
    /// The customer changed since it was read: reload it and apply the change again.
    #[error("the record is at version {actual_version}, not {expected_version}: reload and retry")]
    Conflict {
        /// The version the caller passed.
        expected_version: u64,
        /// The version stored now.
        actual_version: u64,
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
        found: u32,
        /// The newest schema version this library knows.
        supported: u32,
    },
    /// The database could not be read or written (disk full, file locked, not a database,
    /// unreadable data). Usually not fixable by the user beyond retrying.
    #[error("storage failure: {detail}")]
    Storage {
        /// What failed, for logs. (Not `message`: Kotlin exceptions already have one.)
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
                expected_version: expected,
                actual_version: actual,
            },
            StoreError::Duplicate { field, existing } => CrmError::DuplicateContact {
                field,
                existing_id: existing.0,
            },
            StoreError::TooNew { found, supported } => {
                CrmError::DatabaseTooNew { found, supported }
            }
            StoreError::InvalidCursor => {
                CrmError::invalid("cursor", "is not a cursor this store handed out")
            }
            e @ (StoreError::Corrupt { .. } | StoreError::Sqlite(_)) => CrmError::Storage {
                detail: e.to_string(),
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
        assert!(matches!(
            CrmError::from(StoreError::Corrupt { column: "customers.gender" }),
            CrmError::Storage { detail } if detail.contains("customers.gender")
        ));
    }
}
