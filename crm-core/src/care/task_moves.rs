//! A care task's moves as devices exchange them: each status change (done, skipped,
//! snoozed) is an append-only record with a time and a uid unique across devices, and a
//! task's status is the one its moves settle on, the same on every device whatever order
//! they arrived in.
//!
//! **The rule**: the moves are replayed in (`at`, `uid`) order through the task's life,
//! as if one device had made them all: a move of a task already done or skipped is
//! ignored. So the first done or skipped move wins (a task done on two phones keeps the
//! earlier one's outcome; the later one's timeline entry stays, append-only), and a snooze
//! counts only while the task is still open.

use crate::care::status::{CareTaskRecord, CareTaskStatus};
use crate::care::task::CareTaskKey;
use chrono::{DateTime, Utc};

/// One status change of a care task, as synced.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct CareTaskMove {
    /// The task.
    pub task_key: CareTaskKey,
    /// The status it moved to.
    pub status: CareTaskStatus,
    /// When the move was made (the device's clock).
    pub at: DateTime<Utc>,
    /// The move's id, unique across devices: orders moves made at the same instant.
    pub uid: String,
}

/// The status `moves` (of one task, in any order) settle on, from `start` (the task's
/// status before any of them); see the module's rule.
pub fn settled_status(start: CareTaskStatus, moves: &[&CareTaskMove]) -> CareTaskStatus {
    let mut ordered: Vec<&CareTaskMove> = moves.to_vec();
    ordered.sort_by(|a, b| (a.at, &a.uid).cmp(&(b.at, &b.uid)));
    ordered.into_iter().fold(start, |status, m| {
        if status.is_closed() {
            status
        } else {
            m.status.clone()
        }
    })
}

/// Brings each of `tasks` that has moves among `moves` to the status they settle on
/// ([`settled_status`] from open); tasks without moves keep theirs. Returns whether any
/// status changed.
pub fn apply_moves(tasks: &mut [CareTaskRecord], moves: &[CareTaskMove]) -> bool {
    let mut changed = false;
    for record in tasks.iter_mut() {
        let mine: Vec<&CareTaskMove> = moves
            .iter()
            .filter(|m| m.task_key == record.task.key)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let status = settled_status(CareTaskStatus::Open, &mine);
        if status != record.status {
            record.status = status;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, minute, 0).unwrap()
    }

    fn done(minute: u32, uid: &str, outcome: &str) -> CareTaskMove {
        CareTaskMove {
            task_key: CareTaskKey("maint:car1:1".into()),
            status: CareTaskStatus::Done {
                at: at(minute),
                outcome: outcome.into(),
            },
            at: at(minute),
            uid: uid.into(),
        }
    }

    fn snoozed(minute: u32, uid: &str, day: u32) -> CareTaskMove {
        CareTaskMove {
            task_key: CareTaskKey("maint:car1:1".into()),
            status: CareTaskStatus::Snoozed {
                until: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            },
            at: at(minute),
            uid: uid.into(),
        }
    }

    #[test]
    fn the_first_done_wins_whatever_the_order_of_arrival() {
        let a = done(5, "b", "phone A: booked");
        let b = done(7, "a", "phone B: not reached");
        for moves in [vec![&a, &b], vec![&b, &a]] {
            assert_eq!(settled_status(CareTaskStatus::Open, &moves), a.status);
        }
    }

    #[test]
    fn the_uid_orders_moves_made_at_the_same_instant() {
        let a = done(5, "a", "one");
        let b = done(5, "b", "two");
        assert_eq!(settled_status(CareTaskStatus::Open, &[&b, &a]), a.status);
    }

    #[test]
    fn a_snooze_counts_while_open_and_not_after_closing() {
        let s1 = snoozed(1, "s1", 10);
        let s2 = snoozed(3, "s2", 12);
        let d = done(4, "d", "ok");
        let late = snoozed(9, "s3", 20);
        assert_eq!(settled_status(CareTaskStatus::Open, &[&s2, &s1]), s2.status);
        assert_eq!(
            settled_status(CareTaskStatus::Open, &[&late, &d, &s1]),
            d.status
        );
        assert_eq!(settled_status(d.status.clone(), &[&s1]), d.status);
    }

    #[test]
    fn apply_moves_touches_only_tasks_with_moves() {
        use crate::care::task::{CareDetail, CareTask};
        let task = |key: &str| CareTask {
            key: CareTaskKey(key.into()),
            customer_id: crate::CustomerId("c1".into()),
            car_id: None,
            due_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            event_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            channel: crate::ConsentChannel::Phone,
            assignee: crate::CareAssignee::Consultant,
            template_key: "referral".into(),
            needs_consent: false,
            detail: CareDetail::ReferralInvitation,
        };
        let mut tasks = vec![
            CareTaskRecord::open(task("maint:car1:1")),
            CareTaskRecord::open(task("maint:car1:2")),
        ];
        let d = done(4, "d", "ok");
        assert!(apply_moves(&mut tasks, std::slice::from_ref(&d)));
        assert_eq!(tasks[0].status, d.status);
        assert_eq!(tasks[1].status, CareTaskStatus::Open);
        assert!(!apply_moves(&mut tasks, &[d]));
    }
}
