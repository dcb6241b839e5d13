//! Care tasks (关怀任务): what one is about and who does it, listing them, and completing,
//! skipping and snoozing one.

use crate::care::consent::ConsentChannel;
use crate::care::detail::CareDetail;
use crate::care::status::{CareTaskStatus, CareTaskStatusKind};
use crate::convert::same_variants;
use crate::custom::CalendarDate;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crm_core::{CarId, CareTaskKey, CustomerId};
use crm_store::StoreError;

/// What a care task is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CareTaskKind {
    /// A call or visit after delivery (交车回访).
    DeliveryCall,
    /// A service reminder (保养提醒).
    Maintenance,
    /// An insurance renewal reminder (续保提醒).
    InsuranceRenewal,
    /// An annual inspection reminder (年检提醒).
    Inspection,
    /// A birthday greeting (生日祝福).
    Birthday,
    /// A holiday greeting (节日问候).
    Holiday,
    /// A purchase anniversary greeting (购车周年).
    PurchaseAnniversary,
    /// An invitation to refer friends (转介绍邀请).
    ReferralInvitation,
}

same_variants!(CareTaskKind <=> crm_core::CareTaskKind {
    DeliveryCall, Maintenance, InsuranceRenewal, Inspection, Birthday, Holiday,
    PurchaseAnniversary, ReferralInvitation
});

/// Who should carry a care task out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CareAssignee {
    /// The customer's sales consultant (销售顾问).
    Consultant,
    /// The sales manager (销售经理).
    Manager,
}

same_variants!(CareAssignee <=> crm_core::CareAssignee { Consultant, Manager });

/// A stored care task (关怀任务) with its status.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareTask {
    /// The stable key (`maint:<car>:2`, `birthday:<customer>:2027` …): generating the same
    /// window again gives the same keys.
    pub key: CareTaskKey,
    /// The customer.
    pub customer_id: CustomerId,
    /// The car, for tasks about one car.
    pub car_id: Option<CarId>,
    /// What it is about (the kind of `detail`).
    pub kind: CareTaskKind,
    /// The day to act.
    pub due_on: CalendarDate,
    /// The day of the event itself: the service, the policy's end, the holiday ….
    pub event_on: CalendarDate,
    /// The channel to use: the rule's first that the customer can be reached on and whose
    /// consent allows it.
    pub channel: ConsentChannel,
    /// Who should do it.
    pub assignee: CareAssignee,
    /// The template to suggest (`care.birthday`).
    pub template_key: String,
    /// Whether it was made under the consent rules: such a task is dropped at the next
    /// run once consent on its channel is withdrawn.
    pub needs_consent: bool,
    /// The kind's particulars.
    pub detail: CareDetail,
    /// Where it stands.
    pub status: CareTaskStatus,
}

impl From<crm_core::CareTaskRecord> for CareTask {
    fn from(r: crm_core::CareTaskRecord) -> Self {
        let t = r.task;
        CareTask {
            kind: t.detail.kind().into(),
            key: t.key,
            customer_id: t.customer_id,
            car_id: t.car_id,
            due_on: t.due_on,
            event_on: t.event_on,
            channel: t.channel.into(),
            assignee: t.assignee.into(),
            template_key: t.template_key,
            needs_consent: t.needs_consent,
            detail: t.detail.into(),
            status: r.status.into(),
        }
    }
}

/// Which care tasks `care_tasks` lists; every filter is optional.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CareTaskQuery {
    /// Only the tasks of this consultant's customers.
    #[uniffi(default = None)]
    pub owner: Option<String>,
    /// Only this customer's tasks.
    #[uniffi(default = None)]
    pub customer_id: Option<CustomerId>,
    /// Only tasks with this stored status.
    #[uniffi(default = None)]
    pub status: Option<CareTaskStatusKind>,
    /// Only tasks due on or after this date.
    #[uniffi(default = None)]
    pub due_from: Option<CalendarDate>,
    /// Only tasks due on or before this date.
    #[uniffi(default = None)]
    pub due_to: Option<CalendarDate>,
    /// At most this many (1 to 10,000), by due date then key.
    #[uniffi(default = 100)]
    pub limit: i32,
}

impl CareTaskQuery {
    /// The store's query; an impossible date is `InvalidInput` on its field.
    fn into_store(self) -> Result<crm_store::CareTaskQuery, CrmError> {
        Ok(crm_store::CareTaskQuery {
            owner: self.owner,
            customer_id: self.customer_id,
            status: self.status.map(Into::into),
            due_from: self.due_from,
            due_to: self.due_to,
            limit: self.limit.unsigned("limit")?,
        })
    }
}

/// A task that is done or skipped can no longer move: the caller named it by `key`.
fn task_error(e: StoreError) -> CrmError {
    match e {
        StoreError::Closed { status, .. } => {
            CrmError::invalid("key", format!("is {status} and can no longer change"))
        }
        e => e.into(),
    }
}

#[uniffi::export]
impl CrmStore {
    /// Care task `key`. Fails with `NotFound`.
    pub async fn get_care_task(&self, key: CareTaskKey) -> Result<CareTask, CrmError> {
        self.read(move |store| Ok(store.get_care_task(&key)?.into()))
            .await
    }

    /// The care tasks `query` asks for, by due date then key. Fails with `InvalidInput` on
    /// `limit`, `due_from` or `due_to`.
    pub async fn care_tasks(&self, query: CareTaskQuery) -> Result<Vec<CareTask>, CrmError> {
        self.read(move |store| {
            let tasks = store.care_tasks(&query.into_store()?)?;
            Ok(tasks.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// Marks care task `key` done with what came of it (`outcome`, required); the
    /// customer's timeline gets a `CareTaskDone` entry. A done maintenance task is a service
    /// the car had today: the next `generate_care` restarts its maintenance schedule from
    /// it.
    ///
    /// Fails with `InvalidInput` on `outcome`, on `key` when the task is already done or
    /// skipped, and with `NotFound`.
    pub async fn complete_care_task(
        &self,
        key: CareTaskKey,
        outcome: String,
    ) -> Result<CareTask, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            let record = store
                .complete_care_task(&key, &outcome)
                .map_err(task_error)?;
            Ok(record.into())
        })
        .await
    }

    /// Skips care task `key` for `reason` (required); the timeline gets a
    /// `CareTaskSkipped` entry. Fails like `complete_care_task` (`reason`).
    pub async fn skip_care_task(
        &self,
        key: CareTaskKey,
        reason: String,
    ) -> Result<CareTask, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            let record = store.skip_care_task(&key, &reason).map_err(task_error)?;
            Ok(record.into())
        })
        .await
    }

    /// Puts care task `key` off until the local date `until` (after today, within 365
    /// days); it is back in the agenda on that date. Fails with `InvalidInput` on `until`,
    /// on `key` when done or skipped, and with `NotFound`.
    pub async fn snooze_care_task(
        &self,
        key: CareTaskKey,
        until: CalendarDate,
    ) -> Result<CareTask, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            let record = store.snooze_care_task(&key, until).map_err(task_error)?;
            Ok(record.into())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_store::StoreError;

    #[test]
    fn a_closed_task_names_the_key() {
        let closed = StoreError::Closed {
            entity: "care task",
            id: "birthday:c1:2027".into(),
            status: "done",
        };
        assert_eq!(
            task_error(closed),
            CrmError::invalid("key", "is done and can no longer change")
        );
    }
}
