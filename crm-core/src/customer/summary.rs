//! The short form of a customer that lists show.

use crate::customer::contact::Contact;
use crate::customer::id::CustomerId;
use crate::customer::profile::{Customer, Gender, Importance};
use chrono::{DateTime, Utc};

/// What a list row shows of a customer: cheap to fetch a thousand at a time.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CustomerSummary {
    /// The id.
    pub id: CustomerId,
    /// Name.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// The primary contact.
    pub primary_contact: Option<Contact>,
    /// Importance mark.
    pub importance: Importance,
    /// Tags, in the customer's order.
    pub tags: Vec<String>,
    /// The owning consultant.
    pub owner: Option<String>,
    /// When archived; `None` while active.
    pub archived_at: Option<DateTime<Utc>>,
    /// Created (UTC).
    pub created_at: DateTime<Utc>,
    /// Last changed (UTC).
    pub updated_at: DateTime<Utc>,
    /// Version, for a following update.
    pub version: u64,
}

impl From<&Customer> for CustomerSummary {
    fn from(c: &Customer) -> Self {
        CustomerSummary {
            id: c.id.clone(),
            name: c.profile.name.clone(),
            gender: c.profile.gender,
            primary_contact: c.profile.primary_contact().cloned(),
            importance: c.profile.importance,
            tags: c.profile.tags.clone(),
            owner: c.profile.owner.clone(),
            archived_at: c.archived_at,
            created_at: c.created_at,
            updated_at: c.updated_at,
            version: c.version,
        }
    }
}
