//! Compiling a [`CustomerFilter`] into SQL conditions with bound parameters.
//!
//! Each dimension adds one condition on `customers c`; only fixed SQL text is written,
//! every value is a bound parameter. A new dimension is one more block in [`compile`]; the
//! deal dimensions (pipeline, intents, orders) are in [`crate::find::filter_deal_sql`].
//!
//! Tags are tested per candidate with `EXISTS` on `customer_tags_by_key`, so a filtered
//! page stops after its first rows instead of first collecting every tagged customer; the
//! covering filter indexes (schema v4) keep the candidates' other checks in the index.

use crate::db::time::date_text;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use crm_core::search::{query_parts, SearchQuery};
use crm_core::{
    tag_key, ArchivedFilter, CustomerFilter, DealershipZone, LastContactFilter, NextFollowUpFilter,
};
use rusqlite::types::Value;

/// `WHERE`-ready conditions (joined with AND) and their parameters, in order.
#[derive(Debug, Default)]
pub(crate) struct Conditions {
    sql: Vec<String>,
    pub params: Vec<Value>,
}

impl Conditions {
    pub(crate) fn push(&mut self, sql: impl Into<String>, params: impl IntoIterator<Item = Value>) {
        self.sql.push(sql.into());
        self.params.extend(params);
    }

    /// Adds a condition built by the caller from fixed SQL text.
    pub fn push_raw(&mut self, sql: String, params: Vec<Value>) {
        self.push(sql, params);
    }

    /// `column IN (?, ?, ...)` over `values`, unless empty.
    pub(crate) fn any_of(&mut self, column: &str, values: Vec<Value>) {
        if !values.is_empty() {
            self.push(
                format!("{column} IN ({})", placeholders(values.len())),
                values,
            );
        }
    }

    /// The conditions joined with AND (`1` when there are none).
    pub fn where_sql(&self) -> String {
        if self.sql.is_empty() {
            "1".to_owned()
        } else {
            self.sql.join(" AND ")
        }
    }
}

pub(crate) fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

fn texts<'a>(values: impl IntoIterator<Item = &'a String>) -> Vec<Value> {
    values.into_iter().map(|v| Value::Text(v.clone())).collect()
}

