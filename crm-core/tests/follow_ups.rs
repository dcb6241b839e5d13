//! Property tests of follow-up validation and editing.
#![cfg(feature = "proptest")]

use crm_core::strategies::{follow_up::*, time::*};
use crm_core::{diff_follow_ups, FollowUpPatch, FollowUpRecord, NewFollowUp};
use proptest::prelude::*;

proptest! {
    #[test]
    fn validating_a_valid_follow_up_twice_changes_nothing(f in new_follow_up("c001".into(), reference_now())) {
        let valid = f.validate(reference_now()).unwrap();
        prop_assert_eq!(NewFollowUp::from(&valid).validate(reference_now()).unwrap(), valid);
    }

    #[test]
    fn a_near_valid_follow_up_is_rejected_naming_its_field((f, field) in near_valid_follow_up("c001".into(), reference_now())) {
        prop_assert_eq!(f.validate(reference_now()).unwrap_err().field, field);
    }

    #[test]
    fn follow_ups_round_trip_through_serde(f in new_follow_up("c001".into(), reference_now()), version in 1u64..100) {
        let record = FollowUpRecord {
            id: "0190c3a4-0000-7000-8000-000000000001".into(),
            follow_up: f.validate(reference_now()).unwrap(),
            created_at: reference_now(),
            updated_at: reference_now(),
            version,
        };
        let json = serde_json::to_string(&record).unwrap();
        prop_assert_eq!(serde_json::from_str::<FollowUpRecord>(&json).unwrap(), record);
        let input = serde_json::to_string(&f).unwrap();
        prop_assert_eq!(serde_json::from_str::<NewFollowUp>(&input).unwrap(), f);
    }

    #[test]
    fn an_edit_changes_only_the_fields_it_names(a in new_follow_up("c001".into(), reference_now()), b in new_follow_up("c001".into(), reference_now()), mask in prop::collection::vec(any::<bool>(), 8)) {
        let (a, b) = (a.validate(reference_now()).unwrap(), b.validate(reference_now()).unwrap());
        let pick = |i: usize| mask[i];
        let patch = FollowUpPatch {
            method: pick(0).then_some(b.method),
            kind: pick(1).then_some(b.kind),
            at: pick(2).then_some(b.at),
            content: pick(3).then(|| b.content.clone()),
            feedback: pick(4).then(|| b.feedback.clone()),
            problems: pick(5).then(|| b.problems.clone()),
            questions: pick(6).then(|| b.questions.clone()),
            attachments: pick(7).then(|| b.attachments.clone()),
        };
        let next = patch.apply(&a, reference_now()).unwrap();
        let names = ["method", "kind", "at", "content", "feedback", "problems", "questions", "attachments"];
        let changes = diff_follow_ups(&a, &next);
        for c in &changes {
            let i = names.iter().position(|n| *n == c.field).unwrap();
            prop_assert!(mask[i], "{} changed but the patch did not name it", c.field);
        }
        prop_assert_eq!(changes.is_empty(), a == next);
    }
}
