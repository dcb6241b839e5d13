//! A care task's life: open → done / skipped / snoozed → open again.

use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{
    CareAssignee, CareDetail, CareTask, CareTaskError, CareTaskKind, CareTaskRecord,
    CareTaskStatus, CareTaskStatusKind, ConsentChannel, Rule, TimelineEntry,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at() -> DateTime<Utc> {
    "2026-07-08T03:00:00Z".parse().unwrap()
}

fn task() -> CareTask {
    CareTask {
        key: "holiday:mid_autumn:2026:c1".into(),
        customer_id: "c1".into(),
        car_id: None,
        due_on: date(2026, 9, 24),
        event_on: date(2026, 9, 25),
        channel: ConsentChannel::Wechat,
        assignee: CareAssignee::Consultant,
        template_key: "care.holiday".into(),
        needs_consent: true,
        detail: CareDetail::Holiday {
            holiday: "mid_autumn".into(),
            name: "中秋节".into(),
            year: 2026,
        },
    }
}

#[test]
fn done_and_skipped_are_final_and_logged() {
    let open = CareTaskRecord::open(task());
    let done = open
        .complete("  已发祝福，客户回复感谢\n下月保养  ", at())
        .unwrap();
    assert_eq!(
        done.record.status,
        CareTaskStatus::Done {
            at: at(),
            outcome: "已发祝福，客户回复感谢\n下月保养".into()
        }
    );
    assert_eq!(
        done.entry,
        Some(TimelineEntry::CareTaskDone {
            task_key: "holiday:mid_autumn:2026:c1".into(),
            kind: CareTaskKind::Holiday,
            outcome: "已发祝福，客户回复感谢\n下月保养".into(),
        })
    );
    let closed = Err(CareTaskError::Closed {
        status: CareTaskStatusKind::Done,
    });
    assert_eq!(done.record.skip("x", at()), closed);
    assert_eq!(done.record.complete("again", at()), closed);
    assert_eq!(
        done.record.snooze(date(2026, 10, 1), date(2026, 9, 24)),
        closed
    );
    assert_eq!(
        done.record.regenerated(task()),
        closed.clone().map(|c| c.record)
    );

    let skipped = open.skip("客户出国", at()).unwrap();
    assert!(matches!(
        skipped.entry,
        Some(TimelineEntry::CareTaskSkipped { ref reason, .. }) if reason == "客户出国"
    ));
    assert_eq!(
        skipped.record.wake(date(2027, 1, 1)),
        Err(CareTaskError::Closed {
            status: CareTaskStatusKind::Skipped
        })
    );
}

#[test]
fn notes_and_reasons_are_required_and_checked() {
    let open = CareTaskRecord::open(task());
    let field = |r: Result<_, CareTaskError>| match r {
        Err(CareTaskError::Invalid(e)) => (e.field, e.rule),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field(open.complete("  ", at())),
        ("outcome".into(), Rule::Required)
    );
    assert_eq!(
        field(open.skip("", at())),
        ("reason".into(), Rule::Required)
    );
    assert_eq!(
        field(open.skip(&"很".repeat(201), at())),
        ("reason".into(), Rule::TooLong { max: 200 })
    );
}

#[test]
fn a_snoozed_task_opens_again_on_its_date() {
    let today = date(2026, 9, 24);
    let open = CareTaskRecord::open(task());
    assert_eq!(open.kind_on(today), CareTaskStatusKind::Open);
    assert_eq!(open.wake(today), Err(CareTaskError::NotSnoozed));

    let snoozed = open.snooze(date(2026, 9, 27), today).unwrap();
    assert_eq!(snoozed.entry, None);
    let s = snoozed.record;
    assert_eq!(s.agenda_date(), date(2026, 9, 27));
    assert_eq!(s.kind_on(date(2026, 9, 26)), CareTaskStatusKind::Snoozed);
    assert_eq!(s.kind_on(date(2026, 9, 27)), CareTaskStatusKind::Open);
    assert_eq!(
        s.wake(date(2026, 9, 26)),
        Err(CareTaskError::StillSnoozed {
            until: date(2026, 9, 27)
        })
    );
    let woken = s.wake(date(2026, 9, 27)).unwrap().record;
    assert_eq!(woken.status, CareTaskStatus::Open);
    assert_eq!(woken.agenda_date(), date(2026, 9, 24));

    // Snoozed again, or completed straight from snoozed.
    assert!(s.snooze(date(2026, 10, 3), date(2026, 9, 25)).is_ok());
    assert!(s.complete("done", at()).is_ok());

    // Not today or before, not more than a year ahead.
    let bad = |until| match open.snooze(until, today) {
        Err(CareTaskError::Invalid(e)) => e.field,
        other => panic!("{other:?}"),
    };
    assert_eq!(bad(today), "until");
    assert_eq!(bad(date(2027, 9, 25)), "until");
    assert!(open.snooze(date(2027, 9, 24), today).is_ok());
}

#[test]
fn regenerating_updates_an_open_task_and_keeps_its_status() {
    let today = date(2026, 9, 1);
    let s = CareTaskRecord::open(task())
        .snooze(date(2026, 9, 5), today)
        .unwrap()
        .record;
    let mut moved = task();
    moved.due_on = date(2026, 9, 20);
    let r = s.regenerated(moved.clone()).unwrap();
    assert_eq!(r.task, moved);
    assert_eq!(r.status, s.status);
    let mut other = task();
    other.key = "holiday:mid_autumn:2027:c1".into();
    assert_eq!(s.regenerated(other), Err(CareTaskError::KeyMismatch));
}
