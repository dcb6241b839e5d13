//! Reports managers read (报表), as records for the app's charts: the conversion funnel
//! (销售漏斗), channel effectiveness (渠道效果), lost analysis (战败分析), consultant
//! activity (顾问工作量) and the intent level distribution (意向级别).
//!
//! Every report covers a `ReportPeriod` `[from, to)`, optionally one consultant, and
//! optionally a `CustomerFilter` (`customers`) narrowing the customers it reads.
//! Percentages are basis points (`10_000` = 100 %; shares of a whole add up to exactly
//! `10_000`), medians are days (minutes for first response) and `null` when there is nothing
//! to take the median of, money is fen.

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::filter::CustomerFilter;
use crate::intent::IntentLevel;
use crate::source_kind::SourceKind;
use crate::stage::{LostReason, Stage};
use crate::store::CrmStore;

/// The period a report covers, `[from, to)`, optionally one consultant, and optionally a
/// customer filter.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReportPeriod {
    /// The first instant in the period.
    pub from: Timestamp,
    /// The first instant after the period; after `from` (else `InvalidInput` on `to`).
    pub to: Timestamp,
    /// Only this consultant's customers (by current owner) or activity; blank means all.
    #[uniffi(default = None)]
    pub consultant: Option<String>,
    /// Only the customers this filter matches, as the customer list matches them (its
    /// `archived` applies: active customers unless it says otherwise); `null` reads every
    /// customer, archived ones included. A bad filter fails with `InvalidInput` on
    /// `customers.<field>` (`customers.channels[0]`).
    #[uniffi(default = None)]
    pub customers: Option<CustomerFilter>,
}

impl TryFrom<ReportPeriod> for crm_core::ReportPeriod {
    type Error = CrmError;

    /// Fails only on a filter date that is not a real one (`customers.ordered_from` ...).
    fn try_from(p: ReportPeriod) -> Result<Self, CrmError> {
        Ok(crm_core::ReportPeriod {
            from: p.from,
            to: p.to,
            consultant: p.consultant,
            customers: p
                .customers
                .map(crm_core::CustomerFilter::try_from)
                .transpose()
                .map_err(|e| e.within("customers"))?,
        })
    }
}

/// One stage of the funnel.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FunnelRow {
    /// The stage.
    pub stage: Stage,
    /// Cohort customers who got at least this far before the period's end: this stage or a
    /// later one recorded. Always `reached + skipped`; never grows along the funnel.
    pub customers: u32,
    /// Of those, the ones with a record that the stage happened: a follow-up (contacted),
    /// an invitation follow-up or an appointment (invited), a visit done (visited), a test
    /// drive done (test-driven), a price-negotiation follow-up (negotiating), an order, a
    /// delivery, or a pipeline move to the stage itself.
    pub reached: u32,
    /// The others: carried past the stage by a jump without it happening (a walk-in is
    /// never invited; an order placed without a test drive skips test-driven).
    pub skipped: u32,
    /// `customers` as a share of the previous stage's, in basis points; `null` for the first
    /// stage and when the previous stage has no customers.
    pub conversion_bp: Option<u32>,
    /// The median days from first getting as far as the previous stage to first getting as
    /// far as this one; `null` for the first stage and when nobody did both.
    pub median_days_from_previous: Option<f64>,
}

/// The conversion funnel (销售漏斗) of the customers created in the period (the cohort).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FunnelReport {
    /// Customers in the cohort; equals the first row's count.
    pub cohort: u32,
    /// One row per stage, in funnel order.
    pub rows: Vec<FunnelRow>,
    /// Cohort customers lost (approved) as of the period's end.
    pub lost: u32,
    /// Cohort customers dormant (approved) as of the period's end.
    pub dormant: u32,
    /// Cohort customers with a lost or dormant request pending as of the period's end.
    pub pending: u32,
}

impl From<crm_core::FunnelReport> for FunnelReport {
    fn from(r: crm_core::FunnelReport) -> Self {
        FunnelReport {
            cohort: r.cohort,
            rows: r
                .rows
                .into_iter()
                .map(|row| FunnelRow {
                    stage: row.stage.into(),
                    customers: row.customers,
                    reached: row.reached,
                    skipped: row.skipped,
                    conversion_bp: row.conversion_bp,
                    median_days_from_previous: row.median_days_from_previous,
                })
                .collect(),
            lost: r.lost,
            dormant: r.dormant,
            pending: r.pending,
        }
    }
}

