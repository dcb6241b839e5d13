//! A customer's timeline (客户历史): everything that happened to them, newest first, paged.

use crate::care::consent::{ConsentChannel, ConsentSource, ConsentState};
use crate::care::task::CareTaskKind;
use crate::convert::each;
use crate::custom::{CalendarDate, Timestamp};
use crate::deal::source::DealSource;
use crate::error::CrmError;
use crate::follow_up::field_change::FieldChange;
use crate::follow_up::intent_level::IntentLevel;
use crate::follow_up::plan::PlanTime;
use crate::follow_up::record::{FollowUpKind, FollowUpMethod};
use crate::number::{Signed, Unsigned};
use crate::pipeline::reason::{DormantReason, LostReason};
use crate::pipeline::stage::{AsideKind, Stage};
use crate::store::CrmStore;
use crm_core::DealId;
use crm_core::{
    CarId, CareTaskKey, Code, CustomerId, FollowUpId, IntentId, OrderId, PlanId, VisitId,
};

/// One event in a customer's history.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum TimelineEntry {
    /// The customer was entered.
    CustomerCreated,
    /// Fields of the customer changed.
    CustomerChanged {
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// The consultant changed the intent level.
    IntentChanged {
        /// The level before.
        old_level: Option<IntentLevel>,
        /// The new level.
        new_level: IntentLevel,
    },
    /// A follow-up was logged.
    FollowUpLogged {
        /// Which follow-up.
        follow_up_id: FollowUpId,
        /// When it happened.
        at: Timestamp,
        /// How.
        method: FollowUpMethod,
        /// What about.
        kind: FollowUpKind,
    },
    /// A follow-up was edited.
    FollowUpEdited {
        /// Which follow-up.
        follow_up_id: FollowUpId,
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// A follow-up was deleted.
    FollowUpDeleted {
        /// Which follow-up.
        follow_up_id: FollowUpId,
    },
    /// A plan was set.
    PlanSet {
        /// Which plan.
        plan_id: PlanId,
        /// When it is due.
        time: PlanTime,
        /// How.
        method: FollowUpMethod,
        /// Why.
        purpose: String,
    },
    /// A plan's method, purpose or content changed.
    PlanEdited {
        /// Which plan.
        plan_id: PlanId,
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// A plan was moved.
    PlanRescheduled {
        /// Which plan.
        plan_id: PlanId,
        /// The time before.
        old_time: PlanTime,
        /// The new time.
        new_time: PlanTime,
        /// Why, when given.
        reason: Option<String>,
    },
    /// A plan was cancelled.
    PlanCancelled {
        /// Which plan.
        plan_id: PlanId,
        /// Why.
        reason: String,
    },
    /// A plan was carried out.
    PlanDone {
        /// Which plan.
        plan_id: PlanId,
        /// The follow-up that carried it out, when one was logged.
        follow_up_id: Option<FollowUpId>,
    },
    /// Another record of the same person was merged into this one.
    Merged {
        /// The record merged in (now gone).
        absorbed_id: CustomerId,
        /// Its name at the time.
        absorbed_name: String,
    },
    /// The customer was archived.
    Archived,
    /// The customer was restored from the archive.
    Restored,
    /// The customer moved along the funnel (an advance, a correction, a cancelled order).
    StageMoved {
        /// The stage before.
        old_stage: Stage,
        /// The stage after.
        new_stage: Stage,
        /// Why, for a step back or a cancelled order.
        note: Option<String>,
    },
    /// The consultant asked a manager to mark the customer lost (战败申请).
    LostRequested {
        /// The reason category.
        reason: LostReason,
        /// The competitor, when named.
        competitor: Option<String>,
        /// The consultant's note.
        note: Option<String>,
    },
    /// The consultant asked a manager to put the customer to sleep (休眠申请).
    DormantRequested {
        /// The reason category.
        reason: DormantReason,
        /// The consultant's note.
        note: Option<String>,
        /// The local date to wake the customer up, when given.
        wake_on: Option<CalendarDate>,
    },
    /// A manager approved a lost or dormant request.
    RequestApproved {
        /// Lost or dormant.
        kind: AsideKind,
        /// The manager.
        manager: String,
    },
    /// A manager rejected a lost or dormant request; the customer went back to their stage.
    RequestRejected {
        /// Lost or dormant.
        kind: AsideKind,
        /// The manager.
        manager: String,
        /// The consultant the customer was handed to, when reassigned.
        reassigned_to: Option<String>,
        /// The manager's note.
        note: Option<String>,
    },
    /// The consultant withdrew their lost or dormant request.
    RequestWithdrawn {
        /// Lost or dormant.
        kind: AsideKind,
    },
    /// A lost or dormant customer was brought back into the funnel.
    Reopened {
        /// Lost or dormant before.
        aside: AsideKind,
        /// The stage they reopened at.
        stage: Stage,
        /// Why.
        note: Option<String>,
    },
    /// A care task was carried out.
    CareTaskDone {
        /// Which task.
        task_key: CareTaskKey,
        /// What about.
        kind: CareTaskKind,
        /// What came of it.
        outcome: String,
    },
    /// A care task was skipped.
    CareTaskSkipped {
        /// Which task.
        task_key: CareTaskKey,
        /// What about.
        kind: CareTaskKind,
        /// Why.
        reason: String,
    },
    /// Consent to contact on a channel was given, withdrawn or reset.
    ConsentChanged {
        /// The channel.
        channel: ConsentChannel,
        /// The state before.
        old_state: ConsentState,
        /// The new state.
        new_state: ConsentState,
        /// How it was given.
        source: ConsentSource,
    },
    /// A vehicle intent was added.
    VehicleIntentAdded {
        /// Which intent.
        intent_id: IntentId,
        /// What it names, for display.
        vehicle: String,
    },
    /// A vehicle intent was edited.
    VehicleIntentEdited {
        /// Which intent.
        intent_id: IntentId,
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// A vehicle intent was removed.
    VehicleIntentRemoved {
        /// Which intent.
        intent_id: IntentId,
    },
    /// A store visit or a test drive was scheduled.
    VisitScheduled {
        /// Which visit.
        visit_id: VisitId,
        /// `store_visit` or `test_drive`.
        kind: String,
        /// When.
        at: Timestamp,
    },
    /// A scheduled visit was moved.
    VisitRescheduled {
        /// Which visit.
        visit_id: VisitId,
        /// The time before.
        old_time: Timestamp,
        /// The new time.
        new_time: Timestamp,
    },
    /// A visit or test drive took place.
    VisitDone {
        /// Which visit.
        visit_id: VisitId,
        /// `store_visit` or `test_drive`.
        kind: String,
        /// The customer's feedback.
        feedback: Option<String>,
    },
    /// The customer did not come.
    VisitNoShow {
        /// Which visit.
        visit_id: VisitId,
        /// `store_visit` or `test_drive`.
        kind: String,
    },
    /// An order was placed.
    OrderPlaced {
        /// Which order.
        order_id: OrderId,
        /// The model ordered.
        model: String,
        /// Price less discount, in fen.
        net_price: i64,
    },
    /// An active order was edited.
    OrderEdited {
        /// Which order.
        order_id: OrderId,
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// The car's VIN was assigned to an order.
    VinAssigned {
        /// Which order.
        order_id: OrderId,
        /// The VIN.
        vin: String,
    },
    /// An order was cancelled.
    OrderCancelled {
        /// Which order.
        order_id: OrderId,
        /// The reason's code (`changed_mind`, `price`, `other` ...).
        reason: String,
        /// More about why.
        note: Option<String>,
    },
    /// The car was handed over.
    OrderDelivered {
        /// Which order.
        order_id: OrderId,
        /// The handover day.
        date: CalendarDate,
        /// The car's VIN.
        vin: String,
        /// The odometer at handover, km.
        odometer_km: i32,
    },
    /// An odometer reading of the customer's car was deleted (not its distance).
    OdometerReadingDeleted {
        /// The car.
        car_id: CarId,
        /// The day the deleted reading was for.
        on_date: CalendarDate,
    },
    /// The customer went back to the public pool (退回公海).
    ReleasedToPool {
        /// Why, when given.
        reason: Option<String>,
    },
    /// A new deal (销售机会) was opened with the customer.
    DealOpened {
        /// The deal.
        deal_id: DealId,
        /// Why it began.
        source: DealSource,
        /// Who works it.
        owner: Option<String>,
    },
}

impl From<crm_core::TimelineEntry> for TimelineEntry {
    fn from(e: crm_core::TimelineEntry) -> Self {
        use crm_core::TimelineEntry as D;
        match e {
            D::CustomerCreated => TimelineEntry::CustomerCreated,
            D::CustomerChanged { changes: c } => {
                TimelineEntry::CustomerChanged { changes: each(c) }
            }
            D::IntentChanged { from, to } => TimelineEntry::IntentChanged {
                old_level: from.map(Into::into),
                new_level: to.into(),
            },
            D::FollowUpLogged {
                follow_up_id,
                at,
                method,
                kind,
            } => TimelineEntry::FollowUpLogged {
                follow_up_id,
                at,
                method: method.into(),
                kind: kind.into(),
            },
            D::FollowUpEdited {
                follow_up_id,
                changes: c,
            } => TimelineEntry::FollowUpEdited {
                follow_up_id,
                changes: each(c),
            },
            D::FollowUpDeleted { follow_up_id } => TimelineEntry::FollowUpDeleted { follow_up_id },
            D::PlanSet {
                plan_id,
                time,
                method,
                purpose,
            } => TimelineEntry::PlanSet {
                plan_id,
                time: time.into(),
                method: method.into(),
                purpose,
            },
            D::PlanEdited {
                plan_id,
                changes: c,
            } => TimelineEntry::PlanEdited {
                plan_id,
                changes: each(c),
            },
            D::PlanRescheduled {
                plan_id,
                from,
                to,
                reason,
            } => TimelineEntry::PlanRescheduled {
                plan_id,
                old_time: from.into(),
                new_time: to.into(),
                reason,
            },
            D::PlanCancelled { plan_id, reason } => {
                TimelineEntry::PlanCancelled { plan_id, reason }
            }
            D::PlanDone {
                plan_id,
                follow_up_id,
            } => TimelineEntry::PlanDone {
                plan_id,
                follow_up_id,
            },
            D::Merged {
                absorbed,
                absorbed_name,
            } => TimelineEntry::Merged {
                absorbed_id: absorbed,
                absorbed_name,
            },
            D::Archived => TimelineEntry::Archived,
            D::Restored => TimelineEntry::Restored,
            D::StageMoved { from, to, note } => TimelineEntry::StageMoved {
                old_stage: from.into(),
                new_stage: to.into(),
                note,
            },
            D::LostRequested {
                reason,
                competitor,
                note,
            } => TimelineEntry::LostRequested {
                reason: reason.into(),
                competitor,
                note,
            },
            D::DormantRequested {
                reason,
                note,
                wake_on,
            } => TimelineEntry::DormantRequested {
                reason: reason.into(),
                note,
                wake_on,
            },
            D::RequestApproved { kind, manager } => TimelineEntry::RequestApproved {
                kind: kind.into(),
                manager,
            },
            D::RequestRejected {
                kind,
                manager,
                reassigned_to,
                note,
            } => TimelineEntry::RequestRejected {
                kind: kind.into(),
                manager,
                reassigned_to,
                note,
            },
            D::RequestWithdrawn { kind } => TimelineEntry::RequestWithdrawn { kind: kind.into() },
            D::Reopened { from, to, note } => TimelineEntry::Reopened {
                aside: from.into(),
                stage: to.into(),
                note,
            },
            D::CareTaskDone {
                task_key,
                kind,
                outcome,
            } => TimelineEntry::CareTaskDone {
                task_key,
                kind: kind.into(),
                outcome,
            },
            D::CareTaskSkipped {
                task_key,
                kind,
                reason,
            } => TimelineEntry::CareTaskSkipped {
                task_key,
                kind: kind.into(),
                reason,
            },
            D::ConsentChanged {
                channel,
                from,
                to,
                source,
            } => TimelineEntry::ConsentChanged {
                channel: channel.into(),
                old_state: from.into(),
                new_state: to.into(),
                source: source.into(),
            },
            D::VehicleIntentAdded { intent_id, vehicle } => {
                TimelineEntry::VehicleIntentAdded { intent_id, vehicle }
            }
            D::VehicleIntentEdited {
                intent_id,
                changes: c,
            } => TimelineEntry::VehicleIntentEdited {
                intent_id,
                changes: each(c),
            },
            D::VehicleIntentRemoved { intent_id } => {
                TimelineEntry::VehicleIntentRemoved { intent_id }
            }
            D::VisitScheduled { visit_id, kind, at } => TimelineEntry::VisitScheduled {
                visit_id,
                kind: kind.code().to_owned(),
                at,
            },
            D::VisitRescheduled { visit_id, from, to } => TimelineEntry::VisitRescheduled {
                visit_id,
                old_time: from,
                new_time: to,
            },
            D::VisitDone {
                visit_id,
                kind,
                feedback,
            } => TimelineEntry::VisitDone {
                visit_id,
                kind: kind.code().to_owned(),
                feedback,
            },
            D::VisitNoShow { visit_id, kind } => TimelineEntry::VisitNoShow {
                visit_id,
                kind: kind.code().to_owned(),
            },
            D::OrderPlaced {
                order_id,
                model,
                net_price,
            } => TimelineEntry::OrderPlaced {
                order_id,
                model,
                net_price: net_price.fen(),
            },
            D::OrderEdited {
                order_id,
                changes: c,
            } => TimelineEntry::OrderEdited {
                order_id,
                changes: each(c),
            },
            D::VinAssigned { order_id, vin } => TimelineEntry::VinAssigned {
                order_id,
                vin: vin.to_string(),
            },
            D::OrderCancelled {
                order_id,
                reason,
                note,
            } => TimelineEntry::OrderCancelled {
                order_id,
                reason: reason.code().to_owned(),
                note,
            },
            D::OrderDelivered {
                order_id,
                date,
                vin,
                odometer_km,
            } => TimelineEntry::OrderDelivered {
                order_id,
                date,
                vin: vin.to_string(),
                odometer_km: odometer_km.signed(),
            },
            D::OdometerReadingDeleted { car_id, on_date } => {
                TimelineEntry::OdometerReadingDeleted { car_id, on_date }
            }
            D::ReleasedToPool { reason } => TimelineEntry::ReleasedToPool { reason },
            D::DealOpened {
                deal_id,
                source,
                owner,
            } => TimelineEntry::DealOpened {
                deal_id,
                source: source.into(),
                owner,
            },
        }
    }
}

/// A timeline entry with its bookkeeping: when, by whom, on which device.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TimelineRecord {
    /// When the change was recorded (a follow-up's own time is in its entry).
    pub at: Timestamp,
    /// Who made it, as the app named them to the operation (a follow-up's consultant),
    /// when it did.
    pub actor: Option<String>,
    /// Who made it: the book's user as the server names them once the book has synced,
    /// else `actor`; absent when neither was known (and on entries from before authors
    /// were kept).
    pub author: Option<String>,
    /// The id of the device the change was made on; absent on entries from before devices
    /// were kept.
    pub device: Option<String>,
    /// What happened.
    pub entry: TimelineEntry,
}

impl From<crm_core::TimelineRecord> for TimelineRecord {
    fn from(r: crm_core::TimelineRecord) -> Self {
        TimelineRecord {
            at: r.at,
            actor: r.actor,
            author: r.author,
            device: r.device,
            entry: r.entry.into(),
        }
    }
}

/// One page of a customer's timeline, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TimelinePage {
    /// The entries on this page.
    pub records: Vec<TimelineRecord>,
    /// Where the next (older) page starts: pass it back as `cursor`; absent on the last
    /// page.
    pub next_cursor: Option<String>,
}

impl From<crm_store::TimelinePage> for TimelinePage {
    fn from(p: crm_store::TimelinePage) -> Self {
        TimelinePage {
            records: p.records.into_iter().map(Into::into).collect(),
            next_cursor: p.next_cursor,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// One page of customer `customer_id`'s timeline, newest first: at most `limit` entries
    /// (1 to 10,000; absent: 50), after `cursor` (the previous page's `next_cursor`).
    ///
    /// Fails with `InvalidInput` on `limit` or `cursor`, and with `NotFound`.
    #[uniffi::method(default(limit = None, cursor = None))]
    pub async fn timeline(
        &self,
        customer_id: CustomerId,
        limit: Option<i32>,
        cursor: Option<String>,
    ) -> Result<TimelinePage, CrmError> {
        self.read(move |store| {
            let limit = limit
                .unsigned("limit")?
                .unwrap_or(crm_store::ListQuery::default().limit);
            Ok(store
                .timeline(&customer_id, limit, cursor.as_deref())?
                .into())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rescheduled_plan_names_both_times() {
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let entry = TimelineEntry::from(crm_core::TimelineEntry::PlanRescheduled {
            plan_id: "p1".into(),
            from: crm_core::PlanTime::At(at),
            to: crm_core::PlanTime::OnDate(date),
            reason: None,
        });
        assert_eq!(
            entry,
            TimelineEntry::PlanRescheduled {
                plan_id: "p1".into(),
                old_time: PlanTime::At { at },
                new_time: PlanTime::OnDate { date },
                reason: None,
            }
        );
    }
}
