//! Follow-up plans (下次跟进计划): after every follow-up, when, how, why and what next. The
//! manual calls this "the key step that keeps customers from being lost". Section 2.2.
//!
//! A plan's life: it is set [`PlanStatus::Open`]; it may be moved ([`Plan::reschedule`], status
//! [`PlanStatus::Rescheduled`], still pending) any number of times; it ends done
//! ([`Plan::complete`]) or cancelled with a reason ([`Plan::cancel`]). Every change bumps the
//! plan's `version`, which names its reminder, so the app replaces a moved reminder. Every
//! transition also returns the [`TimelineEntry`] that records it.

use crate::customer::CustomerId;
use crate::follow_up::field_change::{code, text, Changes};
use crate::follow_up::ids::{FollowUpId, PlanId};
use crate::follow_up::plan_time::PlanTime;
use crate::follow_up::record::FollowUpMethod;
use crate::follow_up::timeline::TimelineEntry;
use crate::time::DealershipZone;
use crate::validation::{optional_text, required_text, Code, Limits, Rule, ValidationError};
use chrono::{DateTime, Days, NaiveDate, Utc};

const EXPECTED_HORIZON: &str = "a time within 730 days from today";

/// A plan as the consultant enters it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewPlan {
    /// The customer to follow up.
    pub customer_id: CustomerId,
    /// When.
    pub time: PlanTime,
    /// How (跟进方式).
    pub method: FollowUpMethod,
    /// Why (跟进目的): "confirm Saturday's test drive". Required.
    pub purpose: String,
    /// What to say or bring (跟进内容).
    #[serde(default)]
    pub content: Option<String>,
}

impl NewPlan {
    /// A plan with just the required fields (no content).
    pub fn new(
        customer_id: CustomerId,
        time: PlanTime,
        method: FollowUpMethod,
        purpose: impl Into<String>,
    ) -> Self {
        NewPlan {
            customer_id,
            time,
            method,
            purpose: purpose.into(),
            content: None,
        }
    }
}

/// Where a plan stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum PlanStatus {
    /// Set and pending.
    Open,
    /// Moved to a new time at least once, still pending (已改期).
    Rescheduled,
    /// Carried out.
    Done {
        /// When it was marked done.
        at: DateTime<Utc>,
        /// The follow-up that carried it out, when one was logged.
        follow_up_id: Option<FollowUpId>,
    },
    /// Given up, with the reason.
    Cancelled {
        /// When it was cancelled.
        at: DateTime<Utc>,
        /// Why.
        reason: String,
    },
}

/// The kind of a [`PlanStatus`], as stored and indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatusKind {
    /// [`PlanStatus::Open`].
    Open,
    /// [`PlanStatus::Rescheduled`].
    Rescheduled,
    /// [`PlanStatus::Done`].
    Done,
    /// [`PlanStatus::Cancelled`].
    Cancelled,
}

crate::validation::codes!(PlanStatusKind {
    Open => "open",
    Rescheduled => "rescheduled",
    Done => "done",
    Cancelled => "cancelled",
});

impl PlanStatusKind {
    /// `true` for open and rescheduled plans: those that are still to be carried out.
    pub fn is_pending(self) -> bool {
        matches!(self, PlanStatusKind::Open | PlanStatusKind::Rescheduled)
    }
}

impl PlanStatus {
    /// The status's kind.
    pub fn kind(&self) -> PlanStatusKind {
        match self {
            PlanStatus::Open => PlanStatusKind::Open,
            PlanStatus::Rescheduled => PlanStatusKind::Rescheduled,
            PlanStatus::Done { .. } => PlanStatusKind::Done,
            PlanStatus::Cancelled { .. } => PlanStatusKind::Cancelled,
        }
    }
}

/// A change to a plan's method, purpose or content (not its time: moving a plan is
/// [`Plan::reschedule`]). `None` leaves a field; `Some(None)` clears the content.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PlanPatch {
    /// New method.
    pub method: Option<FollowUpMethod>,
    /// New purpose.
    pub purpose: Option<String>,
    /// New content, or `Some(None)` to clear it.
    pub content: Option<Option<String>>,
}

