//! `CustomerFilter` (高级筛选) and its dimensions' enums, with their conversions.
//!
//! FFI → domain fails only on a date that is not a real date (`InvalidInput` naming it:
//! `ordered_from`). Domain → FFI fails only on a channel kind this version does not know,
//! which can come only from stored data (a saved view): that is `Storage`.

use crate::convert::{each, same_variants};
use crate::custom::{CalendarDate, Timestamp};
use crate::customer::record::Importance;
use crate::deal::source::DealSource;
use crate::error::CrmError;
use crate::find::source_kind::{kind_names, kinds_from_names, SourceKind};
use crate::follow_up::intent_level::IntentLevel;
use crate::number::{Signed, Unsigned};
use crate::pipeline::reason::LostReason;
use crate::pipeline::state::PipelineStatus;
use crate::vehicle::money::AmountRange;
use crate::vehicle::spec::{BodyType, Powertrain};
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
        days: i32,
    },
    /// Contacted before, but not for `days` days (1 to 36,500): customers going cold.
    NotForDays {
        /// The number of days.
        days: i32,
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

same_variants!(NextFollowUpFilter <=> domain::NextFollowUpFilter { Overdue, Today, ThisWeek, NoPlan });

/// Which customers a list, count or facet covers. Dimensions combine with AND, the values
/// within one dimension with OR; an empty list or an absent value means "any".
///
/// The intended-vehicle dimensions (`brands`, `series`, `body_types`, `powertrains`,
/// `budget`) look at every intent of the customer, not only the primary one ("wants an SUV"
/// means any intent is for an SUV); when several are set, one intent must satisfy them all.
///
/// A wrong value fails with `InvalidInput` naming it (`birthday_months[0]`, `created_to`,
/// `last_contact`, `query`, `brands[1]`, `budget.min`, `budget`, `ordered_to`; inside a
/// saved view `filter.` comes first).
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
    pub birthday_months: Vec<i32>,
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
    /// Intent levels (意向级别), any of.
    #[uniffi(default = [])]
    pub levels: Vec<IntentLevel>,
    /// Pipeline statuses, any of: a stage (`InStage`), a pending request (`LostRequested`,
    /// `DormantRequested`) or a side state (`Lost`, `Dormant`). A customer whose request is
    /// pending matches the request, not the stage they were at.
    #[uniffi(default = [])]
    pub stages: Vec<PipelineStatus>,
    /// Intended brands (品牌), any of: exactly, ASCII case ignored (`bmw` finds `BMW`). An
    /// intent's own brand, else the brand of the catalogue model it points at.
    #[uniffi(default = [])]
    pub brands: Vec<String>,
    /// Intended series (车系, what salespeople call the model: 途观L), any of; matched like
    /// `brands`.
    #[uniffi(default = [])]
    pub series: Vec<String>,
    /// Intended body types, any of: an intent's own body type, else its catalogue model's
    /// (while the loaded catalogue still holds that model).
    #[uniffi(default = [])]
    pub body_types: Vec<BodyType>,
    /// Intended powertrains, any of: the intent's own, else its catalogue model's.
    #[uniffi(default = [])]
    pub powertrains: Vec<Powertrain>,
    /// A budget range in fen an intent's budget must overlap (either end open). Intents
    /// without a budget never match; a range open at both ends finds every stated budget.
    #[uniffi(default = None)]
    pub budget: Option<AmountRange>,
    /// `true`: some intent offers a car in trade (置换); `false`: none does.
    #[uniffi(default = None)]
    pub has_trade_in: Option<bool>,
    /// `true`: the customer has an open deal; `false`: none (served by care).
    #[uniffi(default = None)]
    pub has_open_deal: Option<bool>,
    /// Deal sources, any of: some deal of the customer began this way.
    #[uniffi(default = [])]
    pub deal_sources: Vec<DealSource>,
    /// Lost reasons (战败原因), any of: a lost request pending or approved for one of them.
    #[uniffi(default = [])]
    pub lost_reasons: Vec<LostReason>,
    /// Some order not cancelled was signed (its order date) on or after this day.
    #[uniffi(default = None)]
    pub ordered_from: Option<CalendarDate>,
    /// Some order not cancelled was signed before this day (the same order as
    /// `ordered_from`; after it).
    #[uniffi(default = None)]
    pub ordered_to: Option<CalendarDate>,
    /// Some order was delivered (handed over) on or after this day.
    #[uniffi(default = None)]
    pub delivered_from: Option<CalendarDate>,
    /// Some order was delivered before this day (the same order as `delivered_from`).
    #[uniffi(default = None)]
    pub delivered_to: Option<CalendarDate>,
}

same_variants!(ArchivedFilter <=> domain::ArchivedFilter { Active, Archived, All });

impl TryFrom<LastContactFilter> for domain::LastContactFilter {
    type Error = CrmError;

    fn try_from(l: LastContactFilter) -> Result<Self, CrmError> {
        Ok(match l {
            LastContactFilter::WithinDays { days } => {
                domain::LastContactFilter::WithinDays(days.unsigned("last_contact.days")?)
            }
            LastContactFilter::NotForDays { days } => {
                domain::LastContactFilter::NotForDays(days.unsigned("last_contact.days")?)
            }
            LastContactFilter::Never => domain::LastContactFilter::Never,
        })
    }
}