/// One source channel's figures over the cohort.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChannelRow {
    /// The channel's kind; `null` for the total row and for a kind this version does not
    /// know.
    pub kind: Option<SourceKind>,
    /// The channel's name as stored (`online_platform`), `total` for the total row.
    pub channel: String,
    /// Cohort customers who came through it (线索).
    pub leads: u32,
    /// Of those, the ones with a visit done (到店): the funnel's `reached` at visited.
    pub visits: u32,
    /// ... with a test drive done (试驾).
    pub test_drives: u32,
    /// ... who placed an order (订车).
    pub orders: u32,
    /// ... with an order delivered (交车).
    pub deliveries: u32,
    /// Deliveries as a share of leads, in basis points; `null` without leads.
    pub conversion_bp: Option<u32>,
    /// The median days from creation to delivery of the delivered ones.
    pub median_days_to_close: Option<f64>,
    /// What the delivered orders brought in (price less discount), in fen.
    pub revenue_fen: i64,
}

impl From<crm_core::ChannelRow> for ChannelRow {
    fn from(r: crm_core::ChannelRow) -> Self {
        ChannelRow {
            kind: SourceKind::from_name(&r.channel),
            channel: r.channel,
            leads: r.leads,
            visits: r.visits,
            test_drives: r.test_drives,
            orders: r.orders,
            deliveries: r.deliveries,
            conversion_bp: r.conversion_bp,
            median_days_to_close: r.median_days_to_close,
            revenue_fen: r.revenue_fen,
        }
    }
}

/// Channel effectiveness (渠道效果) of the customers created in the period.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChannelReport {
    /// One row per channel kind, every known kind in `SourceKind` order (zero rows included,
    /// so charts keep their colours), then any other kind found, alphabetically.
    pub rows: Vec<ChannelRow>,
    /// All channels together (counts and revenue are the rows' sums; the median is over
    /// all).
    pub total: ChannelRow,
}

impl From<crm_core::ChannelReport> for ChannelReport {
    fn from(r: crm_core::ChannelReport) -> Self {
        ChannelReport {
            rows: r.rows.into_iter().map(Into::into).collect(),
            total: r.total.into(),
        }
    }
}

/// The losses of one reason.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LostReasonRow {
    /// The reason category.
    pub reason: LostReason,
    /// Losses approved in the period for it.
    pub count: u32,
    /// Its share of all the period's losses, in basis points.
    pub share_bp: u32,
}

/// The losses to one competitor.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CompetitorRow {
    /// The competitor as entered (比亚迪 宋PLUS).
    pub competitor: String,
    /// Losses to it approved in the period.
    pub count: u32,
    /// Its share of the losses that name a competitor, in basis points.
    pub share_bp: u32,
}

/// Lost analysis (战败分析): the losses approved in the period.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LostReport {
    /// Losses approved in the period.
    pub total: u32,
    /// One row per reason category, every category in `LostReason` order.
    pub by_reason: Vec<LostReasonRow>,
    /// Of the losses, those naming a competitor.
    pub with_competitor: u32,
    /// One row per competitor named, most losses first.
    pub by_competitor: Vec<CompetitorRow>,
}

impl From<crm_core::LostReport> for LostReport {
    fn from(r: crm_core::LostReport) -> Self {
        LostReport {
            total: r.total,
            by_reason: r
                .by_reason
                .into_iter()
                .map(|row| LostReasonRow {
                    reason: row.reason.into(),
                    count: row.count,
                    share_bp: row.share_bp,
                })
                .collect(),
            with_competitor: r.with_competitor,
            by_competitor: r
                .by_competitor
                .into_iter()
                .map(|row| CompetitorRow {
                    competitor: row.competitor,
                    count: row.count,
                    share_bp: row.share_bp,
                })
                .collect(),
        }
    }
}

/// One consultant's activity in the period (顾问工作量).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ConsultantRow {
    /// The consultant; `null` for what belongs to nobody (customers without an owner).
    pub consultant: Option<String>,
    /// Their customers created in the period.
    pub new_leads: u32,
    /// Of those, the ones with no follow-up at all before the period's end.
    pub uncontacted: u32,
    /// Follow-ups they made in the period (one without a consultant counts for the
    /// customer's owner).
    pub follow_ups: u32,
    /// The median minutes from a new lead's assignment to them (its entry, when entered with
    /// them) to their first follow-up of it, over their new leads answered before the
    /// period's end (first-response time; a call logged before the lead was entered counts
    /// as 0, one made before a reassignment as none).
    pub median_first_response_minutes: Option<f64>,
    /// Their new leads whose first response was due by the period's end: answered, or left
    /// unanswered past the deadline (`CadenceConfig.first_response_minutes`).
    pub first_responses_due: u32,
    /// Of those, the ones answered within the deadline.
    pub first_responses_in_time: u32,
    /// `first_responses_in_time` as a share of `first_responses_due`, in basis points;
    /// `null` when none was due.
    pub first_response_in_time_bp: Option<u32>,
    /// Orders their customers placed in the period and had not cancelled before its end.
    pub orders: u32,
    /// Orders of their customers delivered in the period.
    pub deliveries: u32,
    /// The revenue of those deliveries, in fen.
    pub revenue_fen: i64,
}

