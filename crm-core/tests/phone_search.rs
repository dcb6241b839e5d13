//! Phone search finds what people type: every spelling that normalises to a stored key
//! finds that customer at the exact tier, and runs of digits inside a number keep working.
//! The oracle is `normalize_phone`, the function that made the stored key.

use crm_core::search::{match_tier, MatchTier, SearchQuery};
use crm_core::strategies::{
    customer::landline_number, customer::landline_spelling, customer::mobile_number,
    customer::mobile_spelling, reference_now,
};
use crm_core::{
    normalize_phone, ContactInput, ContactKind, CustomerProfile, NewCustomer, PhoneKind,
    SourceChannel,
};
use proptest::prelude::*;

fn profile(mobile: &str, landline: &str) -> CustomerProfile {
    let mut c = NewCustomer::new(
        "王五",
        ContactInput::new(ContactKind::Mobile, mobile).primary(),
        SourceChannel::PhoneHotline,
    );
    c.contacts
        .push(ContactInput::new(ContactKind::Landline, landline));
    c.validate(reference_now()).unwrap()
}

fn tier(p: &CustomerProfile, typed: &str) -> Option<MatchTier> {
    match_tier(p, &SearchQuery::parse(typed).unwrap())
}

#[test]
fn the_spellings_people_type_find_the_stored_numbers() {
    let p = profile("138 0013 8000", "010-6552 9988");
    for typed in ["010-6552 9988", "01065529988", "8613800138000"] {
        assert_eq!(tier(&p, typed), Some(MatchTier::Exact), "{typed}");
    }
}

proptest! {
    /// The stored spelling and the searched one are independent draws of the same number.
    #[test]
    fn every_spelling_that_normalises_to_a_key_finds_it_exactly(
        mobile in mobile_number().prop_flat_map(|d| (mobile_spelling(d.clone()), mobile_spelling(d))),
        landline in landline_number().prop_flat_map(|l| (landline_spelling(l.clone()), landline_spelling(l))),
    ) {
        let ((mobile_stored, mobile_typed), (landline_stored, landline_typed)) = (mobile, landline);
        let p = profile(&mobile_stored, &landline_stored);
        for (typed, kind) in [(&mobile_typed, PhoneKind::Mobile), (&landline_typed, PhoneKind::Landline)] {
            let key = normalize_phone(typed, kind).unwrap();
            prop_assert!(p.contacts.iter().any(|c| c.key == key), "{:?}", typed);
            prop_assert_eq!(tier(&p, typed), Some(MatchTier::Exact), "{:?}", typed);
        }
    }

    #[test]
    fn runs_of_four_digits_inside_a_number_still_match(
        (area, local) in landline_number(),
        start in 0usize..8,
        len in 4usize..12,
    ) {
        let national = format!("{area}{local}");
        let p = profile("13800138000", &format!("0{area} {local}"));
        let start = start.min(national.len() - 4);
        let end = (start + len).min(national.len());
        let run = &national[start..end];
        prop_assert!(tier(&p, run).is_some(), "{}", run);
        // With the trunk 0, the start of the number is a prefix (or the whole key).
        let typed = format!("0{}", &national[..end]);
        let found = tier(&p, &typed);
        prop_assert!(matches!(found, Some(t) if t <= MatchTier::Prefix), "{} {:?}", typed, found);
    }
}
