//! Proptest strategies for finding customers (feature `proptest`), re-exported by
//! `crm_core::strategies`: filters over the vocabulary the customer, vehicle and pipeline
//! strategies draw from, and sorts.

use crate::customer::strategies::any_importance;
use crate::find::{
    ArchivedFilter, CustomerFilter, LastContactFilter, Sort, SortKey, CHANNEL_KINDS,
};
use crate::follow_up::IntentLevel;
use crate::time::strategies::past_instant;
use crate::validation::Code;
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::select;

/// A valid filter over the vocabulary the other strategies draw from; each dimension is
/// present about a quarter of the time, so that many filters still match someone.
pub fn customer_filter() -> impl Strategy<Value = CustomerFilter> {
    fn some<T: std::fmt::Debug + Clone + 'static>(
        s: impl Strategy<Value = T> + 'static,
    ) -> BoxedStrategy<Option<T>> {
        prop::option::weighted(0.25, s).boxed()
    }
    let few = |v: Vec<&'static str>| {
        some(
            prop::collection::vec(select(v), 1..3)
                .prop_map(|v| v.into_iter().map(str::to_owned).collect::<Vec<_>>()),
        )
    };
    (
        (
            few(CHANNEL_KINDS.to_vec()),
            few(vec!["高意向", "vip", "SUV", "新能源"]),
            few(vec!["待跟进", "VIP"]),
            some(prop::collection::vec(any_importance(), 1..3)),
            few(vec!["c001", "c002", "c003"]),
        ),
        (
            select(vec![
                ArchivedFilter::Active,
                ArchivedFilter::Archived,
                ArchivedFilter::All,
            ]),
            some(select(vec![
                LastContactFilter::Never,
                LastContactFilter::WithinDays(30),
                LastContactFilter::NotForDays(30),
            ])),
            some(prop::collection::vec(1u32..=12, 1..4)),
            some(select(vec!["广东省", "浙江省"])),
            some(select(vec!["王", "zh", "13", "l", "qq.com"])),
            some((past_instant(), 1i64..2000)),
            some(select(vec!["汽车之家", "懂车帝"])),
        ),
        prop::option::weighted(
            0.3,
            deal_filter(crate::vehicle::strategies::reference_today()),
        ),
    )
        .prop_map(
            |(
                (channels, tags_any, tags_all, importance, owners),
                (archived, last_contact, months, province, query, created, platform),
                deal,
            )| {
                CustomerFilter {
                    channels: channels.unwrap_or_default(),
                    platforms: platform.map(|p| vec![p.to_owned()]).unwrap_or_default(),
                    tags_any: tags_any.unwrap_or_default(),
                    tags_all: tags_all.unwrap_or_default(),
                    importance: importance.unwrap_or_default(),
                    owners: owners.unwrap_or_default(),
                    archived,
                    created_from: created.map(|(from, _)| from),
                    created_to: created.map(|(from, days)| from + chrono::Duration::days(days)),
                    last_contact,
                    next_follow_up: None,
                    birthday_months: months.unwrap_or_default(),
                    province: province.map(Into::into),
                    city: None,
                    district: None,
                    query: query.map(Into::into),
                    ..deal.unwrap_or_default()
                }
            },
        )
}

/// A valid filter on the deal dimensions only (intent level, pipeline status, intended
/// vehicle, budget, trade-in, lost reason, order and delivery dates), over the vocabulary of
/// the vehicle and pipeline strategies; each dimension present about a quarter of the time.
/// Date ranges start within 60 days of `around` and span 1 to 90 days, or are open on one
/// side.
pub fn deal_filter(around: NaiveDate) -> impl Strategy<Value = CustomerFilter> {
    fn some<T: std::fmt::Debug + Clone + 'static>(
        s: impl Strategy<Value = T> + 'static,
    ) -> BoxedStrategy<Option<T>> {
        prop::option::weighted(0.25, s).boxed()
    }
    fn few<T: std::fmt::Debug + Clone + 'static>(items: Vec<T>) -> BoxedStrategy<Vec<T>> {
        some(prop::collection::vec(select(items), 1..3))
            .prop_map(Option::unwrap_or_default)
            .boxed()
    }
    let names = |v: &[&'static str]| {
        few(v.to_vec()).prop_map(|v| v.into_iter().map(str::to_owned).collect::<Vec<String>>())
    };
    let range = move || {
        some((prop::option::of(-60i64..60), prop::option::of(1i64..90))).prop_map(move |r| {
            let (start, span) = r.unwrap_or((None, None));
            let from = start.map(|d| around + chrono::Duration::days(d));
            let to = span.map(|s| from.unwrap_or(around) + chrono::Duration::days(s));
            (from, to)
        })
    };
    (
        (
            few(IntentLevel::ALL.to_vec()),
            few(crate::pipeline::PipelineStatus::ALL.to_vec()),
            names(&["大众", "比亚迪", "volkswagen", "丰田"]),
            names(&["途观L", "汉EV", "L6", "Tiguan L"]),
            few(crate::vehicle::BodyType::ALL.to_vec()),
            few(crate::vehicle::Powertrain::ALL.to_vec()),
        ),
        (
            some(crate::vehicle::strategies::budget()),
            some(any::<bool>()),
            few(crate::pipeline::LostReason::ALL.to_vec()),
            range(),
            range(),
        ),
    )
        .prop_map(
            |(
                (levels, stages, brands, series, body_types, powertrains),
                (budget, has_trade_in, lost_reasons, ordered, delivered),
            )| CustomerFilter {
                levels,
                stages,
                brands,
                series,
                body_types,
                powertrains,
                budget,
                has_trade_in,
                lost_reasons,
                ordered_from: ordered.0,
                ordered_to: ordered.1,
                delivered_from: delivered.0,
                delivered_to: delivered.1,
                ..CustomerFilter::default()
            },
        )
}

/// Any sort.
pub fn sort() -> impl Strategy<Value = Sort> {
    (
        select(vec![
            SortKey::Created,
            SortKey::LastContact,
            SortKey::Importance,
            SortKey::Name,
            SortKey::NextFollowUp,
        ]),
        any::<bool>(),
    )
        .prop_map(|(key, descending)| Sort { key, descending })
}
