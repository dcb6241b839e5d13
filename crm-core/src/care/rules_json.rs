//! Care rules from their JSON form (the form [`CareRules`] serialises to, which the CLI's
//! `rules show` prints and the bindings' `care_rules_json` returns). Fields left out take
//! their defaults; a field the rules do not have is refused, naming its path, because a
//! misspelt setting (`"lead_day": 45`) would otherwise be dropped without a word.

use crate::care::rules::CareRules;
use crate::validation::{Rule, ValidationError};
use serde_json::Value;

/// Why a JSON text is not care rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CareRulesJsonError {
    /// Not JSON, not an object, or a field of the wrong type; serde's reason (with line
    /// and column).
    #[error("is not care rules JSON: {0}")]
    NotRules(String),
    /// A field the rules do not have: the error names its path (`inspection.bandz`,
    /// `holidays.list[2].nmae`) with [`Rule::UnknownField`].
    #[error(transparent)]
    UnknownField(ValidationError),
}

impl CareRules {
    /// Reads care rules from JSON text: an object whose fields left out take their defaults.
    /// The rules are not checked here ([`CareRules::validate`] does that).
    pub fn from_json(json: &str) -> Result<CareRules, CareRulesJsonError> {
        let not_rules = |e: serde_json::Error| CareRulesJsonError::NotRules(e.to_string());
        let given: Value = serde_json::from_str(json).map_err(not_rules)?;
        if !given.is_object() {
            return Err(CareRulesJsonError::NotRules("expected an object".into()));
        }
        let rules = match serde_json::from_value::<CareRules>(given.clone()) {
            Ok(rules) => rules,
            // A misspelt field often leaves a required one missing: name the misspelling,
            // against the shape of the defaults (every field, lists as one of each kind).
            Err(e) => {
                let defaults = serde_json::to_value(CareRules::default()).map_err(not_rules)?;
                return Err(match unknown_field(&given, &shape(&defaults)) {
                    Some(path) => unknown(path),
                    None => not_rules(e),
                });
            }
        };
        // Every field the rules have comes back when they are written out again, so a
        // given field missing from that is one serde skipped.
        let known = serde_json::to_value(&rules).map_err(not_rules)?;
        match unknown_field(&given, &known) {
            Some(path) => Err(unknown(path)),
            None => Ok(rules),
        }
    }
}

fn unknown(path: String) -> CareRulesJsonError {
    CareRulesJsonError::UnknownField(ValidationError::new(path, Rule::UnknownField))
}

/// `value` with each list replaced by one element holding every field of its elements (the
/// fields of a holiday's lunar and Gregorian dates together).
fn shape(value: &Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, value)| (key.clone(), shape(value)))
                .collect(),
        ),
        Value::Array(items) => {
            let mut merged = Value::Null;
            for item in items.iter().map(shape) {
                merged = match (merged, item) {
                    (Value::Object(mut all), Value::Object(more)) => {
                        for (key, value) in more {
                            all.entry(key).or_insert(value);
                        }
                        Value::Object(all)
                    }
                    (Value::Null, item) => item,
                    (kept, _) => kept,
                };
            }
            Value::Array(vec![merged])
        }
        other => other.clone(),
    }
}

/// The path of the first field of `given` that `known` lacks (`a.b[2].c`), in the order
/// given. A list's element is compared with the known element at its place, or with the
/// last one (a [`shape`] has one).
fn unknown_field(given: &Value, known: &Value) -> Option<String> {
    match (given, known) {
        (Value::Object(given), Value::Object(known)) => {
            given.iter().find_map(|(key, value)| match known.get(key) {
                None => Some(key.clone()),
                Some(k) => unknown_field(value, k).map(|inner| {
                    if inner.starts_with('[') {
                        format!("{key}{inner}")
                    } else {
                        format!("{key}.{inner}")
                    }
                }),
            })
        }
        (Value::Array(given), Value::Array(known)) => {
            given.iter().enumerate().find_map(|(i, g)| {
                let k = known.get(i).or(known.last())?;
                unknown_field(g, k).map(|inner| {
                    if inner.starts_with('[') {
                        format!("[{i}]{inner}")
                    } else {
                        format!("[{i}].{inner}")
                    }
                })
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(json: &str) -> String {
        match CareRules::from_json(json) {
            Err(CareRulesJsonError::UnknownField(e)) => {
                assert_eq!(e.rule, Rule::UnknownField);
                e.field
            }
            other => panic!("expected an unknown field, got {other:?}"),
        }
    }

    #[test]
    fn the_defaults_read_back_and_left_out_fields_take_them() {
        let json = serde_json::to_string(&CareRules::default()).unwrap();
        assert_eq!(CareRules::from_json(&json), Ok(CareRules::default()));
        assert_eq!(CareRules::from_json("{}"), Ok(CareRules::default()));
        let rules = CareRules::from_json(
            r#"{"insurance": {"enabled": false, "lead_days": 45,
            "project_yearly": true, "outreach": {"channels": ["phone"],
            "template_key": "care.insurance_renewal"}}}"#,
        )
        .unwrap();
        assert_eq!(rules.insurance.lead_days, 45);
    }

    #[test]
    fn an_unknown_field_is_named_by_its_path() {
        assert_eq!(unknown(r#"{"inspektion": {}}"#), "inspektion");
        // Misspelt, so the real field is missing too: the misspelling is what is named.
        assert_eq!(
            unknown(r#"{"inspection": {"lead_day": 45}}"#),
            "inspection.lead_day"
        );
        assert_eq!(
            unknown(
                r#"{"holidays": {"enabled": true, "outreach": {"channels": [], "template_key": "x"},
                "list": [{"name": "x", "date": {"calendar": "lunar", "month": 1, "dya": 1}}]}}"#
            ),
            "holidays.list[0].date.dya"
        );
        let mut value = serde_json::to_value(CareRules::default()).unwrap();
        value["inspection"]["lead_day"] = 45.into();
        assert_eq!(unknown(&value.to_string()), "inspection.lead_day");
        let mut value = serde_json::to_value(CareRules::default()).unwrap();
        value["holidays"]["list"][2]["nmae"] = "x".into();
        assert_eq!(unknown(&value.to_string()), "holidays.list[2].nmae");
        let mut value = serde_json::to_value(CareRules::default()).unwrap();
        value["inspection"]["bands"][1]["on_sight"] = true.into();
        assert_eq!(unknown(&value.to_string()), "inspection.bands[1].on_sight");
    }

    #[test]
    fn text_that_is_not_rules_says_why() {
        for bad in ["[]", "{", "{\"maintenance\": 3}", "3"] {
            assert!(
                matches!(
                    CareRules::from_json(bad),
                    Err(CareRulesJsonError::NotRules(_))
                ),
                "{bad}"
            );
        }
    }
}
