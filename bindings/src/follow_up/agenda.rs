//! The day's agenda (今日待办): who a consultant should contact on a local date, and why,
//! most urgent first.

use crate::care::consent::ConsentChannel;
use crate::care::task::{CareAssignee, CareTaskKind};
use crate::custom::{CalendarDate, Timestamp};
use crate::customer::record::Importance;
use crate::error::CrmError;
use crate::follow_up::intent_level::IntentLevel;
use crate::follow_up::plan::PlanTime;
use crate::follow_up::record::FollowUpMethod;
use crate::number::Signed;
use crate::store::CrmStore;
use crm_core::{CareTaskKey, CustomerId, PlanId};

/// Why a customer is on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum AgendaReason {
    /// Nobody has contacted this new lead yet: the first response is due by `deadline`
    /// (creation plus `CadenceConfig.first_response_minutes`; overdue once passed).
    FirstResponse {
        /// When the first response is due.
        deadline: Timestamp,
    },
    /// A plan falls on the agenda's date and its time has not passed.
    PlanDue {
        /// The plan.
        plan_id: PlanId,
        /// When it is due.
        time: PlanTime,
        /// How.
        method: FollowUpMethod,
        /// Why.
        purpose: String,
    },
    /// A plan's time has passed.
    PlanOverdue {
        /// The plan.
        plan_id: PlanId,
        /// When it was due.
        time: PlanTime,
        /// How.
        method: FollowUpMethod,
        /// Why.
        purpose: String,
        /// Local days overdue: 0 for a time earlier today.
        days_overdue: i32,
    },
    /// No pending plan, and the intent level's cadence says it is time for a contact.
    CadenceDue {
        /// The local date the cadence fell due.
        due_on: CalendarDate,
        /// Local days since: 0 when due today.
        days_overdue: i32,
    },
    /// A dormant customer's wake-up date (唤醒日期) has come: see whether they are ready
    /// again (reopen them, or ask for another sleep). Until reopened, the item stays, overdue
    /// after the date.
    WakeUpDue {
        /// The wake-up date of the approved dormant request.
        wake_on: CalendarDate,
        /// Local days since: 0 on the day.
        days_overdue: i32,
    },
    /// A care task (关怀任务: a call after delivery, a service reminder, a greeting …) is
    /// due, or its snooze has ended.
    CareTask {
        /// The task's key.
        key: CareTaskKey,
        /// What it is about.
        care_kind: CareTaskKind,
        /// The local date it is on the agenda from: its due date, or the snooze date.
        due_on: CalendarDate,
        /// The suggested channel.
        channel: ConsentChannel,
        /// Who should do it.
        assignee: CareAssignee,
        /// The suggested template's key.
        template_key: String,
        /// Local days since `due_on`: 0 when due today.
        days_overdue: i32,
    },
}

impl From<crm_core::AgendaReason> for AgendaReason {
    fn from(r: crm_core::AgendaReason) -> Self {
        use crm_core::AgendaReason as D;
        match r {
            D::FirstResponse { deadline } => AgendaReason::FirstResponse { deadline },
            D::PlanDue {
                plan_id,
                time,
                method,
                purpose,
            } => AgendaReason::PlanDue {
                plan_id,
                time: time.into(),
                method: method.into(),
                purpose,
            },
            D::PlanOverdue {
                plan_id,
                time,
                method,
                purpose,
                days_overdue,
            } => AgendaReason::PlanOverdue {
                plan_id,
                time: time.into(),
                method: method.into(),
                purpose,
                days_overdue: days_overdue.signed(),
            },
            D::CadenceDue {
                due_on,
                days_overdue,
            } => AgendaReason::CadenceDue {
                due_on,
                days_overdue: days_overdue.signed(),
            },
            D::WakeUpDue {
                wake_on,
                days_overdue,
            } => AgendaReason::WakeUpDue {
                wake_on,
                days_overdue: days_overdue.signed(),
            },
            D::CareTask {
                key,
                care_kind,
                due_on,
                channel,
                assignee,
                template_key,
                days_overdue,
            } => AgendaReason::CareTask {
                key,
                care_kind: care_kind.into(),
                due_on,
                channel: channel.into(),
                assignee: assignee.into(),
                template_key,
                days_overdue: days_overdue.signed(),
            },
        }
    }
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgendaItem {
    /// The customer to contact (`get_customer` for the card).
    pub customer_id: CustomerId,
    /// Their importance.
    pub importance: Importance,
    /// Their intent level.
    pub intent_level: IntentLevel,
    /// `true` when the item is late: a plan or first response whose time has passed, a
    /// cadence that fell due before the date.
    pub overdue: bool,
    /// When the item is due from: the plan's instant or the start of its date, the
    /// first-response deadline, the start of the cadence date.
    pub due_at: Timestamp,
    /// Why it is there.
    pub reason: AgendaReason,
}

impl From<crm_core::AgendaItem> for AgendaItem {
    fn from(i: crm_core::AgendaItem) -> Self {
        AgendaItem {
            customer_id: i.customer_id,
            importance: i.importance.into(),
            intent_level: i.intent.into(),
            overdue: i.overdue,
            due_at: i.due_at,
            reason: i.reason.into(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Consultant `owner`'s agenda for the dealership's local `date` (normally today in
    /// `Settings.time_zone`; a later date previews that day), as of now: overdue plans,
    /// plans due, first responses owed, cadence-due customers, dormant customers whose
    /// wake-up date has come, care tasks due, one item each. Most urgent first: overdue,
    /// then importance (key first), then intent level hot to cold (H, A, B, C, O, N), then
    /// due time. Archived customers are left out; lost, dormant and delivered customers are
    /// out of the cadence and first responses (a delivered one is served by care tasks),
    /// though a plan set for them still shows. A null `owner` gives the agenda of the
    /// customers nobody owns (the public pool, 公海), for whoever hands out leads.
    ///
    /// Fails with `InvalidInput` on `date` when it is not a calendar date.
    pub async fn agenda(
        &self,
        owner: Option<String>,
        date: CalendarDate,
    ) -> Result<Vec<AgendaItem>, CrmError> {
        self.read(move |store| {
            let items = store.agenda(owner.as_deref(), date)?;
            Ok(items.into_iter().map(Into::into).collect())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_cadence_reason_keeps_its_date() {
        let due_on = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let reason = AgendaReason::from(crm_core::AgendaReason::CadenceDue {
            due_on,
            days_overdue: 2,
        });
        assert_eq!(
            reason,
            AgendaReason::CadenceDue {
                due_on,
                days_overdue: 2
            }
        );
    }
}