impl From<crm_core::ConsultantRow> for ConsultantRow {
    fn from(r: crm_core::ConsultantRow) -> Self {
        ConsultantRow {
            consultant: r.consultant,
            new_leads: r.new_leads,
            uncontacted: r.uncontacted,
            follow_ups: r.follow_ups,
            median_first_response_minutes: r.median_first_response_minutes,
            first_responses_due: r.first_responses_due,
            first_responses_in_time: r.first_responses_in_time,
            first_response_in_time_bp: r.first_response_in_time_bp,
            orders: r.orders,
            deliveries: r.deliveries,
            revenue_fen: r.revenue_fen,
        }
    }
}

/// The open customers at one intent level.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntentLevelRow {
    /// The level.
    pub level: IntentLevel,
    /// Open customers at it as of the period's end.
    pub customers: u32,
    /// Their share of the open customers, in basis points.
    pub share_bp: u32,
}

/// Customers whose level went from one to another over the period.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntentMoveRow {
    /// The level as of the period's start.
    pub from: IntentLevel,
    /// The level as of its end.
    pub to: IntentLevel,
    /// How many customers.
    pub customers: u32,
}

/// The intent level distribution (意向级别分布) as of the period's end, and its movement.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntentReport {
    /// Customers open as of the period's end (a pending request still counts as open).
    pub open_customers: u32,
    /// One row per level, every level in `IntentLevel` order.
    pub distribution: Vec<IntentLevelRow>,
    /// Net movement: one row per (from, to) pair with at least one customer.
    pub movement: Vec<IntentMoveRow>,
}

impl From<crm_core::IntentReport> for IntentReport {
    fn from(r: crm_core::IntentReport) -> Self {
        IntentReport {
            open_customers: r.open_customers,
            distribution: r
                .distribution
                .into_iter()
                .map(|row| IntentLevelRow {
                    level: row.level.into(),
                    customers: row.customers,
                    share_bp: row.share_bp,
                })
                .collect(),
            movement: r
                .movement
                .into_iter()
                .map(|row| IntentMoveRow {
                    from: row.from.into(),
                    to: row.to.into(),
                    customers: row.customers,
                })
                .collect(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The conversion funnel (销售漏斗) of the customers created in `period` (owned by its
    /// consultant when one is given): customers getting to each stage, of those the ones
    /// it happened to (`reached`) and the ones a jump carried past it (`skipped`),
    /// stage-to-stage conversion, median days between. Fails with `InvalidInput` on `to` (not after
    /// `from`), `consultant` or `customers.<field>` (a bad filter).
    pub fn funnel_report(&self, period: ReportPeriod) -> Result<FunnelReport, CrmError> {
        Ok(self.store.funnel_report(&period.try_into()?)?.into())
    }

    /// Channel effectiveness (渠道效果) of the customers created in `period`: per source
    /// channel, leads, visits, test drives, orders, deliveries, conversion, median days to
    /// close and revenue. Fails like `funnel_report`.
    pub fn channel_report(&self, period: ReportPeriod) -> Result<ChannelReport, CrmError> {
        Ok(self.store.channel_report(&period.try_into()?)?.into())
    }

    /// The losses (战败分析) approved in `period`, by reason and by competitor. Fails like
    /// `funnel_report`.
    pub fn lost_report(&self, period: ReportPeriod) -> Result<LostReport, CrmError> {
        Ok(self.store.lost_report(&period.try_into()?)?.into())
    }

    /// Each consultant's activity (顾问工作量) in `period`: new leads, follow-ups, median
    /// first-response time from assignment and the share answered within the dealership's
    /// deadline, orders, deliveries, revenue. Fails like `funnel_report`.
    pub fn consultant_report(&self, period: ReportPeriod) -> Result<Vec<ConsultantRow>, CrmError> {
        let rows = self.store.consultant_report(&period.try_into()?)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The intent level distribution as of `period`'s end and its movement over the period
    /// (意向级别). Fails like `funnel_report`.
    pub fn intent_report(&self, period: ReportPeriod) -> Result<IntentReport, CrmError> {
        Ok(self.store.intent_report(&period.try_into()?)?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_row_knows_its_kind_unless_total_or_unknown() {
        let row = |name: &str| crm_core::ChannelRow {
            channel: name.to_owned(),
            leads: 1,
            visits: 0,
            test_drives: 0,
            orders: 0,
            deliveries: 0,
            conversion_bp: Some(0),
            median_days_to_close: None,
            revenue_fen: 0,
        };
        for kind in SourceKind::ALL {
            assert_eq!(ChannelRow::from(row(kind.name())).kind, Some(kind));
        }
        assert_eq!(
            ChannelRow::from(row(crm_core::report::TOTAL_CHANNEL)).kind,
            None
        );
        assert_eq!(ChannelRow::from(row("carrier_pigeon")).kind, None);
    }
}
