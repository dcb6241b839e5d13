//! Field values between the wire (JSON) and SQLite, and the errors that name a field of a
//! server row (`rows[3].fields.name`).

use crate::error::{Result, StoreError};
use crm_core::{Rule, ValidationError};
use rusqlite::types::Value;
use serde_json::Value as Json;

/// Invalid input at `path` (`rows[3].fields.name`), breaking `rule`.
pub(crate) fn invalid(path: impl Into<String>, rule: Rule) -> StoreError {
    StoreError::Invalid(ValidationError::new(path, rule))
}

/// A stored value from a JSON field: null, a number (integer or real), a text; a boolean
/// as 0 or 1 (how the book stores flags). Lists and objects are refused: no column of a
/// synced table holds one (JSON columns hold their JSON as text).
pub(crate) fn sql_value(json: &Json, path: impl FnOnce() -> String) -> Result<Value> {
    Ok(match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::Integer(i),
            (None, Some(f)) => Value::Real(f),
            (None, None) => {
                return Err(invalid(
                    path(),
                    Rule::Malformed {
                        expected: "a number SQLite can hold",
                    },
                ))
            }
        },
        Json::String(s) => Value::Text(s.clone()),
        Json::Array(_) | Json::Object(_) => {
            return Err(invalid(
                path(),
                Rule::Malformed {
                    expected: "a text, a number or null",
                },
            ))
        }
    })
}

/// Whether `error` is SQLite refusing a row (NOT NULL, CHECK, UNIQUE, FOREIGN KEY).
pub(crate) fn is_constraint(error: &StoreError) -> bool {
    matches!(error, StoreError::Sqlite(e)
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_values_become_stored_values_and_lists_are_refused() {
        let at = || "rows[0].fields.x".to_string();
        assert_eq!(sql_value(&json!(null), at).unwrap(), Value::Null);
        assert_eq!(sql_value(&json!(true), at).unwrap(), Value::Integer(1));
        assert_eq!(sql_value(&json!(false), at).unwrap(), Value::Integer(0));
        assert_eq!(sql_value(&json!(-7), at).unwrap(), Value::Integer(-7));
        assert_eq!(sql_value(&json!(1.5), at).unwrap(), Value::Real(1.5));
        assert_eq!(
            sql_value(&json!("王"), at).unwrap(),
            Value::Text("王".into())
        );
        for bad in [json!([1]), json!({"a": 1})] {
            let StoreError::Invalid(e) = sql_value(&bad, at).unwrap_err() else {
                panic!("not invalid")
            };
            assert_eq!(e.field, "rows[0].fields.x");
        }
    }
}
