//! The keys that name rules inside task keys (`spring_festival`, `d3`).

use crate::validation::{Rule, ValidationError};

/// The longest rule key, in characters.
pub const MAX_RULE_KEY: usize = 32;

/// Checks a rule key: 1 to [`MAX_RULE_KEY`] characters from `a-z`, `0-9` and `_`, so that
/// task keys made from it stay readable and never contain the `:` separator.
pub(crate) fn rule_key(field: &str, key: &str) -> Result<String, ValidationError> {
    if key.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    if key.chars().count() > MAX_RULE_KEY {
        return Err(ValidationError::new(
            field,
            Rule::TooLong { max: MAX_RULE_KEY },
        ));
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(ValidationError::new(
            field,
            Rule::Malformed {
                expected: "lowercase letters, digits and _",
            },
        ));
    }
    Ok(key.to_owned())
}