/// Why a plan could not change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The plan is done or cancelled; it can no longer change.
    #[error("the plan is {} and can no longer change", .status.code())]
    Closed {
        /// Its status.
        status: PlanStatusKind,
    },
    /// A value broke a rule.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
}

/// A plan after a change, and the timeline entry that records the change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlanChange {
    /// The plan as it now is.
    pub plan: Plan,
    /// What happened, for the customer's timeline.
    pub entry: TimelineEntry,
}

/// A stored follow-up plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    /// The id (UUIDv7).
    pub id: PlanId,
    /// The customer to follow up.
    pub customer_id: CustomerId,
    /// When.
    pub time: PlanTime,
    /// How.
    pub method: FollowUpMethod,
    /// Why.
    pub purpose: String,
    /// What to say or bring.
    pub content: Option<String>,
    /// Where it stands.
    pub status: PlanStatus,
    /// 1 when set, +1 on every change (also the optimistic-concurrency version). Names the
    /// plan's reminder together with the id.
    pub version: u64,
    /// When it was set (UTC).
    pub created_at: DateTime<Utc>,
    /// When it last changed (UTC).
    pub updated_at: DateTime<Utc>,
}

/// Checks a plan's time as of `now`: not before the dealership's today (an instant earlier
/// today is accepted, and is overdue at once), not after today plus
/// [`Limits::PLAN_HORIZON_DAYS`].
fn validate_time(
    time: PlanTime,
    now: DateTime<Utc>,
    zone: &DealershipZone,
) -> Result<PlanTime, ValidationError> {
    ahead_date(
        "time",
        time.local_date(zone),
        zone.local_date(now),
        EXPECTED_HORIZON,
    )?;
    Ok(time)
}

/// Checks that `date` (of field `field`) lies between `today` and `today` plus
/// [`Limits::PLAN_HORIZON_DAYS`]: [`Rule::TooEarly`] before, [`Rule::Malformed`] with
/// `expected` after. Plans and the wake-up dates of dormant customers share the horizon.
pub(crate) fn ahead_date(
    field: &str,
    date: NaiveDate,
    today: NaiveDate,
    expected: &'static str,
) -> Result<NaiveDate, ValidationError> {
    if date < today {
        return Err(ValidationError::new(field, Rule::TooEarly));
    }
    let last = today.checked_add_days(Days::new(Limits::PLAN_HORIZON_DAYS));
    if last.is_some_and(|last| date > last) {
        return Err(ValidationError::new(field, Rule::Malformed { expected }));
    }
    Ok(date)
}

fn purpose(value: &str) -> Result<String, ValidationError> {
    required_text("purpose", value, Limits::PLAN_PURPOSE)
}

fn content(value: Option<&str>) -> Result<Option<String>, ValidationError> {
    optional_text("content", value, Limits::PLAN_CONTENT, true)
}

