//! A customer's timeline (客户历史): everything that happened to them, newest first, in one
//! view. The store appends a [`TimelineRecord`] with every change and pages through them.

use crate::care::{CarId, CareTaskKey, CareTaskKind, ConsentChannel, ConsentSource, ConsentState};
use crate::customer::CustomerId;
use crate::follow_up::field_change::{FieldChange, FieldValue};
use crate::follow_up::ids::{FollowUpId, PlanId};
use crate::follow_up::intent_level::IntentLevel;
use crate::follow_up::plan_time::PlanTime;
use crate::follow_up::record::{FollowUpKind, FollowUpMethod};
use crate::pipeline::{AsideKind, DormantReason, LostReason, Stage};
use crate::vehicle::{CancelReason, Fen, IntentId, OrderId, Vin, VisitId, VisitKind};
use chrono::{DateTime, NaiveDate, Utc};

/// One event in a customer's history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "event")]
pub enum TimelineEntry {
    /// The customer was entered.
    CustomerCreated,
    /// Fields of the customer changed (see [`crate::diff`]).
    CustomerChanged {
        /// What changed, old → new.
        changes: Vec<FieldChange>,
    },
    /// The consultant set or changed the intent level.
    IntentChanged {
        /// The level before (`None` when there was none).
        from: Option<IntentLevel>,
        /// The new level.
        to: IntentLevel,
    },
    /// A follow-up was logged.
    FollowUpLogged {
        /// Which follow-up.
        follow_up_id: FollowUpId,
        /// When it happened.
        at: DateTime<Utc>,
        /// How.
        method: FollowUpMethod,
        /// What about.
        kind: FollowUpKind,
    },
    /// A follow-up was edited (see [`crate::diff_follow_ups`]).
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
        from: PlanTime,
        /// The new time.
        to: PlanTime,
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
    /// Another record of the same person was merged into this one (its history moved here).
    Merged {
        /// The record merged in (now gone).
        absorbed: CustomerId,
        /// Its name at the time, for display.
        absorbed_name: String,
    },
    /// The customer was archived.
    Archived,
    /// The customer was restored from the archive.
    Restored,
    /// The customer moved along the funnel (an advance, a correction, a cancelled order).
    StageMoved {
        /// The stage before.
        from: Stage,
        /// The stage after.
        to: Stage,
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
        #[serde(default)]
        wake_on: Option<NaiveDate>,
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
        from: AsideKind,
        /// The stage they reopened at.
        to: Stage,
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
        from: ConsentState,
        /// The new state.
        to: ConsentState,
        /// How it was given.
        source: ConsentSource,
    },
    /// A vehicle intent was added (购车意向).
    VehicleIntentAdded {
        /// Which intent.
        intent_id: IntentId,
        /// What it names, for display: brand, series and model as entered (or the body type).
        vehicle: String,
    },
    /// A vehicle intent was edited (see [`crate::diff_intents`]).
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
        /// Store visit or test drive.
        kind: VisitKind,
        /// When.
        at: DateTime<Utc>,
    },
    /// A scheduled visit was moved.
    VisitRescheduled {
        /// Which visit.
        visit_id: VisitId,
        /// The time before.
        from: DateTime<Utc>,
        /// The new time.
        to: DateTime<Utc>,
    },
    /// A visit or test drive took place.
    VisitDone {
        /// Which visit.
        visit_id: VisitId,
        /// Store visit or test drive.
        kind: VisitKind,
        /// The customer's feedback.
        feedback: Option<String>,
    },
    /// The customer did not come.
    VisitNoShow {
        /// Which visit.
        visit_id: VisitId,
        /// Store visit or test drive.
        kind: VisitKind,
    },
    /// An order was placed (订车).
    OrderPlaced {
        /// Which order.
        order_id: OrderId,
        /// The model ordered.
        model: String,
        /// What the customer pays: price less discount.
        net_price: Fen,
    },
    /// An active order was edited (see [`crate::diff_orders`]).
    OrderEdited {
        /// Which order.
        order_id: OrderId,
        /// What changed.
        changes: Vec<FieldChange>,
    },
    /// The car's VIN was assigned to an order (or corrected).
    VinAssigned {
        /// Which order.
        order_id: OrderId,
        /// The VIN.
        vin: Vin,
    },
    /// An order was cancelled (退订).
    OrderCancelled {
        /// Which order.
        order_id: OrderId,
        /// Why.
        reason: CancelReason,
        /// More about why.
        note: Option<String>,
    },
    /// The car was handed over (交车).
    OrderDelivered {
        /// Which order.
        order_id: OrderId,
        /// The handover day.
        date: NaiveDate,
        /// The car's VIN.
        vin: Vin,
        /// The odometer at handover, km.
        odometer_km: u32,
    },
    /// An odometer reading of the customer's car was deleted (a typo); the reading itself
    /// is not kept.
    OdometerReadingDeleted {
        /// The car.
        car_id: CarId,
        /// The day the deleted reading was for.
        on_date: NaiveDate,
    },
    /// The customer went back to the public pool (退回公海), released by their owner or a
    /// manager.
    ReleasedToPool {
        /// Why, when given.
        reason: Option<String>,
    },
    /// A new deal (销售机会) was opened with the customer.
    DealOpened {
        /// The deal.
        deal_id: crate::deal::DealId,
        /// Why it began.
        source: crate::deal::DealSource,
        /// Who works it.
        owner: Option<String>,
    },
}