/// The conditions for `filter` (already validated), as of `now`.
pub(crate) fn compile(
    filter: &CustomerFilter,
    now: DateTime<Utc>,
    zone: &DealershipZone,
) -> Conditions {
    let mut c = Conditions::default();
    match filter.archived {
        ArchivedFilter::Active => c.push("c.archived_at IS NULL", []),
        ArchivedFilter::Archived => c.push("c.archived_at IS NOT NULL", []),
        ArchivedFilter::All => {}
    }
    c.any_of("c.source_kind", texts(&filter.channels));
    if !filter.platforms.is_empty() {
        c.push("c.source_kind = 'online_platform'", []);
        c.any_of(
            "c.source_detail",
            filter
                .platforms
                .iter()
                .map(|p| Value::Text(crm_core::trim_text(p).to_owned()))
                .collect(),
        );
    }
    c.any_of(
        "c.importance",
        filter
            .importance
            .iter()
            .map(|i| Value::Integer(i64::from(i.rank())))
            .collect(),
    );
    c.any_of("c.owner", texts(&filter.owners));
    if !filter.tags_any.is_empty() {
        let keys: Vec<Value> = filter
            .tags_any
            .iter()
            .map(|t| Value::Text(tag_key(t)))
            .collect();
        c.push(
            format!(
                "EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag_key IN ({}))",
                placeholders(keys.len())
            ),
            keys,
        );
    }
    for tag in &filter.tags_all {
        c.push(
            "EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag_key = ?)",
            [Value::Text(tag_key(tag))],
        );
    }
    if let Some(from) = filter.created_from {
        c.push(
            "c.created_at >= ?",
            [Value::Integer(from.timestamp_millis())],
        );
    }
    if let Some(to) = filter.created_to {
        c.push("c.created_at < ?", [Value::Integer(to.timestamp_millis())]);
    }
    match filter.last_contact {
        Some(LastContactFilter::WithinDays(d)) => c.push(
            "c.last_contact_at >= ?",
            [Value::Integer(
                (now - Duration::days(i64::from(d))).timestamp_millis(),
            )],
        ),
        Some(LastContactFilter::NotForDays(d)) => c.push(
            "c.last_contact_at < ?",
            [Value::Integer(
                (now - Duration::days(i64::from(d))).timestamp_millis(),
            )],
        ),
        Some(LastContactFilter::Never) => c.push("c.last_contact_at IS NULL", []),
        None => {}
    }
    if let Some(next) = filter.next_follow_up {
        next_follow_up(&mut c, next, now, zone);
    }
    c.any_of(
        "CAST(substr(c.birthday, 6, 2) AS INTEGER)",
        filter
            .birthday_months
            .iter()
            .map(|m| Value::Integer(i64::from(*m)))
            .collect(),
    );
    for (column, value) in [
        ("c.province", &filter.province),
        ("c.city", &filter.city),
        ("c.district", &filter.district),
    ] {
        if let Some(v) = value {
            c.push(
                format!("{column} = ?"),
                [Value::Text(crm_core::trim_text(v).to_owned())],
            );
        }
    }
    if let Some(query) = filter
        .query
        .as_deref()
        .and_then(|q| SearchQuery::parse(q).ok())
    {
        let mut ranges = Vec::new();
        let mut params = Vec::new();
        for part in query_parts(&query) {
            ranges.push(if part.whole_keys_only {
                "SELECT seq FROM search_terms WHERE field = ? AND anchored = 1 \
                 AND term >= ? AND term < ?"
            } else {
                "SELECT seq FROM search_terms WHERE field = ? AND term >= ? AND term < ?"
            });
            params.extend([
                Value::Integer(i64::from(part.field.code())),
                Value::Text(part.text.to_owned()),
                Value::Text(format!("{}\u{10FFFF}", part.text)),
            ]);
        }
        c.push(format!("c.seq IN ({})", ranges.join(" UNION ")), params);
    }
    crate::find::filter_deal_sql::compile_deal(&mut c, filter);
    c
}

/// A pending plan of the customer, and a condition on it.
const PENDING_PLAN: &str =
    "EXISTS (SELECT 1 FROM plans p WHERE p.customer_id = c.id AND p.status IN ('open', 'rescheduled')";

/// The next-follow-up dimension, in the dealership's local days (a plan is overdue as
/// `PlanTime::is_overdue` says: an instant that passed, or a date before today).
fn next_follow_up(
    c: &mut Conditions,
    next: NextFollowUpFilter,
    now: DateTime<Utc>,
    zone: &DealershipZone,
) {
    let today = zone.local_date(now);
    let ms = |d: NaiveDate| Value::Integer(zone.start_of(d).timestamp_millis());
    match next {
        NextFollowUpFilter::Overdue => c.push(
            format!(
                "{PENDING_PLAN} AND ((p.time_kind = 'at' AND p.time_at < ?) \
                 OR (p.time_kind = 'on_date' AND p.time_date < ?)))"
            ),
            [
                Value::Integer(now.timestamp_millis()),
                Value::Text(date_text(today)),
            ],
        ),
        NextFollowUpFilter::Today => c.push(
            format!("{PENDING_PLAN} AND p.due_start_ms >= ? AND p.due_start_ms < ?)"),
            [ms(today), ms(today + Duration::days(1))],
        ),
        NextFollowUpFilter::ThisWeek => {
            let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
            c.push(
                format!("{PENDING_PLAN} AND p.due_start_ms >= ? AND p.due_start_ms < ?)"),
                [ms(monday), ms(monday + Duration::days(7))],
            )
        }
        NextFollowUpFilter::NoPlan => c.push(format!("NOT {PENDING_PLAN})"), []),
    }
}
