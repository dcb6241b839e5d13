//! Consultant activity (顾问工作量): leads, follow-ups, first response, orders, deliveries.

use super::facts::{CustomerFacts, ReportPeriod};
use super::median::median;
use super::percent::percent_bp;
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

/// One consultant's activity in a period.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ConsultantRow {
    /// The consultant; `None` for what belongs to nobody (customers without an owner).
    pub consultant: Option<String>,
    /// Their customers created in the period.
    pub new_leads: u32,
    /// Of those, the ones with no follow-up at all before the period's end.
    pub uncontacted: u32,
    /// Follow-ups in the period by them (a follow-up without a consultant counts for the
    /// customer's owner).
    pub follow_ups: u32,
    /// The median minutes from a new lead's assignment to them to their first response
    /// (see [`consultant_report`]), over their new leads answered before the period's end.
    pub median_first_response_minutes: Option<f64>,
    /// Their new leads whose first response was due by the period's end: answered before
    /// it, or unanswered with the deadline passed. An unanswered lead still within the
    /// deadline is not counted yet.
    pub first_responses_due: u32,
    /// Of those, the ones answered within the deadline.
    pub first_responses_in_time: u32,
    /// `first_responses_in_time / first_responses_due` in basis points; `None` when none
    /// was due.
    pub first_response_in_time_bp: Option<u32>,
    /// Orders their customers placed in the period and had not cancelled before its end.
    pub orders: u32,
    /// Orders of their customers delivered in the period.
    pub deliveries: u32,
    /// The revenue in fen of those deliveries.
    pub revenue_fen: i64,
}

impl ConsultantRow {
    fn empty(consultant: Option<String>) -> Self {
        Self {
            consultant,
            new_leads: 0,
            uncontacted: 0,
            follow_ups: 0,
            median_first_response_minutes: None,
            first_responses_due: 0,
            first_responses_in_time: 0,
            first_response_in_time_bp: None,
            orders: 0,
            deliveries: 0,
            revenue_fen: 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.new_leads == 0 && self.follow_ups == 0 && self.orders == 0 && self.deliveries == 0
    }
}

/// A new lead's first response as of `to`: the minutes it took, if it came before `to`.
///
/// The clock starts when the owner was given the customer (`assigned_at`; creation for a
/// customer without an owner, and never before creation). The response is the oldest
/// follow-up that counts for the owner (made by them, or by nobody named) and is not
/// older than the clock; a follow-up logged before the customer was entered counts as
/// made at entry (the consultant talked to them first, then typed them in), one made
/// before a reassignment counts for nobody's response.
fn first_response(c: &CustomerFacts, to: DateTime<Utc>) -> (DateTime<Utc>, Option<i64>) {
    let owner = c.owner.as_deref();
    let clock = c.assigned_at.unwrap_or(c.created_at).max(c.created_at);
    let answered = c
        .follow_ups
        .iter()
        .filter(|f| f.at < to && f.consultant.as_deref().or(owner) == owner)
        .map(|f| f.at.max(c.created_at))
        .filter(|at| *at >= clock)
        .min();
    (clock, answered.map(|at| (at - clock).num_milliseconds()))
}

/// Activity per consultant in `[from, to)`. Customers and orders count for the customer's
/// current owner; follow-ups for whoever made them. Rows: every consultant with any activity,
/// by id, then the unowned row when it has any; with a consultant given, exactly their row.
///
/// First response (首次响应) is measured from when the lead was assigned to its consultant
/// (`assigned_at`; creation for a lead without an owner) to the oldest follow-up that counts
/// for them (made by them or by nobody named) and is not older than the assignment (one
/// logged before the lead was entered counts as made at entry: 0 minutes), against
/// `deadline` (the dealership's first-response deadline, `CadenceConfig::first_response`):
/// answered within it (inclusive) counts as in time; a lead unanswered past it as due and
/// late.
pub fn consultant_report(
    customers: &[CustomerFacts],
    period: &ReportPeriod,
    deadline: Duration,
) -> Vec<ConsultantRow> {
    type Rows = BTreeMap<Option<String>, (ConsultantRow, Vec<f64>)>;
    fn row<'a>(rows: &'a mut Rows, who: Option<&str>) -> &'a mut (ConsultantRow, Vec<f64>) {
        let who = who.map(str::to_owned);
        rows.entry(who.clone())
            .or_insert_with(|| (ConsultantRow::empty(who), Vec::new()))
    }
    let deadline_ms = deadline.num_milliseconds();
    let mut rows = Rows::new();
    for c in customers {
        let owner = c.owner.as_deref();
        for f in c.follow_ups.iter().filter(|f| period.contains(f.at)) {
            row(&mut rows, f.consultant.as_deref().or(owner))
                .0
                .follow_ups += 1;
        }
        let (r, response) = row(&mut rows, owner);
        if period.contains(c.created_at) {
            r.new_leads += 1;
            if c.first_contacted_at().is_none_or(|at| at >= period.to) {
                r.uncontacted += 1;
            }
            let (clock, answered) = first_response(c, period.to);
            match answered {
                Some(ms) => {
                    response.push(ms as f64 / 60_000.0);
                    r.first_responses_due += 1;
                    r.first_responses_in_time += u32::from(ms <= deadline_ms);
                }
                None if (period.to - clock).num_milliseconds() > deadline_ms => {
                    r.first_responses_due += 1;
                }
                None => {}
            }
        }
        for o in &c.orders {
            let live_at_end = o.cancelled_at.is_none_or(|at| at >= period.to);
            if period.contains(o.ordered_at) && live_at_end {
                r.orders += 1;
            }
            if o.delivered_at.is_some_and(|at| period.contains(at)) {
                r.deliveries += 1;
                r.revenue_fen = r.revenue_fen.saturating_add(o.revenue_fen);
            }
        }
    }
    let finish = |(mut r, response): (ConsultantRow, Vec<f64>)| {
        r.median_first_response_minutes = median(response);
        r.first_response_in_time_bp = percent_bp(
            r.first_responses_in_time.into(),
            r.first_responses_due.into(),
        );
        r
    };
    if let Some(consultant) = &period.consultant {
        let only = rows
            .remove(&Some(consultant.clone()))
            .unwrap_or_else(|| (ConsultantRow::empty(Some(consultant.clone())), Vec::new()));
        return vec![finish(only)];
    }
    let unowned = rows.remove(&None);
    rows.into_values()
        .chain(unowned)
        .map(finish)
        .filter(|r| !r.is_empty())
        .collect()
}