impl TimelineEntry {
    /// The entry's stable code (its serde tag), for a store column that filters by kind.
    pub fn code(&self) -> &'static str {
        match self {
            TimelineEntry::CustomerCreated => "customer_created",
            TimelineEntry::CustomerChanged { .. } => "customer_changed",
            TimelineEntry::IntentChanged { .. } => "intent_changed",
            TimelineEntry::FollowUpLogged { .. } => "follow_up_logged",
            TimelineEntry::FollowUpEdited { .. } => "follow_up_edited",
            TimelineEntry::FollowUpDeleted { .. } => "follow_up_deleted",
            TimelineEntry::PlanSet { .. } => "plan_set",
            TimelineEntry::PlanEdited { .. } => "plan_edited",
            TimelineEntry::PlanRescheduled { .. } => "plan_rescheduled",
            TimelineEntry::PlanCancelled { .. } => "plan_cancelled",
            TimelineEntry::PlanDone { .. } => "plan_done",
            TimelineEntry::Merged { .. } => "merged",
            TimelineEntry::Archived => "archived",
            TimelineEntry::Restored => "restored",
            TimelineEntry::StageMoved { .. } => "stage_moved",
            TimelineEntry::LostRequested { .. } => "lost_requested",
            TimelineEntry::DormantRequested { .. } => "dormant_requested",
            TimelineEntry::RequestApproved { .. } => "request_approved",
            TimelineEntry::RequestRejected { .. } => "request_rejected",
            TimelineEntry::RequestWithdrawn { .. } => "request_withdrawn",
            TimelineEntry::Reopened { .. } => "reopened",
            TimelineEntry::CareTaskDone { .. } => "care_task_done",
            TimelineEntry::CareTaskSkipped { .. } => "care_task_skipped",
            TimelineEntry::ConsentChanged { .. } => "consent_changed",
            TimelineEntry::VehicleIntentAdded { .. } => "vehicle_intent_added",
            TimelineEntry::VehicleIntentEdited { .. } => "vehicle_intent_edited",
            TimelineEntry::VehicleIntentRemoved { .. } => "vehicle_intent_removed",
            TimelineEntry::VisitScheduled { .. } => "visit_scheduled",
            TimelineEntry::VisitRescheduled { .. } => "visit_rescheduled",
            TimelineEntry::VisitDone { .. } => "visit_done",
            TimelineEntry::VisitNoShow { .. } => "visit_no_show",
            TimelineEntry::OrderPlaced { .. } => "order_placed",
            TimelineEntry::OrderEdited { .. } => "order_edited",
            TimelineEntry::VinAssigned { .. } => "vin_assigned",
            TimelineEntry::OrderCancelled { .. } => "order_cancelled",
            TimelineEntry::OrderDelivered { .. } => "order_delivered",
            TimelineEntry::OdometerReadingDeleted { .. } => "odometer_reading_deleted",
            TimelineEntry::ReleasedToPool { .. } => "released_to_pool",
            TimelineEntry::DealOpened { .. } => "deal_opened",
        }
    }

    /// The entry without the customer's personal data, for erasing it: the old and new
    /// values of every field change become [`FieldValue::Erased`] (the field names stay),
    /// and every free text a person typed about the customer (notes, reasons, feedback,
    /// outcomes, a plan's purpose, a competitor, the name of a record merged in) becomes
    /// empty. Ids, codes, times, amounts and the vehicle's description stay: they say
    /// what happened, not who the customer is.
    pub fn without_personal_data(self) -> TimelineEntry {
        use TimelineEntry as E;
        let blank = |c: Vec<FieldChange>| -> Vec<FieldChange> {
            c.into_iter()
                .map(|c| FieldChange {
                    field: c.field,
                    old: c.old.map(|_| FieldValue::Erased),
                    new: c.new.map(|_| FieldValue::Erased),
                })
                .collect()
        };
        match self {
            E::CustomerChanged { changes } => E::CustomerChanged {
                changes: blank(changes),
            },
            E::FollowUpEdited {
                follow_up_id,
                changes,
            } => E::FollowUpEdited {
                follow_up_id,
                changes: blank(changes),
            },
            E::PlanEdited { plan_id, changes } => E::PlanEdited {
                plan_id,
                changes: blank(changes),
            },
            E::VehicleIntentEdited { intent_id, changes } => E::VehicleIntentEdited {
                intent_id,
                changes: blank(changes),
            },
            E::OrderEdited { order_id, changes } => E::OrderEdited {
                order_id,
                changes: blank(changes),
            },
            E::PlanSet {
                plan_id,
                time,
                method,
                ..
            } => E::PlanSet {
                plan_id,
                time,
                method,
                purpose: String::new(),
            },
            E::PlanRescheduled {
                plan_id, from, to, ..
            } => E::PlanRescheduled {
                plan_id,
                from,
                to,
                reason: None,
            },
            E::PlanCancelled { plan_id, .. } => E::PlanCancelled {
                plan_id,
                reason: String::new(),
            },
            E::Merged { absorbed, .. } => E::Merged {
                absorbed,
                absorbed_name: String::new(),
            },
            E::StageMoved { from, to, .. } => E::StageMoved {
                from,
                to,
                note: None,
            },
            E::LostRequested { reason, .. } => E::LostRequested {
                reason,
                competitor: None,
                note: None,
            },
            E::DormantRequested {
                reason, wake_on, ..
            } => E::DormantRequested {
                reason,
                note: None,
                wake_on,
            },
            E::RequestRejected {
                kind,
                manager,
                reassigned_to,
                ..
            } => E::RequestRejected {
                kind,
                manager,
                reassigned_to,
                note: None,
            },
            E::Reopened { from, to, .. } => E::Reopened {
                from,
                to,
                note: None,
            },
            E::CareTaskDone { task_key, kind, .. } => E::CareTaskDone {
                task_key,
                kind,
                outcome: String::new(),
            },
            E::CareTaskSkipped { task_key, kind, .. } => E::CareTaskSkipped {
                task_key,
                kind,
                reason: String::new(),
            },
            E::VisitDone { visit_id, kind, .. } => E::VisitDone {
                visit_id,
                kind,
                feedback: None,
            },
            E::OrderCancelled {
                order_id, reason, ..
            } => E::OrderCancelled {
                order_id,
                reason,
                note: None,
            },
            E::ReleasedToPool { .. } => E::ReleasedToPool { reason: None },
            other => other,
        }
    }
}

