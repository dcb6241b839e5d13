//! The filters' brute-force oracle: whether a customer passes a filter, and the order a
//! sort promises, decided in plain Rust over what the store's public API reads back.
#![allow(dead_code)]

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use crm_core::search::{match_tier, name_sort_key, SearchQuery};
use crm_core::{
    tag_key, ArchivedFilter, BodyType, CatalogueModel, Customer, CustomerFilter, LastContactFilter,
    OrderRecord, OrderStatus, PipelineState, SideState, Sort, SortKey, VehicleIntentRecord,
};
use crm_store::Store;

/// What the deal dimensions look at for one customer, read through the store's public API.
pub struct DealFacts {
    pub intents: Vec<VehicleIntentRecord>,
    pub orders: Vec<OrderRecord>,
    pub pipeline: PipelineState,
}

impl DealFacts {
    pub fn of(store: &Store, c: &Customer) -> DealFacts {
        DealFacts {
            intents: store.intents_of(&c.id).unwrap(),
            orders: store.orders_of(&c.id).unwrap(),
            pipeline: store.pipeline_state(&c.id).unwrap(),
        }
    }
}

/// Whether `c` passes `f`'s deal dimensions, decided in plain Rust over `deal` and the
/// dealership's current `catalogue`.
pub fn oracle_deal_matches(
    f: &CustomerFilter,
    c: &Customer,
    deal: &DealFacts,
    catalogue: &[CatalogueModel],
) -> bool {
    let any_of = |values: &[String], v: Option<&String>| {
        values.is_empty()
            || v.is_some_and(|v| values.iter().any(|x| x.trim().eq_ignore_ascii_case(v)))
    };
    let intent_ok = |r: &VehicleIntentRecord| {
        let i = &r.intent;
        let model = i
            .catalogue_model
            .as_ref()
            .and_then(|id| catalogue.iter().find(|m| &m.id == id));
        let body: Option<BodyType> = i.body_type.or(model.map(|m| m.body_type));
        let powertrain = i.powertrain.or(model.map(|m| m.powertrain));
        any_of(&f.brands, i.brand.as_ref().or(model.map(|m| &m.brand)))
            && any_of(&f.series, i.series.as_ref().or(model.map(|m| &m.series)))
            && (f.body_types.is_empty() || body.is_some_and(|b| f.body_types.contains(&b)))
            && (f.powertrains.is_empty() || powertrain.is_some_and(|p| f.powertrains.contains(&p)))
            && f.budget
                .is_none_or(|b| !i.budget.is_open() && i.budget.overlaps(&b))
    };
    let wants_vehicle = !(f.brands.is_empty()
        && f.series.is_empty()
        && f.body_types.is_empty()
        && f.powertrains.is_empty()
        && f.budget.is_none());
    let in_range = |day: NaiveDate, from: Option<NaiveDate>, to: Option<NaiveDate>| {
        from.is_none_or(|from| from <= day) && to.is_none_or(|to| day < to)
    };
    let lost_reason = match &deal.pipeline.side {
        Some(SideState::LostRequested(r) | SideState::Lost(r)) => Some(r.reason),
        _ => None,
    };
    (f.levels.is_empty() || f.levels.contains(&c.intent_level))
        && (f.stages.is_empty() || f.stages.contains(&deal.pipeline.status()))
        && (f.lost_reasons.is_empty() || lost_reason.is_some_and(|r| f.lost_reasons.contains(&r)))
        && (!wants_vehicle || deal.intents.iter().any(intent_ok))
        && f.has_trade_in
            .is_none_or(|yes| deal.intents.iter().any(|i| i.intent.trade_in.is_some()) == yes)
        && ((f.ordered_from.is_none() && f.ordered_to.is_none())
            || deal.orders.iter().any(|o| {
                !matches!(o.order.status, OrderStatus::Cancelled { .. })
                    && in_range(o.order.order_date, f.ordered_from, f.ordered_to)
            }))
        && ((f.delivered_from.is_none() && f.delivered_to.is_none())
            || deal.orders.iter().any(|o| {
                matches!(&o.order.status, OrderStatus::Delivered { delivery }
                    if in_range(delivery.date, f.delivered_from, f.delivered_to))
            }))
}

/// Whether `c` passes `f`, decided in plain Rust.
pub fn oracle_matches(
    f: &CustomerFilter,
    c: &Customer,
    deal: &DealFacts,
    catalogue: &[CatalogueModel],
    now: DateTime<Utc>,
) -> bool {
    let p = &c.profile;
    let keys: Vec<String> = p.tags.iter().map(|t| tag_key(t)).collect();
    let archived_ok = match f.archived {
        ArchivedFilter::Active => c.archived_at.is_none(),
        ArchivedFilter::Archived => c.archived_at.is_some(),
        ArchivedFilter::All => true,
    };
    let last_contact: Option<DateTime<Utc>> = None; // nothing logs contacts yet
    archived_ok
        && (f.channels.is_empty() || f.channels.iter().any(|k| k == p.source.kind_name()))
        && (f.platforms.is_empty()
            || matches!(&p.source, crm_core::SourceChannel::OnlinePlatform { platform } if f.platforms.contains(platform)))
        && (f.tags_any.is_empty() || f.tags_any.iter().any(|t| keys.contains(&tag_key(t))))
        && f.tags_all.iter().all(|t| keys.contains(&tag_key(t)))
        && (f.importance.is_empty() || f.importance.contains(&p.importance))
        && (f.owners.is_empty() || p.owner.as_ref().is_some_and(|o| f.owners.contains(o)))
        && f.created_from.is_none_or(|from| c.created_at >= from)
        && f.created_to.is_none_or(|to| c.created_at < to)
        && match f.last_contact {
            None => true,
            Some(LastContactFilter::Never) => last_contact.is_none(),
            Some(LastContactFilter::WithinDays(d)) => {
                last_contact.is_some_and(|t| t >= now - Duration::days(d.into()))
            }
            Some(LastContactFilter::NotForDays(d)) => {
                last_contact.is_some_and(|t| t < now - Duration::days(d.into()))
            }
        }
        && (f.birthday_months.is_empty()
            || p.birthday
                .is_some_and(|b| f.birthday_months.contains(&b.month())))
        && f.province
            .as_ref()
            .is_none_or(|v| p.region.province.as_ref() == Some(v))
        && f.query
            .as_ref()
            .is_none_or(|q| match_tier(p, &SearchQuery::parse(q).unwrap()).is_some())
        && oracle_deal_matches(f, c, deal, catalogue)
}

/// The order `sort` promises, decided in plain Rust.
pub fn oracle_sorted(mut list: Vec<&Customer>, s: Sort) -> Vec<String> {
    list.sort_by(|a, b| {
        let key = |c: &Customer| -> (i64, i64, String, String) {
            let created = c.created_at.timestamp_millis();
            match s.key {
                SortKey::Created => (created, 0, String::new(), c.id.0.clone()),
                SortKey::LastContact => (0, 0, String::new(), c.id.0.clone()),
                SortKey::Importance => (
                    i64::from(c.profile.importance.rank()),
                    created,
                    String::new(),
                    c.id.0.clone(),
                ),
                SortKey::Name => (0, 0, name_sort_key(&c.profile.name), c.id.0.clone()),
                // No plans here: every customer sorts as "none", by id.
                SortKey::NextFollowUp => (i64::MAX, 0, String::new(), c.id.0.clone()),
            }
        };
        key(a).cmp(&key(b))
    });
    if s.descending {
        list.reverse();
    }
    list.into_iter().map(|c| c.id.0.clone()).collect()
}
