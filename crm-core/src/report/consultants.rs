//! Consultant activity (顾问工作量): leads, follow-ups, first response, orders, deliveries.

use super::facts::{CustomerFacts, ReportPeriod};
use super::median::median;
use std::collections::BTreeMap;

/// One consultant's activity in a period.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ConsultantRow {
    /// The consultant; `None` for what belongs to nobody (customers without an owner).
    pub consultant: Option<String>,
    /// Their customers created in the period.
    pub new_leads: u32,
    /// Of those, the ones with no first contact before the period's end.
    pub uncontacted: u32,
    /// Follow-ups in the period by them (a follow-up without a consultant counts for the
    /// customer's owner).
    pub follow_ups: u32,
    /// The median minutes from creation to first contact over their new leads contacted
    /// before the period's end (a contact logged before creation counts as 0).
    pub median_first_response_minutes: Option<f64>,
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
            orders: 0,
            deliveries: 0,
            revenue_fen: 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.new_leads == 0 && self.follow_ups == 0 && self.orders == 0 && self.deliveries == 0
    }
}

/// Activity per consultant in `[from, to)`. Customers and orders count for the customer's
/// current owner; follow-ups for whoever made them. Rows: every consultant with any activity,
/// by id, then the unowned row when it has any; with a consultant given, exactly their row.
pub fn consultant_report(customers: &[CustomerFacts], period: &ReportPeriod) -> Vec<ConsultantRow> {
    type Rows = BTreeMap<Option<String>, (ConsultantRow, Vec<f64>)>;
    fn row<'a>(rows: &'a mut Rows, who: Option<&str>) -> &'a mut (ConsultantRow, Vec<f64>) {
        let who = who.map(str::to_owned);
        rows.entry(who.clone())
            .or_insert_with(|| (ConsultantRow::empty(who), Vec::new()))
    }
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
            match c.first_contacted_at.filter(|at| *at < period.to) {
                Some(at) => {
                    response.push(((at - c.created_at).num_milliseconds().max(0)) as f64 / 60_000.0)
                }
                None => r.uncontacted += 1,
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