/// A timeline entry with its bookkeeping: whose timeline, when it was recorded, by whom and
/// on which device.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TimelineRecord {
    /// The customer whose history this is.
    pub customer_id: CustomerId,
    /// When the change was recorded (UTC; a follow-up's own time is in its entry).
    pub at: DateTime<Utc>,
    /// Who made the change, as the app named them to the operation (a consultant's or
    /// manager's code), when it did.
    pub actor: Option<String>,
    /// Who made the change: the book's user as the server names them once the book has
    /// synced, else the operation's `actor`; `None` when neither was known (and on entries
    /// recorded before authors were kept).
    #[serde(default)]
    pub author: Option<String>,
    /// The id of the device (book) the change was made on; `None` on entries recorded
    /// before devices were kept.
    #[serde(default)]
    pub device: Option<String>,
    /// What happened.
    pub entry: TimelineEntry,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow_up::field_change::FieldValue;

    fn samples() -> Vec<TimelineEntry> {
        let at: DateTime<Utc> = "2026-11-27T02:00:00Z".parse().unwrap();
        vec![
            TimelineEntry::CustomerCreated,
            TimelineEntry::CustomerChanged {
                changes: vec![FieldChange {
                    field: "name".into(),
                    old: Some(FieldValue::Text("张三".into())),
                    new: Some(FieldValue::Text("张叁".into())),
                }],
            },
            TimelineEntry::IntentChanged {
                from: None,
                to: IntentLevel::H,
            },
            TimelineEntry::FollowUpLogged {
                follow_up_id: "f1".into(),
                at,
                method: FollowUpMethod::Phone,
                kind: FollowUpKind::TestDrive,
            },
            TimelineEntry::FollowUpEdited {
                follow_up_id: "f1".into(),
                changes: vec![],
            },
            TimelineEntry::FollowUpDeleted {
                follow_up_id: "f1".into(),
            },
            TimelineEntry::PlanSet {
                plan_id: "p1".into(),
                time: PlanTime::At(at),
                method: FollowUpMethod::Wechat,
                purpose: "发报价".into(),
            },
            TimelineEntry::PlanEdited {
                plan_id: "p1".into(),
                changes: vec![],
            },
            TimelineEntry::PlanRescheduled {
                plan_id: "p1".into(),
                from: PlanTime::At(at),
                to: PlanTime::OnDate(at.date_naive()),
                reason: None,
            },
            TimelineEntry::PlanCancelled {
                plan_id: "p1".into(),
                reason: "战败".into(),
            },
            TimelineEntry::PlanDone {
                plan_id: "p1".into(),
                follow_up_id: None,
            },
            TimelineEntry::Merged {
                absorbed: "c2".into(),
                absorbed_name: "张叁".into(),
            },
            TimelineEntry::Archived,
            TimelineEntry::Restored,
            TimelineEntry::StageMoved {
                from: Stage::Ordered,
                to: Stage::Negotiating,
                note: Some("客户退订".into()),
            },
            TimelineEntry::LostRequested {
                reason: LostReason::BoughtCompetitor,
                competitor: Some("比亚迪 宋PLUS".into()),
                note: None,
            },
            TimelineEntry::DormantRequested {
                reason: DormantReason::Postponed,
                note: None,
                wake_on: NaiveDate::from_ymd_opt(2027, 3, 1),
            },
            TimelineEntry::RequestApproved {
                kind: AsideKind::Lost,
                manager: "m01".into(),
            },
            TimelineEntry::RequestRejected {
                kind: AsideKind::Dormant,
                manager: "m01".into(),
                reassigned_to: Some("c002".into()),
                note: None,
            },
            TimelineEntry::RequestWithdrawn {
                kind: AsideKind::Lost,
            },
            TimelineEntry::Reopened {
                from: AsideKind::Dormant,
                to: Stage::Contacted,
                note: None,
            },
            TimelineEntry::CareTaskDone {
                task_key: "maint:car1:1".into(),
                kind: CareTaskKind::Maintenance,
                outcome: "已预约周六保养".into(),
            },
            TimelineEntry::CareTaskSkipped {
                task_key: "holiday:mid_autumn:2026:c1".into(),
                kind: CareTaskKind::Holiday,
                reason: "客户出国".into(),
            },
            TimelineEntry::ConsentChanged {
                channel: ConsentChannel::Sms,
                from: ConsentState::Unknown,
                to: ConsentState::Withdrawn,
                source: ConsentSource::Message,
            },
            TimelineEntry::VehicleIntentAdded {
                intent_id: "i1".into(),
                vehicle: "大众 途观L".into(),
            },
            TimelineEntry::VehicleIntentEdited {
                intent_id: "i1".into(),
                changes: vec![],
            },
            TimelineEntry::VehicleIntentRemoved {
                intent_id: "i1".into(),
            },
            TimelineEntry::VisitScheduled {
                visit_id: "v1".into(),
                kind: VisitKind::TestDrive,
                at,
            },
            TimelineEntry::VisitRescheduled {
                visit_id: "v1".into(),
                from: at,
                to: at,
            },
            TimelineEntry::VisitDone {
                visit_id: "v1".into(),
                kind: VisitKind::StoreVisit,
                feedback: Some("喜欢白色".into()),
            },
            TimelineEntry::VisitNoShow {
                visit_id: "v1".into(),
                kind: VisitKind::TestDrive,
            },
            TimelineEntry::OrderPlaced {
                order_id: "o1".into(),
                model: "2025款 330TSI".into(),
                net_price: Fen(18_580_000),
            },
            TimelineEntry::OrderEdited {
                order_id: "o1".into(),
                changes: vec![],
            },
            TimelineEntry::VinAssigned {
                order_id: "o1".into(),
                vin: Vin::parse("1M8GDM9AXKP042788").unwrap(),
            },
            TimelineEntry::OrderCancelled {
                order_id: "o1".into(),
                reason: CancelReason::Other,
                note: Some("搬家".into()),
            },
            TimelineEntry::OrderDelivered {
                order_id: "o1".into(),
                date: at.date_naive(),
                vin: Vin::parse("1M8GDM9AXKP042788").unwrap(),
                odometer_km: 12,
            },
            TimelineEntry::OdometerReadingDeleted {
                car_id: "k1".into(),
                on_date: at.date_naive(),
            },
        ]
    }

    #[test]
    fn every_entry_round_trips_and_its_code_is_its_tag() {
        for entry in samples() {
            let record = TimelineRecord {
                customer_id: "c1".into(),
                at: "2026-11-27T03:00:00Z".parse().unwrap(),
                actor: Some("c001".into()),
                author: Some("u-c001".into()),
                device: Some("d1".into()),
                entry: entry.clone(),
            };
            let json = serde_json::to_value(&record).unwrap();
            assert_eq!(json["entry"]["event"], entry.code());
            assert_eq!(
                serde_json::from_value::<TimelineRecord>(json).unwrap(),
                record
            );
        }
    }

    #[test]
    fn a_record_from_before_authors_reads_without_them() {
        let json = serde_json::json!({
            "customer_id": "c1", "at": "2026-11-27T03:00:00Z", "actor": null,
            "entry": {"event": "archived"}
        });
        let record: TimelineRecord = serde_json::from_value(json).unwrap();
        assert_eq!((record.author, record.device), (None, None));
    }

    /// Every text a sample entry holds, as its JSON's strings (ids and codes included).
    fn strings(entry: &TimelineEntry) -> Vec<String> {
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                serde_json::Value::Object(o) => o.values().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(&serde_json::to_value(entry).unwrap(), &mut out);
        out
    }

    #[test]
    fn without_personal_data_blanks_values_and_free_texts_and_keeps_the_rest() {
        let personal = [
            "张三",
            "张叁",
            "发报价",
            "战败",
            "客户退订",
            "比亚迪 宋PLUS",
            "已预约周六保养",
            "客户出国",
            "喜欢白色",
            "搬家",
        ];
        for entry in samples() {
            let blanked = entry.clone().without_personal_data();
            assert_eq!(blanked.code(), entry.code(), "same kind of event");
            for text in strings(&blanked) {
                assert!(
                    !personal.contains(&text.as_str()),
                    "{blanked:?} keeps {text}"
                );
            }
            for id in ["f1", "p1", "c2", "i1", "v1", "o1", "k1", "m01", "c002"] {
                assert_eq!(
                    strings(&entry).iter().any(|s| s == id),
                    strings(&blanked).iter().any(|s| s == id),
                    "{entry:?}: ids stay"
                );
            }
            assert_eq!(
                blanked.clone().without_personal_data(),
                blanked,
                "idempotent"
            );
        }
        let TimelineEntry::CustomerChanged { changes } =
            samples()[1].clone().without_personal_data()
        else {
            panic!("the second sample is a customer change")
        };
        assert_eq!(
            changes,
            [FieldChange {
                field: "name".into(),
                old: Some(FieldValue::Erased),
                new: Some(FieldValue::Erased),
            }]
        );
        let unset = TimelineEntry::OrderEdited {
            order_id: "o1".into(),
            changes: vec![FieldChange {
                field: "note".into(),
                old: None,
                new: Some(FieldValue::Text("加装脚垫".into())),
            }],
        }
        .without_personal_data();
        let TimelineEntry::OrderEdited { changes, .. } = unset else {
            panic!()
        };
        assert_eq!(changes[0].old, None, "an unset value stays unset");
        assert_eq!(changes[0].new, Some(FieldValue::Erased));
    }
}