impl From<domain::LastContactFilter> for LastContactFilter {
    fn from(l: domain::LastContactFilter) -> Self {
        match l {
            domain::LastContactFilter::WithinDays(days) => LastContactFilter::WithinDays {
                days: days.signed(),
            },
            domain::LastContactFilter::NotForDays(days) => LastContactFilter::NotForDays {
                days: days.signed(),
            },
            domain::LastContactFilter::Never => LastContactFilter::Never,
        }
    }
}

impl TryFrom<CustomerFilter> for domain::CustomerFilter {
    type Error = CrmError;

    /// Fails only on a negative number (`birthday_months[0]`, `last_contact.days`).
    fn try_from(f: CustomerFilter) -> Result<Self, CrmError> {
        Ok(domain::CustomerFilter {
            channels: kind_names(f.channels),
            platforms: f.platforms,
            tags_any: f.tags_any,
            tags_all: f.tags_all,
            importance: each(f.importance),
            owners: f.owners,
            archived: f.archived.map(Into::into).unwrap_or_default(),
            created_from: f.created_from,
            created_to: f.created_to,
            last_contact: f.last_contact.map(TryInto::try_into).transpose()?,
            next_follow_up: f.next_follow_up.map(Into::into),
            birthday_months: f.birthday_months.unsigned("birthday_months")?,
            province: f.province,
            city: f.city,
            district: f.district,
            query: f.query,
            levels: each(f.levels),
            stages: each(f.stages),
            brands: f.brands,
            series: f.series,
            body_types: each(f.body_types),
            powertrains: each(f.powertrains),
            budget: f.budget.map(Into::into),
            has_trade_in: f.has_trade_in,
            has_open_deal: f.has_open_deal,
            deal_sources: each(f.deal_sources),
            lost_reasons: each(f.lost_reasons),
            ordered_from: f.ordered_from,
            ordered_to: f.ordered_to,
            delivered_from: f.delivered_from,
            delivered_to: f.delivered_to,
        })
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
            importance: each(f.importance),
            owners: f.owners,
            archived: (f.archived != domain::ArchivedFilter::default()).then(|| f.archived.into()),
            created_from: f.created_from,
            created_to: f.created_to,
            last_contact: f.last_contact.map(Into::into),
            next_follow_up: f.next_follow_up.map(Into::into),
            birthday_months: f.birthday_months.signed(),
            province: f.province,
            city: f.city,
            district: f.district,
            query: f.query,
            levels: each(f.levels),
            stages: each(f.stages),
            brands: f.brands,
            series: f.series,
            body_types: each(f.body_types),
            powertrains: each(f.powertrains),
            budget: f.budget.map(Into::into),
            has_trade_in: f.has_trade_in,
            has_open_deal: f.has_open_deal,
            deal_sources: each(f.deal_sources),
            lost_reasons: each(f.lost_reasons),
            ordered_from: f.ordered_from,
            ordered_to: f.ordered_to,
            delivered_from: f.delivered_from,
            delivered_to: f.delivered_to,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::stage::Stage;
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
            levels: vec![IntentLevel::H, IntentLevel::A],
            stages: vec![
                PipelineStatus::InStage {
                    stage: Stage::Negotiating,
                },
                PipelineStatus::LostRequested,
            ],
            brands: vec!["大众".into()],
            series: vec!["途观L".into()],
            body_types: vec![BodyType::Suv],
            powertrains: vec![Powertrain::Phev],
            budget: Some(AmountRange {
                min: Some(15_000_000),
                max: None,
            }),
            has_trade_in: Some(true),
            has_open_deal: Some(true),
            deal_sources: vec![DealSource::Replacement],
            lost_reasons: vec![LostReason::Price],
            ordered_from: Some(day(2026, 1, 1)),
            ordered_to: Some(day(2026, 4, 1)),
            delivered_from: Some(day(2026, 2, 1)),
            delivered_to: None,
        }
    }

    fn day(year: i32, month: u32, day: u32) -> CalendarDate {
        CalendarDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn every_dimension_reaches_the_domain_and_comes_back() {
        let ffi = every_dimension();
        let domain = domain::CustomerFilter::try_from(ffi.clone()).unwrap();
        assert_eq!(domain.channels, ["showroom_walk_in", "online_platform"]);
        assert_eq!(
            domain.stages,
            [
                domain::PipelineStatus::InStage(domain::Stage::Negotiating),
                domain::PipelineStatus::LostRequested
            ]
        );
        assert_eq!(domain.body_types, [domain::BodyType::Suv]);
        assert_eq!(
            domain.budget.and_then(|b| b.min),
            Some(domain::Fen(15_000_000))
        );
        assert_eq!(
            domain.ordered_to,
            chrono::NaiveDate::from_ymd_opt(2026, 4, 1)
        );
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
        let domain = domain::CustomerFilter::try_from(CustomerFilter::default()).unwrap();
        assert_eq!(domain, domain::CustomerFilter::default());
        assert_eq!(
            CustomerFilter::try_from(domain).unwrap(),
            CustomerFilter::default()
        );
    }

    #[test]
    fn a_negative_number_names_its_field() {
        let f = CustomerFilter {
            birthday_months: vec![5, -1],
            ..Default::default()
        };
        assert_eq!(
            domain::CustomerFilter::try_from(f),
            Err(CrmError::invalid(
                "birthday_months[1]",
                "must not be negative"
            ))
        );
        let f = CustomerFilter {
            last_contact: Some(LastContactFilter::WithinDays { days: -3 }),
            ..Default::default()
        };
        assert_eq!(
            domain::CustomerFilter::try_from(f),
            Err(CrmError::invalid(
                "last_contact.days",
                "must not be negative"
            ))
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
