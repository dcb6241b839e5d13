//! Validation errors: which field, which rule.

use std::fmt;

/// The rule a value broke. Messages never contain the value itself (no personal data).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum Rule {
    /// The field must not be empty.
    Required,
    /// The text is longer than `max` characters.
    TooLong {
        /// The most characters the field takes.
        max: usize,
    },
    /// The list holds more than `max` items.
    TooMany {
        /// The most items the list takes.
        max: usize,
    },
    /// The value does not have the expected shape; `expected` says what was expected.
    Malformed {
        /// What the value should look like ("an e-mail address"), for the message.
        expected: &'static str,
    },
    /// The date or instant lies in the future.
    InFuture,
    /// The date lies before the earliest accepted date.
    TooEarly,
    /// At least one contact is required.
    NoContact,
    /// Exactly one contact must be primary and none is.
    NoPrimary,
    /// Exactly one contact must be primary and several are.
    SeveralPrimaries,
    /// The field cannot be set together with another one (named in `with`).
    Conflicts {
        /// The other field's path.
        with: &'static str,
    },
    /// Text contains control characters.
    ControlCharacters,
    /// A single-line text (a name, a label) contains bidirectional embedding, override or
    /// isolate characters (U+202A-202E, U+2066-2069), which reorder what is displayed.
    BidiControls,
    /// The value is already used: by another record (a view name), or by an earlier item of
    /// the same list (a customer's contact typed twice, in any spelling: the normalised keys
    /// are compared).
    Taken,
    /// The field is not one the record has (a misspelt key in care rules JSON), so its
    /// value would be lost.
    UnknownField,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Required => write!(f, "is required"),
            Rule::TooLong { max } => write!(f, "is longer than {max} characters"),
            Rule::TooMany { max } => write!(f, "holds more than {max} items"),
            Rule::Malformed { expected } => write!(f, "is not {expected}"),
            Rule::InFuture => write!(f, "lies in the future"),
            Rule::TooEarly => write!(f, "lies too far in the past"),
            Rule::NoContact => write!(f, "needs at least one contact"),
            Rule::NoPrimary => write!(f, "needs exactly one primary contact, none is marked"),
            Rule::SeveralPrimaries => {
                write!(f, "needs exactly one primary contact, several are marked")
            }
            Rule::Conflicts { with } => write!(f, "cannot be set together with {with}"),
            Rule::ControlCharacters => write!(f, "contains control characters"),
            Rule::BidiControls => write!(f, "contains bidirectional override characters"),
            Rule::Taken => write!(f, "is already used"),
            Rule::UnknownField => write!(f, "is not a known field"),
        }
    }
}

/// A value that failed validation: the field's path (`name`, `contacts[1].value`,
/// `first_contact.at`) and the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} {rule}")]
pub struct ValidationError {
    /// Path of the offending field, as the app names it.
    pub field: String,
    /// The rule that was broken.
    pub rule: Rule,
}

impl ValidationError {
    /// An error for `field` breaking `rule`.
    pub fn new(field: impl Into<String>, rule: Rule) -> Self {
        Self {
            field: field.into(),
            rule,
        }
    }

    /// The same error with its field path prefixed, e.g. `value` → `contacts[2].value`.
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = format!("{prefix}.{}", self.field);
        self
    }
}
