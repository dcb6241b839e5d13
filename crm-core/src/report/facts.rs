//! The facts reports are computed from: per customer, in memory. A store loads them (or
//! computes the same figures in SQL and checks itself against these functions).

use crate::customer::CustomerId;
use crate::find::CustomerFilter;
use crate::follow_up::{FollowUpKind, IntentLevel};
use crate::pipeline::StageMove;
use crate::validation::{optional_text, Limits, Rule, ValidationError};
use crate::vehicle::VisitKind;
use chrono::{DateTime, Utc};

/// The period a report covers, `[from, to)`, optionally one consultant, and optionally a
/// customer filter narrowing the customers the report reads.
///
/// `customers` is applied by whoever chooses the customers (the store, with the same SQL as
/// its customer list, evaluated on the customers as they are now): the pure report
/// functions here take facts already narrowed and ignore it. Without a filter a report reads
/// every customer, archived ones included (as reports always have); with one, the filter's
/// dimensions apply as written, its `archived` included (active customers only unless it
/// says `all` or `archived`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReportPeriod {
    /// The first instant in the period.
    pub from: DateTime<Utc>,
    /// The first instant after the period.
    pub to: DateTime<Utc>,
    /// Only this consultant's customers (by current owner) or activity.
    #[serde(default)]
    pub consultant: Option<String>,
    /// Only the customers this filter matches (none: every customer, archived included).
    #[serde(default)]
    pub customers: Option<CustomerFilter>,
}

impl ReportPeriod {
    /// A period without a consultant or a customer filter.
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        Self {
            from,
            to,
            consultant: None,
            customers: None,
        }
    }

    /// This period narrowed to the customers `filter` matches.
    pub fn with_customers(self, filter: CustomerFilter) -> Self {
        Self {
            customers: Some(filter),
            ..self
        }
    }

    /// Checks that `to` lies after `from`, trims the consultant (blank means none) and checks
    /// the customer filter (errors named within `customers`: `customers.stages[0]`).
    pub fn validate(&self) -> Result<ReportPeriod, ValidationError> {
        if self.to <= self.from {
            return Err(ValidationError::new(
                "to",
                Rule::Malformed {
                    expected: "an instant after from",
                },
            ));
        }
        Ok(ReportPeriod {
            from: self.from,
            to: self.to,
            consultant: optional_text(
                "consultant",
                self.consultant.as_deref(),
                Limits::OWNER,
                false,
            )?,
            customers: match &self.customers {
                Some(filter) => {
                    filter.validate().map_err(|e| e.within("customers"))?;
                    Some(filter.clone())
                }
                None => None,
            },
        })
    }

    /// `true` when `at` lies in `[from, to)`.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.from <= at && at < self.to
    }

    /// `true` when the report covers customers owned by `owner` (every customer without a
    /// consultant filter).
    pub fn covers_owner(&self, owner: Option<&str>) -> bool {
        self.consultant.is_none() || self.consultant.as_deref() == owner
    }

    /// The cohort: customers created in the period and covered by the consultant filter.
    pub fn in_cohort(&self, customer: &CustomerFacts) -> bool {
        self.contains(customer.created_at) && self.covers_owner(customer.owner.as_deref())
    }
}

/// An order as reports see it (amounts in fen, 分).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrderFact {
    /// When the order was placed.
    pub ordered_at: DateTime<Utc>,
    /// When it was cancelled, if it was.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// When the car was delivered, if it was.
    pub delivered_at: Option<DateTime<Utc>>,
    /// The deal's revenue in fen.
    pub revenue_fen: i64,
}

/// A follow-up as reports see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FollowUpFact {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who followed up (the customer's owner is assumed when `None`).
    pub consultant: Option<String>,
    /// Its type: a store-visit invitation (邀约到店) records an invitation, a price
    /// negotiation (价格洽谈) a negotiation.
    pub kind: FollowUpKind,
}

/// A store visit or test drive (到店 / 试驾) as reports see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VisitFact {
    /// Visit or test drive.
    pub kind: VisitKind,
    /// When it was entered.
    pub booked_at: DateTime<Utc>,
    /// When it was (or is) scheduled for.
    pub scheduled_at: DateTime<Utc>,
    /// When the customer came, once the visit is done; `None` while scheduled and for a
    /// no-show.
    pub done_at: Option<DateTime<Utc>>,
}

impl VisitFact {
    /// `true` for an appointment (预约): a visit entered before the time it was scheduled
    /// for, which records an invitation accepted. A walk-in is entered at or after its time.
    pub fn is_appointment(&self) -> bool {
        self.booked_at < self.scheduled_at
    }
}

/// A change of intent level.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IntentChangeFact {
    /// When.
    pub at: DateTime<Utc>,
    /// The new level.
    pub to: IntentLevel,
}

/// Everything the reports need about one customer. Lists are oldest first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CustomerFacts {
    /// The customer.
    pub id: CustomerId,
    /// The source channel's kind (`SourceChannel::kind_name`, one of `CHANNEL_KINDS`).
    pub channel: String,
    /// The consultant who owns the customer now.
    pub owner: Option<String>,
    /// When the customer was entered.
    pub created_at: DateTime<Utc>,
    /// When `owner` was given the customer: `created_at` when it was entered with them, the
    /// instant of the change when it was assigned or reassigned later; `None` without an
    /// owner.
    #[serde(default)]
    pub assigned_at: Option<DateTime<Utc>>,
    /// The pipeline moves, oldest first.
    pub moves: Vec<StageMove>,
    /// The orders.
    pub orders: Vec<OrderFact>,
    /// The follow-ups, oldest first.
    pub follow_ups: Vec<FollowUpFact>,
    /// The store visits and test drives, by scheduled time.
    #[serde(default)]
    pub visits: Vec<VisitFact>,
    /// The intent level when the customer was entered.
    pub initial_intent: IntentLevel,
    /// The intent level changes, oldest first.
    pub intent_changes: Vec<IntentChangeFact>,
}

impl CustomerFacts {
    /// The first contact: the oldest follow-up, if any.
    pub fn first_contacted_at(&self) -> Option<DateTime<Utc>> {
        self.follow_ups.iter().map(|f| f.at).min()
    }

    /// The intent level as of `at`: after every change before `at`.
    pub fn intent_at(&self, at: DateTime<Utc>) -> IntentLevel {
        self.intent_changes
            .iter()
            .take_while(|c| c.at < at)
            .last()
            .map(|c| c.to)
            .unwrap_or(self.initial_intent)
    }
}
