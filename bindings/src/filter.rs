//! `CustomerFilter` (高级筛选) and its dimensions' enums, with their conversions.
//!
//! FFI → domain is total. Domain → FFI fails only on a channel kind this version does not
//! know, which can come only from stored data (a saved view): that is `Storage`.

use crate::custom::Timestamp;
use crate::enums::Importance;
use crate::source_kind::{kind_names, kinds_from_names, SourceKind};
use crm_core as domain;
use crm_store::StoreError;

/// Which customers by archive state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ArchivedFilter {
    /// Only customers not archived (what an absent `archived` means).
    Active,
    /// Only archived customers.
    Archived,
    /// Both.
    All,
}

/// A condition on the last contact with the customer (最近联系).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum LastContactFilter {
    /// Contacted within the last `days` days (1 to 36,500).
    WithinDays {
        /// The number of days.
        days: u32,
    },
    /// Contacted before, but not for `days` days (1 to 36,500): customers going cold.
    NotForDays {
        /// The number of days.
        days: u32,
    },
    /// Never contacted.
    Never,
}

/// When the customer's pending plan (下次跟进) is due, in the dealership's local days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum NextFollowUpFilter {
    /// Overdue now: a time that has passed, or a date before today.
    Overdue,
    /// Due today.
    Today,
    /// Due this week, Monday to Sunday.
    ThisWeek,
    /// No pending plan.
    NoPlan,
}

crate::convert::same_variants!(NextFollowUpFilter <=> domain::NextFollowUpFilter { Overdue, Today, ThisWeek, NoPlan });

/// Which customers a list, count or facet covers. Dimensions combine with AND, the values
/// within one dimension with OR; an empty list or an absent value means "any".
///
/// A wrong value fails with `InvalidInput` naming it (`birthday_months[0]`, `created_to`,
/// `last_contact`, `query`; inside a saved view `filter.` comes first).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct CustomerFilter {
    /// Source channel kinds (any of).
    #[uniffi(default = [])]
    pub channels: Vec<SourceKind>,
    /// Online platforms (汽车之家, 懂车帝 ...), any of: online leads whose
    /// `SourceChannel.OnlinePlatform.platform` is exactly one of these (as `Facets.platforms`
    /// lists them).
    #[uniffi(default = [])]
    pub platforms: Vec<String>,
    /// Tags, any of them (case- and width-insensitive: `vip` finds `VIP`).
    #[uniffi(default = [])]
    pub tags_any: Vec<String>,
    /// Tags, all of them.
    #[uniffi(default = [])]
    pub tags_all: Vec<String>,
    /// Importance marks (any of).
    #[uniffi(default = [])]
    pub importance: Vec<Importance>,
    /// Owning consultants' ids (any of).
    #[uniffi(default = [])]
    pub owners: Vec<String>,
    /// Archive state; absent means `Active` (a filter read back reports `Active` as absent).
    #[uniffi(default = None)]
    pub archived: Option<ArchivedFilter>,
    /// Created at or after this instant.
    #[uniffi(default = None)]
    pub created_from: Option<Timestamp>,
    /// Created before this instant (after `created_from`).
    #[uniffi(default = None)]
    pub created_to: Option<Timestamp>,
    /// A condition on the last contact.
    #[uniffi(default = None)]
    pub last_contact: Option<LastContactFilter>,
    /// When the next follow-up (the pending plan) is due.
    #[uniffi(default = None)]
    pub next_follow_up: Option<NextFollowUpFilter>,
    /// Birthday months, 1 to 12 (any of): whose birthday falls in this month (生日月份).
    #[uniffi(default = [])]
    pub birthday_months: Vec<u32>,
    /// Province (省), exactly.
    #[uniffi(default = None)]
    pub province: Option<String>,
    /// City (市), exactly.
    #[uniffi(default = None)]
    pub city: Option<String>,
    /// District (区), exactly.
    #[uniffi(default = None)]
    pub district: Option<String>,
    /// A quick-search text the customers must also match (see `CrmStore.searchCustomers`).
    #[uniffi(default = None)]
    pub query: Option<String>,
}

crate::convert::same_variants!(ArchivedFilter <=> domain::ArchivedFilter { Active, Archived, All });

impl From<LastContactFilter> for domain::LastContactFilter {
    fn from(l: LastContactFilter) -> Self {
        match l {
            LastContactFilter::WithinDays { days } => domain::LastContactFilter::WithinDays(days),
            LastContactFilter::NotForDays { days } => domain::LastContactFilter::NotForDays(days),
            LastContactFilter::Never => domain::LastContactFilter::Never,
        }
    }
}

