//! Filters over the customer book (高级筛选): dimensions combined with AND, values within a
//! dimension with OR. Pure description: a store turns it into a query.
//!
//! A later dimension (care status ...) is a new field here, a rule in
//! [`CustomerFilter::validate`], and one condition in the store's filter compiler; nothing
//! else changes. The deal dimensions (intent level, pipeline status, intended vehicle,
//! budget, trade-in, lost reason, order and delivery dates) are checked in
//! [`crate::find::filter_deal`].

use crate::customer::Importance;
use crate::deal::DealSource;
use crate::find::search::SearchQuery;
use crate::follow_up::IntentLevel;
use crate::pipeline::{LostReason, PipelineStatus};
use crate::validation::{Rule, ValidationError};
use crate::vehicle::{AmountRange, BodyType, Powertrain};
use chrono::{DateTime, NaiveDate, Utc};

/// Which customers by archive state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchivedFilter {
    /// Only customers not archived (the default).
    #[default]
    Active,
    /// Only archived customers.
    Archived,
    /// Both.
    All,
}

/// A condition on the last contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "days")]
pub enum LastContactFilter {
    /// Contacted within the last N days.
    WithinDays(u32),
    /// Contacted before, but not for N days.
    NotForDays(u32),
    /// Never contacted.
    Never,
}

/// When the customer's pending plan (下次跟进) is due, in the dealership's local days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NextFollowUpFilter {
    /// Overdue now: an instant that has passed, or a date before today.
    Overdue,
    /// Due today (its due start lies in today's local day).
    Today,
    /// Due this week, Monday to Sunday (its due start lies in this local week).
    ThisWeek,
    /// No pending plan.
    NoPlan,
}

/// Every source channel kind a filter may name (see `SourceChannel::kind_name`).
pub const CHANNEL_KINDS: &[&str] = &[
    "showroom_walk_in",
    "referral",
    "online_platform",
    "phone_hotline",
    "auto_show",
    "marketing_event",
    "repeat_customer",
    "other",
];

/// The most values one dimension may list.
pub const MAX_FILTER_VALUES: usize = 50;
/// The longest day span a filter accepts (100 years).
pub const MAX_FILTER_DAYS: u32 = 36_500;

/// A filter over customers. Empty lists and `None` mean "any"; a field missing from
/// stored JSON is "any" too, so filters saved by an older version still read.
///
/// The intended-vehicle dimensions (`brands`, `series`, `body_types`, `powertrains`,
/// `budget`) look at every intent of the customer, not only the primary one: "wants an
/// SUV" means any of the customer's intents is for an SUV. When several of them are set,
/// one intent must satisfy them all ("an SUV within ¥150,000 to ¥200,000" is one wish, not
/// an SUV wish and a budget from another).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CustomerFilter {
    /// Source channel kinds (any of).
    pub channels: Vec<String>,
    /// Online platforms (汽车之家, 懂车帝 ...), any of: online leads from these platforms.
    pub platforms: Vec<String>,
    /// Tags, any of them (matched by tag key: case- and width-insensitive).
    pub tags_any: Vec<String>,
    /// Tags, all of them.
    pub tags_all: Vec<String>,
    /// Importance marks (any of).
    pub importance: Vec<Importance>,
    /// Owning consultants (any of).
    pub owners: Vec<String>,
    /// Archive state.
    pub archived: ArchivedFilter,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_to: Option<DateTime<Utc>>,
    /// Last contact condition.
    pub last_contact: Option<LastContactFilter>,
    /// When the next follow-up (the pending plan) is due.
    pub next_follow_up: Option<NextFollowUpFilter>,
    /// Birthday months, 1-12 (any of).
    pub birthday_months: Vec<u32>,
    /// Province, exactly.
    pub province: Option<String>,
    /// City, exactly.
    pub city: Option<String>,
    /// District, exactly.
    pub district: Option<String>,
    /// A quick-search query the customers must also match.
    pub query: Option<String>,
    /// Intent levels (意向级别), any of.
    pub levels: Vec<IntentLevel>,
    /// Pipeline statuses, any of: a funnel stage (`negotiating`), a pending request
    /// (`lost_requested`, `dormant_requested`) or a side state (`lost`, `dormant`). A customer
    /// whose request is pending matches its request, not the stage they were at. It is the
    /// status of the customer's current deal: their open deal (the newest when several are
    /// open), else the one closed last.
    pub stages: Vec<PipelineStatus>,
    /// `Some(true)`: the customer has an open deal (销售机会进行中); `Some(false)`: none
    /// (won, lost or dormant only: served by care).
    pub has_open_deal: Option<bool>,
    /// Deal sources, any of: some deal of the customer began this way (a replacement, a
    /// referral ...).
    pub deal_sources: Vec<DealSource>,
    /// Intended brands (品牌), any of; matched exactly, ASCII case ignored (`bmw` finds
    /// `BMW`). An intent's own brand, else its catalogue model's.
    pub brands: Vec<String>,
    /// Intended series (车系), what salespeople call the model (途观L), any of; matched like
    /// `brands`. An intent's own series, else its catalogue model's.
    pub series: Vec<String>,
    /// Intended body types, any of. An intent's own body type when it names one, else the
    /// body type of the catalogue model it points at (if the catalogue still holds it): the
    /// consultant's word overrides the catalogue's.
    pub body_types: Vec<BodyType>,
    /// Intended powertrains, any of; the intent's own, else its catalogue model's, as for
    /// `body_types`.
    pub powertrains: Vec<Powertrain>,
    /// A budget range in fen that an intent's budget must overlap (an open end overlaps
    /// everything on its side). Intents without a budget never match; an open range here
    /// finds every customer with a budget stated.
    pub budget: Option<AmountRange>,
    /// `Some(true)`: some intent offers a car in trade (置换); `Some(false)`: none does.
    pub has_trade_in: Option<bool>,
    /// Lost reasons (战败原因), any of: customers with a lost request pending or approved
    /// for one of these reasons.
    pub lost_reasons: Vec<LostReason>,
    /// Some order not cancelled was signed on or after this date (its order date).
    pub ordered_from: Option<NaiveDate>,
    /// Some order not cancelled was signed before this date (the same order as
    /// `ordered_from` when both are set).
    pub ordered_to: Option<NaiveDate>,
    /// Some order was delivered (handed over) on or after this date.
    pub delivered_from: Option<NaiveDate>,
    /// Some order was delivered before this date (the same order as `delivered_from`).
    pub delivered_to: Option<NaiveDate>,
}