impl Plan {
    /// Sets a plan from `input` as of `now`, with the id the store generated: status open,
    /// version 1. Errors name the field (`time`, `purpose`, `content`, `customer_id`).
    pub fn create(
        id: PlanId,
        input: &NewPlan,
        now: DateTime<Utc>,
        zone: &DealershipZone,
    ) -> Result<PlanChange, ValidationError> {
        if input.customer_id.as_str().trim().is_empty() {
            return Err(ValidationError::new("customer_id", Rule::Required));
        }
        let plan = Plan {
            id,
            customer_id: input.customer_id.clone(),
            time: validate_time(input.time, now, zone)?,
            method: input.method,
            purpose: purpose(&input.purpose)?,
            content: content(input.content.as_deref())?,
            status: PlanStatus::Open,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        let entry = TimelineEntry::PlanSet {
            plan_id: plan.id.clone(),
            time: plan.time,
            method: plan.method,
            purpose: plan.purpose.clone(),
        };
        Ok(PlanChange { plan, entry })
    }

    /// `true` while the plan is open or rescheduled.
    pub fn is_pending(&self) -> bool {
        self.status.kind().is_pending()
    }

    /// `true` when the plan is pending and its time has passed (see [`PlanTime::is_overdue`]).
    pub fn is_overdue(&self, now: DateTime<Utc>, zone: &DealershipZone) -> bool {
        self.is_pending() && self.time.is_overdue(now, zone)
    }

    /// Local days overdue, for a pending plan (see [`PlanTime::days_overdue`]).
    pub fn days_overdue(&self, now: DateTime<Utc>, zone: &DealershipZone) -> Option<u32> {
        self.is_pending()
            .then(|| self.time.days_overdue(now, zone))
            .flatten()
    }

    /// The plan moved to `to` (validated like a new plan's time), with an optional reason.
    pub fn reschedule(
        &self,
        to: PlanTime,
        reason: Option<&str>,
        now: DateTime<Utc>,
        zone: &DealershipZone,
    ) -> Result<PlanChange, PlanError> {
        self.ensure_pending()?;
        let to = validate_time(to, now, zone)?;
        let reason = optional_text("reason", reason, Limits::PLAN_REASON, false)?;
        let plan = Plan {
            time: to,
            status: PlanStatus::Rescheduled,
            ..self.next_version(now)
        };
        let entry = TimelineEntry::PlanRescheduled {
            plan_id: self.id.clone(),
            from: self.time,
            to,
            reason,
        };
        Ok(PlanChange { plan, entry })
    }

    /// The plan carried out, by `follow_up` when one was logged.
    pub fn complete(
        &self,
        follow_up: Option<FollowUpId>,
        now: DateTime<Utc>,
    ) -> Result<PlanChange, PlanError> {
        self.ensure_pending()?;
        let plan = Plan {
            status: PlanStatus::Done {
                at: now,
                follow_up_id: follow_up.clone(),
            },
            ..self.next_version(now)
        };
        let entry = TimelineEntry::PlanDone {
            plan_id: self.id.clone(),
            follow_up_id: follow_up,
        };
        Ok(PlanChange { plan, entry })
    }

    /// The plan given up, for `reason` (required).
    pub fn cancel(&self, reason: &str, now: DateTime<Utc>) -> Result<PlanChange, PlanError> {
        self.ensure_pending()?;
        let reason = required_text("reason", reason, Limits::PLAN_REASON)?;
        let plan = Plan {
            status: PlanStatus::Cancelled {
                at: now,
                reason: reason.clone(),
            },
            ..self.next_version(now)
        };
        let entry = TimelineEntry::PlanCancelled {
            plan_id: self.id.clone(),
            reason,
        };
        Ok(PlanChange { plan, entry })
    }

    /// The plan with `patch` applied; `None` when the patch changes nothing.
    pub fn edit(
        &self,
        patch: &PlanPatch,
        now: DateTime<Utc>,
    ) -> Result<Option<PlanChange>, PlanError> {
        self.ensure_pending()?;
        let method = patch.method.unwrap_or(self.method);
        let purpose = match &patch.purpose {
            Some(p) => purpose(p)?,
            None => self.purpose.clone(),
        };
        let content = match &patch.content {
            Some(c) => content(c.as_deref())?,
            None => self.content.clone(),
        };
        let mut changes = Changes::default();
        changes.field("method", code(Some(self.method)), code(Some(method)));
        changes.field("purpose", text(Some(&self.purpose)), text(Some(&purpose)));
        changes.field(
            "content",
            text(self.content.as_ref()),
            text(content.as_ref()),
        );
        if changes.0.is_empty() {
            return Ok(None);
        }
        let plan = Plan {
            method,
            purpose,
            content,
            ..self.next_version(now)
        };
        let entry = TimelineEntry::PlanEdited {
            plan_id: self.id.clone(),
            changes: changes.0,
        };
        Ok(Some(PlanChange { plan, entry }))
    }

    fn ensure_pending(&self) -> Result<(), PlanError> {
        if self.is_pending() {
            Ok(())
        } else {
            Err(PlanError::Closed {
                status: self.status.kind(),
            })
        }
    }

    fn next_version(&self, now: DateTime<Utc>) -> Plan {
        Plan {
            version: self.version.saturating_add(1),
            updated_at: now,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn now() -> DateTime<Utc> {
        utc("2026-11-27T02:00:00Z") // 10:00 in Shanghai
    }

    fn zone() -> DealershipZone {
        DealershipZone::default()
    }

    fn input(time: PlanTime) -> NewPlan {
        NewPlan {
            customer_id: "c1".into(),
            time,
            method: FollowUpMethod::Phone,
            purpose: " 确认周六试驾 ".into(),
            content: None,
        }
    }

    fn plan() -> Plan {
        let time = PlanTime::OnDate(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        Plan::create("p1".into(), &input(time), now(), &zone())
            .unwrap()
            .plan
    }

    #[test]
    fn status_codes_are_the_serde_names() {
        for k in PlanStatusKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
        }
        let done = PlanStatus::Done {
            at: now(),
            follow_up_id: None,
        };
        assert_eq!(serde_json::to_value(&done).unwrap()["state"], "done");
    }

    #[test]
    fn a_new_plan_is_open_at_version_one() {
        let p = plan();
        assert_eq!(p.status, PlanStatus::Open);
        assert_eq!(p.version, 1);
        assert_eq!(p.purpose, "确认周六试驾");
    }

    #[test]
    fn plan_times_must_lie_between_today_and_the_horizon() {
        let earlier_today = PlanTime::At(utc("2026-11-26T16:30:00Z"));
        assert!(Plan::create("p".into(), &input(earlier_today), now(), &zone()).is_ok());
        let yesterday = PlanTime::At(utc("2026-11-26T15:59:59Z"));
        let err = Plan::create("p".into(), &input(yesterday), now(), &zone()).unwrap_err();
        assert_eq!((err.field.as_str(), err.rule), ("time", Rule::TooEarly));
        let far = PlanTime::OnDate(NaiveDate::from_ymd_opt(2028, 11, 27).unwrap());
        let err = Plan::create("p".into(), &input(far), now(), &zone()).unwrap_err();
        assert_eq!(err.field, "time");
        let mut blank = input(PlanTime::At(now()));
        blank.purpose = " ".into();
        let err = Plan::create("p".into(), &blank, now(), &zone()).unwrap_err();
        assert_eq!(err.field, "purpose");
    }

    #[test]
    fn rescheduling_keeps_the_plan_pending_and_bumps_the_version() {
        let p = plan();
        let later = now() + Duration::hours(1);
        let to = PlanTime::At(utc("2026-11-29T06:00:00Z"));
        let change = p.reschedule(to, Some("客户出差"), later, &zone()).unwrap();
        assert_eq!(change.plan.status, PlanStatus::Rescheduled);
        assert!(change.plan.is_pending());
        assert_eq!(change.plan.version, 2);
        assert_eq!(change.plan.time, to);
        assert_eq!(change.plan.updated_at, later);
        assert_eq!(
            change.entry,
            TimelineEntry::PlanRescheduled {
                plan_id: "p1".into(),
                from: p.time,
                to,
                reason: Some("客户出差".into())
            }
        );
    }

    #[test]
    fn closed_plans_refuse_every_change() {
        let done = plan().complete(Some("f1".into()), now()).unwrap().plan;
        assert_eq!(done.status.kind(), PlanStatusKind::Done);
        let cancelled = plan().cancel("客户已在别家购车", now()).unwrap().plan;
        for closed in [done, cancelled] {
            let status = closed.status.kind();
            let err = PlanError::Closed { status };
            assert_eq!(closed.complete(None, now()), Err(err.clone()));
            assert_eq!(closed.cancel("x", now()), Err(err.clone()));
            assert_eq!(
                closed.reschedule(PlanTime::At(now()), None, now(), &zone()),
                Err(err.clone())
            );
            assert_eq!(closed.edit(&PlanPatch::default(), now()), Err(err));
            assert!(!closed.is_overdue(now() + Duration::days(9), &zone()));
        }
        let err = plan().cancel("  ", now()).unwrap_err();
        assert!(matches!(err, PlanError::Invalid(e) if e.field == "reason"));
    }

    #[test]
    fn edits_record_what_changed_and_empty_edits_change_nothing() {
        let p = plan();
        assert_eq!(p.edit(&PlanPatch::default(), now()), Ok(None));
        let patch = PlanPatch {
            method: Some(FollowUpMethod::Wechat),
            purpose: Some("确认周六试驾".into()),
            ..Default::default()
        };
        let change = p.edit(&patch, now()).unwrap().unwrap();
        assert_eq!(change.plan.version, 2);
        match change.entry {
            TimelineEntry::PlanEdited { changes, .. } => {
                assert_eq!(changes.len(), 1);
                assert_eq!(changes[0].field, "method");
            }
            other => panic!("{other:?}"),
        }
    }
}