impl From<domain::LastContactFilter> for LastContactFilter {
    fn from(l: domain::LastContactFilter) -> Self {
        match l {
            domain::LastContactFilter::WithinDays(days) => LastContactFilter::WithinDays { days },
            domain::LastContactFilter::NotForDays(days) => LastContactFilter::NotForDays { days },
            domain::LastContactFilter::Never => LastContactFilter::Never,
        }
    }
}

impl From<CustomerFilter> for domain::CustomerFilter {
    fn from(f: CustomerFilter) -> Self {
        domain::CustomerFilter {
            channels: kind_names(f.channels),
            platforms: f.platforms,
            tags_any: f.tags_any,
            tags_all: f.tags_all,
            importance: f.importance.into_iter().map(Into::into).collect(),
            owners: f.owners,
            archived: f.archived.map(Into::into).unwrap_or_default(),
            created_from: f.created_from,
            created_to: f.created_to,
            last_contact: f.last_contact.map(Into::into),
            next_follow_up: f.next_follow_up.map(Into::into),
            birthday_months: f.birthday_months,
            province: f.province,
            city: f.city,
            district: f.district,
            query: f.query,
            ..domain::CustomerFilter::default()
        }
    }
}

impl TryFrom<domain::CustomerFilter> for CustomerFilter {
    type Error = StoreError;

    /// Fails on a channel kind this version does not know (stored by a newer one).
    fn try_from(f: domain::CustomerFilter) -> Result<Self, StoreError> {
        Ok(CustomerFilter {
            channels: kinds_from_names(f.channels, "saved_views.definition")?,
            platforms: f.platforms,
            tags_any: f.tags_any,
            tags_all: f.tags_all,
            importance: f.importance.into_iter().map(Into::into).collect(),
            owners: f.owners,
            archived: (f.archived != domain::ArchivedFilter::default()).then(|| f.archived.into()),
            created_from: f.created_from,
            created_to: f.created_to,
            last_contact: f.last_contact.map(Into::into),
            next_follow_up: f.next_follow_up.map(Into::into),
            birthday_months: f.birthday_months,
            province: f.province,
            city: f.city,
            district: f.district,
            query: f.query,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn every_dimension() -> CustomerFilter {
        CustomerFilter {
            channels: vec![SourceKind::ShowroomWalkIn, SourceKind::OnlinePlatform],
            platforms: vec!["汽车之家".into()],
            tags_any: vec!["SUV".into()],
            tags_all: vec!["VIP".into(), "试驾".into()],
            importance: vec![Importance::Key],
            owners: vec!["u1".into()],
            archived: Some(ArchivedFilter::All),
            created_from: DateTime::from_timestamp(1_700_000_000, 0),
            created_to: DateTime::from_timestamp(1_800_000_000, 0),
            last_contact: Some(LastContactFilter::NotForDays { days: 30 }),
            next_follow_up: Some(NextFollowUpFilter::ThisWeek),
            birthday_months: vec![1, 12],
            province: Some("广东".into()),
            city: Some("深圳".into()),
            district: Some("南山".into()),
            query: Some("zs".into()),
        }
    }

    #[test]
    fn every_dimension_reaches_the_domain_and_comes_back() {
        let ffi = every_dimension();
        let domain = domain::CustomerFilter::from(ffi.clone());
        assert_eq!(domain.channels, ["showroom_walk_in", "online_platform"]);
        assert_eq!(domain.archived, domain::ArchivedFilter::All);
        assert_eq!(
            domain.next_follow_up,
            Some(domain::NextFollowUpFilter::ThisWeek)
        );
        assert_eq!(
            domain.last_contact,
            Some(domain::LastContactFilter::NotForDays(30))
        );
        assert!(domain.validate().is_ok());
        assert_eq!(CustomerFilter::try_from(domain).unwrap(), ffi);
    }

    #[test]
    fn an_absent_archive_state_means_active_and_reads_back_absent() {
        let domain = domain::CustomerFilter::from(CustomerFilter::default());
        assert_eq!(domain, domain::CustomerFilter::default());
        assert_eq!(
            CustomerFilter::try_from(domain).unwrap(),
            CustomerFilter::default()
        );
    }

    #[test]
    fn an_unknown_stored_channel_is_storage() {
        let stored = domain::CustomerFilter {
            channels: vec!["tv".into()],
            ..Default::default()
        };
        assert!(CustomerFilter::try_from(stored).is_err());
    }
}
