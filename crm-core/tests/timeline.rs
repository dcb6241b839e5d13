//! Property tests of the field-by-field diff the timeline records, and of timeline serde.
#![cfg(feature = "proptest")]

use crm_core::strategies::{customer::*, time::*};
use crm_core::{diff, FieldChange, NewCustomer, TimelineEntry, TimelineRecord};
use proptest::prelude::*;
use std::collections::HashSet;

/// The patch field a diff path belongs to.
fn patch_field(path: &str) -> &str {
    path.split('.').next().unwrap_or(path)
}

proptest! {
    #[test]
    fn a_diff_is_empty_exactly_when_the_profiles_are_equal(a in new_customer(), b in new_customer()) {
        let (a, b) = (a.validate(reference_now()).unwrap(), b.validate(reference_now()).unwrap());
        let changes = diff(&a, &b);
        prop_assert_eq!(changes.is_empty(), a == b);
        prop_assert!(diff(&a, &a).is_empty());
        let fields: HashSet<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        prop_assert_eq!(fields.len(), changes.len(), "each field once");
        for c in &changes {
            prop_assert_ne!(&c.old, &c.new);
        }
        // Reversed, the same fields swap old and new.
        let back: Vec<FieldChange> = diff(&b, &a);
        prop_assert_eq!(back.len(), changes.len());
        for (x, y) in changes.iter().zip(&back) {
            prop_assert_eq!((&x.field, &x.old, &x.new), (&y.field, &y.new, &y.old));
        }
    }

    #[test]
    fn a_diff_sees_a_change_to_any_single_field(a in new_customer(), other in new_customer(), field in 0usize..12) {
        let before = a.validate(reference_now()).unwrap();
        let mut next = NewCustomer::from(&before);
        match field {
            0 => next.name = other.name,
            1 => next.gender = other.gender,
            2 => (next.birthday, next.age_band) = (other.birthday, other.age_band),
            3 => next.occupation = other.occupation,
            4 => next.region = other.region,
            5 => next.notes = other.notes,
            6 => next.contacts = other.contacts,
            7 => next.source = other.source,
            8 => next.first_contact = other.first_contact,
            9 => next.tags = other.tags,
            10 => next.importance = other.importance,
            _ => next.owner = other.owner,
        }
        let after = next.validate(reference_now()).unwrap();
        prop_assert_eq!(diff(&before, &after).is_empty(), before == after);
    }

    #[test]
    fn a_patch_changes_only_the_fields_it_names(c in new_customer(), patch in customer_patch()) {
        let before = c.validate(reference_now()).unwrap();
        let after = patch.apply(&before, reference_now()).unwrap();
        let named: Vec<&str> = [
            ("name", patch.name.is_some()),
            ("gender", patch.gender.is_some()),
            ("birthday", patch.birthday.is_some()),
            ("age_band", patch.age_band.is_some()),
            ("occupation", patch.occupation.is_some()),
            ("region", patch.region.is_some()),
            ("notes", patch.notes.is_some()),
            ("contacts", patch.contacts.is_some()),
            ("source", patch.source.is_some()),
            ("first_contact", patch.first_contact.is_some()),
            ("tags", patch.tags.is_some()),
            ("importance", patch.importance.is_some()),
            ("owner", patch.owner.is_some()),
        ]
        .into_iter()
        .filter_map(|(f, set)| set.then_some(f))
        .collect();
        for change in diff(&before, &after) {
            let field = patch_field(&change.field);
            prop_assert!(named.contains(&field), "{} changed but the patch did not name it", change.field);
        }
    }

    #[test]
    fn customer_changes_round_trip_in_the_timeline(a in new_customer(), b in new_customer()) {
        let (a, b) = (a.validate(reference_now()).unwrap(), b.validate(reference_now()).unwrap());
        let record = TimelineRecord {
            customer_id: "c1".into(),
            at: reference_now(),
            actor: None,
            author: Some("u1".into()),
            device: Some("d1".into()),
            entry: TimelineEntry::CustomerChanged { changes: diff(&a, &b) },
        };
        let json = serde_json::to_string(&record).unwrap();
        prop_assert_eq!(serde_json::from_str::<TimelineRecord>(&json).unwrap(), record);
    }
}
