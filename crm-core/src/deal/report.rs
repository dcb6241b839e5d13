//! The deals report (销售机会报表): deals opened in a period by source, those won and lost,
//! and for customers who bought, how many bought again and how long they took.

use super::source::DealSource;
use super::status::DealStatus;
use crate::customer::CustomerId;
use crate::report::{percent_bp, ReportPeriod};
use crate::validation::Code;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// One deal as the report reads it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DealFact {
    /// Whose deal.
    pub customer_id: CustomerId,
    /// Why it began.
    pub source: DealSource,
    /// Who works it.
    pub owner: Option<String>,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// Open, won, lost or dormant now.
    pub status: DealStatus,
    /// When it was won, lost or put to sleep.
    pub closed_at: Option<DateTime<Utc>>,
}

/// The deals of one source opened in the period.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DealSourceRow {
    /// The source.
    pub source: DealSource,
    /// Deals of this source opened in the period.
    pub opened: u32,
    /// Of those, won by now.
    pub won: u32,
    /// Of those, lost by now.
    pub lost: u32,
}

/// The deals report of a period.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DealReport {
    /// Deals opened in the period.
    pub opened: u32,
    /// Deals won (delivered) in the period.
    pub won: u32,
    /// Deals lost in the period.
    pub lost: u32,
    /// One row per source, in [`DealSource::ALL`] order.
    pub by_source: Vec<DealSourceRow>,
    /// Customers with a deal won before the period's end.
    pub buying_customers: u32,
    /// Of those, customers with two or more won deals (复购客户).
    pub repeat_customers: u32,
    /// `repeat_customers / buying_customers` in basis points; none without buyers.
    pub repeat_purchase_rate_bp: Option<u32>,
    /// The average time between one purchase and the next of the same customer, in years
    /// (365.25 days); none without a repeat purchase.
    pub average_years_between_purchases: Option<f64>,
}

/// The deals report over `facts` for `period` (its consultant, when given, as the deals'
/// owner): what was opened, won and lost in `[from, to)`, and the repeat purchases of every
/// purchase before `to`.
pub fn deal_report(facts: &[DealFact], period: &ReportPeriod) -> DealReport {
    let mine = |f: &&DealFact| {
        period
            .consultant
            .as_deref()
            .is_none_or(|c| f.owner.as_deref() == Some(c))
    };
    let within = |t: DateTime<Utc>| t >= period.from && t < period.to;
    let closed_within =
        |f: &DealFact, status| f.status == status && f.closed_at.is_some_and(within);
    let mut by_source: Vec<DealSourceRow> = DealSource::ALL
        .iter()
        .map(|&source| DealSourceRow {
            source,
            opened: 0,
            won: 0,
            lost: 0,
        })
        .collect();
    let (mut opened, mut won, mut lost) = (0, 0, 0);
    let mut wins: BTreeMap<&CustomerId, Vec<DateTime<Utc>>> = BTreeMap::new();
    for f in facts.iter().filter(mine) {
        if within(f.created_at) {
            opened += 1;
            if let Some(row) = by_source.iter_mut().find(|r| r.source == f.source) {
                row.opened += 1;
                row.won += u32::from(f.status == DealStatus::Won);
                row.lost += u32::from(f.status == DealStatus::Lost);
            }
        }
        won += u32::from(closed_within(f, DealStatus::Won));
        lost += u32::from(closed_within(f, DealStatus::Lost));
        if let (DealStatus::Won, Some(at)) = (f.status, f.closed_at) {
            if at < period.to {
                wins.entry(&f.customer_id).or_default().push(at);
            }
        }
    }
    let buying_customers = wins.len() as u32;
    let repeat_customers = wins.values().filter(|w| w.len() >= 2).count() as u32;
    let gaps: Vec<f64> = wins
        .values_mut()
        .flat_map(|w| {
            w.sort();
            w.windows(2)
                .map(|p| (p[1] - p[0]).num_milliseconds() as f64 / (365.25 * 86_400_000.0))
                .collect::<Vec<_>>()
        })
        .collect();
    DealReport {
        opened,
        won,
        lost,
        by_source,
        buying_customers,
        repeat_customers,
        repeat_purchase_rate_bp: percent_bp(
            u64::from(repeat_customers),
            u64::from(buying_customers),
        ),
        average_years_between_purchases: (!gaps.is_empty())
            .then(|| gaps.iter().sum::<f64>() / gaps.len() as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, 1, 0, 0, 0).unwrap()
    }

    fn fact(
        c: &str,
        source: DealSource,
        opened: DateTime<Utc>,
        closed: Option<(DealStatus, DateTime<Utc>)>,
    ) -> DealFact {
        DealFact {
            customer_id: c.into(),
            source,
            owner: Some("c001".into()),
            created_at: opened,
            status: closed.map_or(DealStatus::Open, |(s, _)| s),
            closed_at: closed.map(|(_, t)| t),
        }
    }

    #[test]
    fn each_deal_counts_in_the_year_it_was_opened_and_closed() {
        let facts = [
            fact(
                "a",
                DealSource::NewLead,
                at(2021, 1),
                Some((DealStatus::Won, at(2021, 3))),
            ),
            fact(
                "a",
                DealSource::Replacement,
                at(2026, 1),
                Some((DealStatus::Won, at(2026, 4))),
            ),
            fact(
                "b",
                DealSource::NewLead,
                at(2021, 2),
                Some((DealStatus::Won, at(2021, 5))),
            ),
            fact(
                "c",
                DealSource::NewLead,
                at(2025, 2),
                Some((DealStatus::Lost, at(2025, 5))),
            ),
            fact("c", DealSource::RepeatPurchase, at(2026, 2), None),
        ];
        let y2021 = deal_report(&facts, &ReportPeriod::new(at(2021, 1), at(2022, 1)));
        assert_eq!((y2021.opened, y2021.won, y2021.lost), (2, 2, 0));
        assert_eq!((y2021.buying_customers, y2021.repeat_customers), (2, 0));
        assert_eq!(y2021.repeat_purchase_rate_bp, Some(0));
        assert_eq!(y2021.average_years_between_purchases, None);
        let y2026 = deal_report(&facts, &ReportPeriod::new(at(2026, 1), at(2027, 1)));
        assert_eq!((y2026.opened, y2026.won, y2026.lost), (2, 1, 0));
        let row = |r: &DealReport, s: DealSource| {
            r.by_source.iter().find(|x| x.source == s).cloned().unwrap()
        };
        assert_eq!(row(&y2026, DealSource::Replacement).won, 1);
        assert_eq!(row(&y2026, DealSource::RepeatPurchase).opened, 1);
        assert_eq!(y2026.by_source.len(), DealSource::ALL.len());
        assert_eq!((y2026.buying_customers, y2026.repeat_customers), (2, 1));
        assert_eq!(y2026.repeat_purchase_rate_bp, Some(5_000));
        let years = y2026.average_years_between_purchases.unwrap();
        assert!((years - 5.08).abs() < 0.01, "{years}");
        let y2025 = deal_report(&facts, &ReportPeriod::new(at(2025, 1), at(2026, 1)));
        assert_eq!((y2025.opened, y2025.won, y2025.lost), (1, 0, 1));
        let mut other = ReportPeriod::new(at(2021, 1), at(2027, 1));
        other.consultant = Some("c002".into());
        assert_eq!(deal_report(&facts, &other).opened, 0);
    }
}
