//! A model-based test of the plan state machine: random operations on a plan and on a
//! plain model of what they should do, compared after each step.
#![cfg(feature = "proptest")]

use chrono::{Duration, NaiveDate};
use crm_core::strategies::{follow_up::new_plan, reference_now, time::dealership_zone};
use crm_core::{
    reminder_for, Plan, PlanError, PlanPatch, PlanStatusKind, PlanTime, ReminderConfig,
    TimelineEntry,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Reschedule { days: i64, date_only: bool },
    Complete,
    Cancel(String),
    Edit(Option<String>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (-3i64..60, any::<bool>()).prop_map(|(days, date_only)| Op::Reschedule { days, date_only }),
        1 => Just(Op::Complete),
        1 => prop::sample::select(vec!["", "客户已购竞品", "联系不上"]).prop_map(|r| Op::Cancel(r.into())),
        2 => prop::option::of(prop::sample::select(vec!["确认交车时间", "发送金融方案"])).prop_map(|p| Op::Edit(p.map(Into::into))),
    ]
}

proptest! {
    #[test]
    fn plans_follow_their_state_machine(input in new_plan("c001".into(), reference_now()), zone in dealership_zone(), ops in prop::collection::vec(op(), 1..12)) {
        let mut now = reference_now();
        let mut plan = Plan::create("p1".into(), &input, now, &zone).unwrap().plan;
        // The model: pending or which closed status, and the version.
        let mut closed: Option<PlanStatusKind> = None;
        let mut version = 1u64;
        for op in ops {
            now += Duration::hours(7);
            let today = zone.local_date(now);
            let before = plan.clone();
            let reminder = reminder_for(&plan, &ReminderConfig::default(), &zone).map(|r| r.id);
            let result = match &op {
                Op::Reschedule { days, date_only } => {
                    let to = if *date_only {
                        PlanTime::OnDate(today + Duration::days(*days))
                    } else {
                        PlanTime::At(now + Duration::days(*days))
                    };
                    plan.reschedule(to, None, now, &zone).map(Some)
                }
                Op::Complete => plan.complete(None, now).map(Some),
                Op::Cancel(reason) => plan.cancel(reason, now).map(Some),
                Op::Edit(purpose) => plan.edit(&PlanPatch { purpose: purpose.clone(), ..Default::default() }, now),
            };
            match (closed, result) {
                (Some(status), result) => prop_assert_eq!(result, Err(PlanError::Closed { status })),
                (None, Ok(Some(change))) => {
                    version += 1;
                    plan = change.plan;
                    let expected_status = match op {
                        Op::Complete => PlanStatusKind::Done,
                        Op::Cancel(_) => PlanStatusKind::Cancelled,
                        Op::Reschedule { .. } => PlanStatusKind::Rescheduled,
                        Op::Edit(_) => before.status.kind(),
                    };
                    prop_assert_eq!(plan.status.kind(), expected_status);
                    if !expected_status.is_pending() {
                        closed = Some(expected_status);
                    }
                    let new_reminder = reminder_for(&plan, &ReminderConfig::default(), &zone).map(|r| r.id);
                    prop_assert_ne!(new_reminder, reminder, "every change replaces the reminder");
                    match change.entry {
                        TimelineEntry::PlanRescheduled { from, to, .. } => {
                            prop_assert_eq!(from, before.time);
                            prop_assert_eq!(to, plan.time);
                        }
                        TimelineEntry::PlanDone { .. } | TimelineEntry::PlanCancelled { .. } | TimelineEntry::PlanEdited { .. } => {
                            prop_assert_eq!(plan.time, before.time);
                        }
                        other => prop_assert!(false, "unexpected entry {:?}", other),
                    }
                }
                (None, Ok(None)) => prop_assert_eq!(&plan, &before, "an empty edit changes nothing"),
                (None, Err(PlanError::Invalid(e))) => {
                    // Only a past reschedule or a blank cancel reason can be refused.
                    let past = matches!(op, Op::Reschedule { days, .. } if days < 0);
                    let blank = matches!(&op, Op::Cancel(r) if r.is_empty());
                    prop_assert!(past || blank, "{:?} refused: {}", op, e);
                    prop_assert_eq!(&plan, &before);
                }
                (None, Err(e)) => prop_assert!(false, "{}", e),
            }
            prop_assert_eq!(plan.version, version);
            prop_assert_eq!(plan.is_pending(), closed.is_none());
        }
    }
}

#[test]
fn a_plan_for_tomorrow_in_sydney_is_due_tomorrow_there() {
    let zone = crm_core::DealershipZone::new("Australia/Sydney").unwrap();
    let now = "2026-04-04T12:00:00Z".parse().unwrap(); // 23:00 on the 4th, DST ends that night
    let tomorrow = NaiveDate::from_ymd_opt(2026, 4, 5).unwrap();
    assert_eq!(
        zone.local_date(now),
        NaiveDate::from_ymd_opt(2026, 4, 4).unwrap()
    );
    let day = zone.day(tomorrow);
    assert_eq!(day.length(), Duration::hours(25));
    let plan = PlanTime::OnDate(tomorrow);
    assert!(!plan.is_overdue(day.end - Duration::milliseconds(1), &zone));
    assert!(plan.is_overdue(day.end, &zone));
}
