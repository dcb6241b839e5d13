//! The id of a delivered car.

use std::fmt;

/// A delivered car's id (UUIDv7 string from the store). Care tasks about one car (calls,
/// services, insurance, inspections, anniversaries) carry it in their keys.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct CarId(pub String);

impl CarId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CarId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for CarId {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<&str> for CarId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}
