//! Saved views (保存的视图): a named filter, sort and the list columns the user chose.

use crate::find::filter::{CustomerFilter, Sort};
use crate::validation::{required_text, Rule, ValidationError};
use chrono::{DateTime, Utc};

/// A column the app may show in a customer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListColumn {
    /// Name.
    Name,
    /// Primary contact.
    PrimaryContact,
    /// Gender.
    Gender,
    /// Source channel.
    Channel,
    /// Tags.
    Tags,
    /// Importance mark.
    Importance,
    /// Owning consultant.
    Owner,
    /// Region.
    Region,
    /// Birthday.
    Birthday,
    /// Created.
    Created,
    /// Last contact.
    LastContact,
}

/// The longest view name.
pub const MAX_VIEW_NAME: usize = 40;
/// The most columns a view may list.
pub const MAX_VIEW_COLUMNS: usize = 20;

/// What a view shows: its filter, sort and columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ViewDefinition {
    /// Which customers.
    pub filter: CustomerFilter,
    /// In which order.
    pub sort: Sort,
    /// Which columns, in order (empty: the app's default).
    pub columns: Vec<ListColumn>,
}

impl ViewDefinition {
    /// Checks the filter and the columns.
    pub fn validate(&self) -> Result<(), ValidationError> {
        self.filter.validate().map_err(|e| e.within("filter"))?;
        if self.columns.len() > MAX_VIEW_COLUMNS {
            return Err(ValidationError::new(
                "columns",
                Rule::TooMany {
                    max: MAX_VIEW_COLUMNS,
                },
            ));
        }
        Ok(())
    }
}

/// The trimmed view name, or the rule it breaks.
pub fn view_name(name: &str) -> Result<String, ValidationError> {
    required_text("name", name, MAX_VIEW_NAME)
}

/// A stored view.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedView {
    /// The id (UUIDv7).
    pub id: String,
    /// The name the user gave it (unique, ignoring case).
    pub name: String,
    /// Filter, sort, columns.
    pub definition: ViewDefinition,
    /// Created (UTC).
    pub created_at: DateTime<Utc>,
    /// Last changed (UTC).
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version.
    pub version: u64,
}
