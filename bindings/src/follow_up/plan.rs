//! Follow-up plans (下次跟进计划): when, how and why the next contact happens; at most one
//! pending per customer.

use crate::custom::{CalendarDate, Timestamp};
use crate::error::CrmError;
use crate::follow_up::record::FollowUpMethod;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use crm_core::{CustomerId, FollowUpId, PlanId};

/// When a follow-up is planned: at an instant ("Friday 15:00"), or on a date with no time
/// ("Friday"), which means the dealership's local day (see `Settings.time_zone`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PlanTime {
    /// At this instant.
    At {
        /// The instant.
        at: Timestamp,
    },
    /// Some time during this local date; reminded at `ReminderConfig.date_only_at`.
    OnDate {
        /// The dealership's local date.
        date: CalendarDate,
    },
}

/// Changes to a pending plan for `update_plan`: only the fields given change.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct PlanPatch {
    /// A new method.
    #[uniffi(default = None)]
    pub method: Option<FollowUpMethod>,
    /// A new purpose (not blank).
    #[uniffi(default = None)]
    pub purpose: Option<String>,
    /// New content.
    #[uniffi(default = None)]
    pub content: Option<String>,
    /// Removes the content (wins over `content`).
    #[uniffi(default = false)]
    pub clear_content: bool,
}

impl From<PlanPatch> for crm_core::PlanPatch {
    fn from(p: PlanPatch) -> Self {
        crm_core::PlanPatch {
            method: p.method.map(Into::into),
            purpose: p.purpose,
            content: if p.clear_content {
                Some(None)
            } else {
                p.content.map(Some)
            },
        }
    }
}

impl From<PlanTime> for crm_core::PlanTime {
    fn from(t: PlanTime) -> Self {
        match t {
            PlanTime::At { at } => crm_core::PlanTime::At(at),
            PlanTime::OnDate { date } => crm_core::PlanTime::OnDate(date),
        }
    }
}

impl From<crm_core::PlanTime> for PlanTime {
    fn from(t: crm_core::PlanTime) -> Self {
        match t {
            crm_core::PlanTime::At(at) => PlanTime::At { at },
            crm_core::PlanTime::OnDate(d) => PlanTime::OnDate { date: d },
        }
    }
}

/// A plan as the consultant enters it, for `set_plan` or as the next plan of
/// `log_follow_up`. The customer is the call's.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewPlan {
    /// When: between the dealership's today and 730 days on (an instant earlier today is
    /// accepted, and is overdue at once).
    pub time: PlanTime,
    /// How (跟进方式).
    pub method: FollowUpMethod,
    /// Why (跟进目的): "confirm Saturday's test drive". Required.
    pub purpose: String,
    /// What to say or bring (跟进内容).
    #[uniffi(default = None)]
    pub content: Option<String>,
}

impl NewPlan {
    /// The domain's plan for `customer`.
    pub(crate) fn into_domain(self, customer: &CustomerId) -> crm_core::NewPlan {
        crm_core::NewPlan {
            customer_id: customer.clone(),
            time: self.time.into(),
            method: self.method.into(),
            purpose: self.purpose,
            content: self.content,
        }
    }
}

/// Where a plan stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PlanStatus {
    /// Set and pending.
    Open,
    /// Moved at least once, still pending (已改期).
    Rescheduled,
    /// Carried out.
    Done {
        /// When it was marked done.
        at: Timestamp,
        /// The follow-up that carried it out, when one was logged.
        follow_up_id: Option<FollowUpId>,
    },
    /// Given up.
    Cancelled {
        /// When.
        at: Timestamp,
        /// Why.
        reason: String,
    },
}

impl From<crm_core::PlanStatus> for PlanStatus {
    fn from(s: crm_core::PlanStatus) -> Self {
        use crm_core::PlanStatus as D;
        match s {
            D::Open => PlanStatus::Open,
            D::Rescheduled => PlanStatus::Rescheduled,
            D::Done { at, follow_up_id } => PlanStatus::Done { at, follow_up_id },
            D::Cancelled { at, reason } => PlanStatus::Cancelled { at, reason },
        }
    }
}

/// A stored plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Plan {
    /// The id.
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
    /// 1 when set, +1 on every change: pass it back to reschedule, cancel or complete
    /// (`Conflict` reports versions as versions). With the id it names the plan's reminder.
    pub version: i64,
    /// When it was set.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