impl CustomerFilter {
    /// Checks every dimension; the error names it (`channels[1]`, `birthday_months[0]`,
    /// `brands[2]`, `budget.min`, `ordered_to` ...).
    pub fn validate(&self) -> Result<(), ValidationError> {
        let lists: [(&str, usize); 15] = [
            ("channels", self.channels.len()),
            ("platforms", self.platforms.len()),
            ("tags_any", self.tags_any.len()),
            ("tags_all", self.tags_all.len()),
            ("importance", self.importance.len()),
            ("owners", self.owners.len()),
            ("birthday_months", self.birthday_months.len()),
            ("levels", self.levels.len()),
            ("stages", self.stages.len()),
            ("brands", self.brands.len()),
            ("series", self.series.len()),
            ("body_types", self.body_types.len()),
            ("powertrains", self.powertrains.len()),
            ("lost_reasons", self.lost_reasons.len()),
            ("deal_sources", self.deal_sources.len()),
        ];
        for (field, len) in lists {
            if len > MAX_FILTER_VALUES {
                return Err(ValidationError::new(
                    field,
                    Rule::TooMany {
                        max: MAX_FILTER_VALUES,
                    },
                ));
            }
        }
        for (i, c) in self.channels.iter().enumerate() {
            if !CHANNEL_KINDS.contains(&c.as_str()) {
                return Err(ValidationError::new(
                    format!("channels[{i}]"),
                    Rule::Malformed {
                        expected: "a source channel kind",
                    },
                ));
            }
        }
        for (i, m) in self.birthday_months.iter().enumerate() {
            if !(1..=12).contains(m) {
                return Err(ValidationError::new(
                    format!("birthday_months[{i}]"),
                    Rule::Malformed {
                        expected: "a month from 1 to 12",
                    },
                ));
            }
        }
        if let (Some(from), Some(to)) = (self.created_from, self.created_to) {
            if from >= to {
                return Err(ValidationError::new(
                    "created_to",
                    Rule::Conflicts {
                        with: "created_from",
                    },
                ));
            }
        }
        if let Some(LastContactFilter::WithinDays(d) | LastContactFilter::NotForDays(d)) =
            self.last_contact
        {
            if d == 0 || d > MAX_FILTER_DAYS {
                return Err(ValidationError::new(
                    "last_contact",
                    Rule::Malformed {
                        expected: "a number of days from 1 to 36500",
                    },
                ));
            }
        }
        if let Some(q) = &self.query {
            SearchQuery::parse(q)?;
        }
        crate::find::filter_deal::validate_deal(self)
    }
}

/// What a customer list is sorted by.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// Creation time (the default).
    #[default]
    Created,
    /// Last contact (never contacted counts as oldest).
    LastContact,
    /// Importance, then creation time.
    Importance,
    /// Name in pinyin order (Chinese names sort as their pinyin, 拼音排序).
    Name,
    /// When the pending plan is due (customers without one come last ascending).
    NextFollowUp,
}

/// A sort: key and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Sort {
    /// The key.
    pub key: SortKey,
    /// Largest first.
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            key: SortKey::Created,
            descending: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bad_dimension_is_named() {
        let bad = |f: CustomerFilter| f.validate().unwrap_err().field;
        assert_eq!(
            bad(CustomerFilter {
                channels: vec!["referral".into(), "tv".into()],
                ..Default::default()
            }),
            "channels[1]"
        );
        assert_eq!(
            bad(CustomerFilter {
                birthday_months: vec![13],
                ..Default::default()
            }),
            "birthday_months[0]"
        );
        assert_eq!(
            bad(CustomerFilter {
                last_contact: Some(LastContactFilter::WithinDays(0)),
                ..Default::default()
            }),
            "last_contact"
        );
        assert_eq!(
            bad(CustomerFilter {
                query: Some(" ".into()),
                ..Default::default()
            }),
            "query"
        );
        assert!(CustomerFilter::default().validate().is_ok());
    }

    #[test]
    fn filters_round_trip_through_json() {
        let f = CustomerFilter {
            channels: vec!["online_platform".into()],
            tags_any: vec!["SUV".into()],
            importance: vec![Importance::Key],
            last_contact: Some(LastContactFilter::WithinDays(30)),
            ..Default::default()
        };
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<CustomerFilter>(&json).unwrap(), f);
    }
}
