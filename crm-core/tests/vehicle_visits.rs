//! Property tests of store visits and test drives.
#![cfg(feature = "proptest")]

use chrono::Duration;
use crm_core::strategies::{time::*, vehicle::*};
use crm_core::{NewVisit, Visit, VisitError, VisitRecord, VisitStatus, VisitStatusKind};
use proptest::prelude::*;

/// One move on a visit, `minutes` after the visit's scheduled time (negative: before).
#[derive(Debug, Clone)]
enum Move {
    Complete {
        minutes: i64,
        feedback: Option<String>,
    },
    NoShow {
        minutes: i64,
    },
    Reschedule {
        days: i64,
    },
}

fn visit_move() -> impl Strategy<Value = Move> {
    prop_oneof![
        (-120i64..600, prop::option::of("[a-z ]{0,30}"))
            .prop_map(|(minutes, feedback)| Move::Complete { minutes, feedback }),
        (-600i64..600).prop_map(|minutes| Move::NoShow { minutes }),
        (0i64..30).prop_map(|days| Move::Reschedule { days }),
    ]
}

proptest! {
    #[test]
    fn a_valid_visit_is_scheduled_and_round_trips(v in new_visit("c001".into(), reference_now())) {
        let visit = v.validate(reference_now()).unwrap();
        prop_assert_eq!(visit.status.kind(), VisitStatusKind::Scheduled);
        let record = VisitRecord {
            id: "0190c3a4-0000-7000-8000-000000000003".into(),
            visit,
            created_at: reference_now(),
            updated_at: reference_now(),
            version: 1,
        };
        let json = serde_json::to_string(&record).unwrap();
        prop_assert_eq!(serde_json::from_str::<VisitRecord>(&json).unwrap(), record);
        let input = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(serde_json::from_str::<NewVisit>(&input).unwrap(), v);
    }

    #[test]
    fn a_near_valid_visit_is_rejected_naming_its_field((v, field) in near_valid_visit("c001".into(), reference_now())) {
        prop_assert_eq!(v.validate(reference_now()).unwrap_err().field, field);
    }

    #[test]
    fn a_visit_closes_once_and_never_moves_again(v in new_visit("c001".into(), reference_now()), moves in prop::collection::vec(visit_move(), 0..6)) {
        let mut visit: Visit = v.validate(reference_now()).unwrap();
        for m in moves {
            let open = visit.status.kind() == VisitStatusKind::Scheduled;
            let at = |minutes: i64| visit.scheduled_at + Duration::minutes(minutes);
            let result = match &m {
                // "now" is the moment of the move: for completion, an hour after it happened.
                Move::Complete { minutes, feedback } => {
                    visit.complete(at(*minutes), feedback.as_deref(), at(*minutes + 60))
                }
                Move::NoShow { minutes } => visit.no_show(at(*minutes)),
                Move::Reschedule { days } => visit.reschedule(at(days * 24 * 60), visit.scheduled_at),
            };
            match result {
                Ok(next) => {
                    prop_assert!(open, "a closed visit moved: {:?}", m);
                    prop_assert_eq!(next.customer_id.clone(), visit.customer_id.clone());
                    prop_assert_eq!(next.kind, visit.kind);
                    match (&m, &next.status) {
                        (Move::Complete { minutes, .. }, VisitStatus::Done { at: done, .. }) => {
                            prop_assert_eq!(*done, at(*minutes));
                        }
                        (Move::NoShow { .. }, VisitStatus::NoShow { at: marked }) => {
                            prop_assert!(*marked >= visit.scheduled_at);
                        }
                        (Move::Reschedule { .. }, VisitStatus::Scheduled) => {}
                        (m, s) => prop_assert!(false, "{:?} gave {:?}", m, s),
                    }
                    visit = next;
                }
                Err(VisitError::Closed { status }) => {
                    prop_assert!(!open);
                    prop_assert_eq!(status, visit.status.kind());
                }
                Err(VisitError::NotDue) => {
                    prop_assert!(open);
                    let early = matches!(m, Move::NoShow { minutes } if minutes < 0);
                    prop_assert!(early);
                }
                Err(VisitError::Invalid(e)) => {
                    prop_assert!(false, "unexpected error {:?} for {:?}", e, m);
                }
            }
        }
    }
}