impl From<crm_core::Plan> for Plan {
    fn from(p: crm_core::Plan) -> Self {
        Plan {
            id: p.id,
            customer_id: p.customer_id,
            time: p.time.into(),
            method: p.method.into(),
            purpose: p.purpose,
            content: p.content,
            status: p.status.into(),
            version: p.version.signed(),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Sets a plan for customer `customer_id`, who must have no pending plan (one who has
    /// fails with `InvalidInput` on `customer_id`, "is already used": reschedule or close
    /// that one first). Its reminder is added.
    ///
    /// Fails with `InvalidInput` on `time` (before today, beyond 730 days, not a calendar
    /// date), `purpose` or `content`, and with `NotFound` for the customer.
    pub async fn set_plan(&self, customer_id: CustomerId, plan: NewPlan) -> Result<Plan, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::FollowUps]).of(&customer_id),
            move |store| {
                let plan = plan.into_domain(&customer_id);
                Ok(store.set_plan(&plan)?.into())
            },
        )
        .await
    }

    /// Customer `customer_id`'s pending plan (open or rescheduled), if any.
    pub async fn open_plan(&self, customer_id: CustomerId) -> Result<Option<Plan>, CrmError> {
        self.read(move |store| Ok(store.open_plan(&customer_id)?.map(Into::into)))
            .await
    }

    /// The plan `id`, in any status. Fails with `NotFound`.
    pub async fn get_plan(&self, id: PlanId) -> Result<Plan, CrmError> {
        self.read(move |store| Ok(store.get_plan(&id)?.into()))
            .await
    }

    /// Every plan of customer `customer_id`, oldest first.
    pub async fn plans_of(&self, customer_id: CustomerId) -> Result<Vec<Plan>, CrmError> {
        self.read(move |store| {
            let plans = store.plans_of(&customer_id)?;
            Ok(plans.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// Moves plan `id` (still at `expected_version`) to `to`, with an optional `reason`;
    /// returns it at its next version, status `Rescheduled`. Its old reminder is cancelled
    /// and a new one added.
    ///
    /// Fails with `InvalidInput` on `to` (like `set_plan`'s `time`) or `reason`, on
    /// `plan_id` when the plan is done or cancelled; `Conflict` on a stale version;
    /// `NotFound`.
    #[uniffi::method(default(reason = None))]
    pub async fn reschedule_plan(
        &self,
        id: PlanId,
        expected_version: i64,
        to: PlanTime,
        reason: Option<String>,
    ) -> Result<Plan, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::FollowUps]), move |store| {
            let to = to.into();
            Ok(store
                .reschedule_plan(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    to,
                    reason.as_deref(),
                )?
                .into())
        })
        .await
    }

    /// Changes pending plan `id`'s method, purpose or content (still at
    /// `expected_version`; its time moves with `reschedule_plan`). Only the fields given
    /// change; `clear_content` removes the content. The change is recorded in the timeline
    /// field by field and gives the plan a new version (so its reminder a new id). A patch
    /// that changes nothing returns the plan as it is.
    ///
    /// Fails with `InvalidInput` on `purpose` or `content`, on `plan_id` when the plan is
    /// done or cancelled; `Conflict` on a stale version; `NotFound`.
    pub async fn update_plan(
        &self,
        id: PlanId,
        expected_version: i64,
        patch: PlanPatch,
    ) -> Result<Plan, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::FollowUps]), move |store| {
            Ok(store
                .update_plan(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    &patch.into(),
                )?
                .into())
        })
        .await
    }

    /// Cancels plan `id` (still at `expected_version`) for `reason` (required); its
    /// reminder is cancelled. Fails like `reschedule_plan` (`reason` when blank).
    pub async fn cancel_plan(
        &self,
        id: PlanId,
        expected_version: i64,
        reason: String,
    ) -> Result<Plan, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::FollowUps]), move |store| {
            Ok(store
                .cancel_plan(&id, expected_version.unsigned("expected_version")?, &reason)?
                .into())
        })
        .await
    }

    /// Marks plan `id` (still at `expected_version`) done without logging a follow-up
    /// (`log_follow_up` closes the pending plan by itself). Fails like `reschedule_plan`.
    pub async fn complete_plan(&self, id: PlanId, expected_version: i64) -> Result<Plan, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::FollowUps]), move |store| {
            Ok(store
                .complete_plan(&id, expected_version.unsigned("expected_version")?)?
                .into())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn plan_times_convert_both_ways() {
        let at = Utc.with_ymd_and_hms(2026, 11, 28, 7, 30, 0).unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        for t in [crm_core::PlanTime::At(at), crm_core::PlanTime::OnDate(date)] {
            assert_eq!(crm_core::PlanTime::from(PlanTime::from(t)), t);
        }
    }
}
