//! [`CustomerSummary`]: what a list row shows of a customer.

use crate::custom::Timestamp;
use crate::customer::contact::Contact;
use crate::customer::record::{Gender, Importance};
use crate::number::Signed;
use crm_core as domain;
use crm_core::CustomerId;

/// What a list row shows of a customer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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
    /// When archived; absent while active.
    pub archived_at: Option<Timestamp>,
    /// Created.
    pub created_at: Timestamp,
    /// Last changed.
    pub updated_at: Timestamp,
    /// Version, for a following update.
    pub version: i64,
}

impl From<domain::CustomerSummary> for CustomerSummary {
    fn from(s: domain::CustomerSummary) -> Self {
        CustomerSummary {
            id: s.id,
            name: s.name,
            gender: s.gender.into(),
            primary_contact: s.primary_contact.map(Into::into),
            importance: s.importance.into(),
            tags: s.tags,
            owner: s.owner,
            archived_at: s.archived_at,
            created_at: s.created_at,
            updated_at: s.updated_at,
            version: s.version.signed(),
        }
    }
}
