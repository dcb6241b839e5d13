//! Property tests of VIN parsing and its check digit.
#![cfg(feature = "proptest")]

use crm_core::strategies::vehicle::*;
use crm_core::{vin_check_digit, Vin};
use proptest::prelude::*;
use proptest::sample::select;

/// The check-digit value of a VIN character, from the standard's table written out as
/// rows (independent of the library's `match`).
fn value(c: char) -> u32 {
    const ROWS: [&str; 3] = ["ABCDEFGH", "JKLMN P R", "STUVWXYZ"];
    const STARTS: [u32; 3] = [1, 1, 2];
    if let Some(d) = c.to_digit(10) {
        return d;
    }
    for (row, start) in ROWS.iter().zip(STARTS) {
        if let Some(i) = row.find(c) {
            return start + i as u32;
        }
    }
    panic!("{c} is not a VIN character")
}

fn expected_check(vin: &str) -> char {
    const W: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let sum: u32 = vin.chars().zip(W).map(|(c, w)| value(c) * w).sum();
    match sum % 11 {
        10 => 'X',
        d => char::from_digit(d, 10).unwrap(),
    }
}

fn replace(vin: &str, pos: usize, c: char) -> String {
    vin.chars()
        .enumerate()
        .map(|(i, x)| if i == pos { c } else { x })
        .collect()
}

proptest! {
    #[test]
    fn valid_vins_parse_to_themselves_and_round_trip(v in vin()) {
        let parsed = Vin::parse(&v).unwrap();
        prop_assert_eq!(parsed.as_str(), v.as_str());
        let json = serde_json::to_string(&parsed).unwrap();
        prop_assert_eq!(serde_json::from_str::<Vin>(&json).unwrap(), parsed);
    }

    #[test]
    fn the_check_digit_matches_an_independent_computation(chars in prop::collection::vec(select(vin_chars()), 17)) {
        let text: String = chars.into_iter().collect();
        prop_assert_eq!(vin_check_digit(&text), Some(expected_check(&text)));
    }

    #[test]
    fn case_and_spaces_do_not_matter(v in vin(), lower in prop::collection::vec(any::<bool>(), 17), gap in 0usize..=17) {
        let typed: String = v
            .chars()
            .zip(&lower)
            .map(|(c, l)| if *l { c.to_ascii_lowercase() } else { c })
            .collect();
        let spaced = format!(" {} {} ", &typed[..gap], &typed[gap..]);
        let parsed = Vin::parse(&spaced).unwrap();
        prop_assert_eq!(parsed.as_str(), v.as_str());
    }

    #[test]
    fn a_changed_character_fails_exactly_when_its_value_changes(
        v in checked_vin(),
        pos in (0usize..17).prop_filter("not the check digit", |p| *p != 8),
        c in select(vin_chars()),
    ) {
        // A new first character may make the VIN foreign, where no check digit is required.
        prop_assume!(pos != 0 || crm_core::vin_check_digit_applies(c));
        let original = v.chars().nth(pos).unwrap();
        let changed = replace(&v, pos, c);
        // Weights are non-zero modulo 11 away from position 9, so a different value always
        // changes the sum; characters of equal value (A, J, 1) cannot be told apart.
        let err = Vin::parse(&changed).err().map(|e| e.field);
        prop_assert_eq!(err.is_some(), value(c) != value(original));
        if let Some(field) = err {
            prop_assert_eq!(field, "vin");
        }
    }

    #[test]
    fn a_wrong_check_digit_fails_where_it_applies(v in checked_vin(), c in select(vin_chars())) {
        let changed = replace(&v, 8, c);
        prop_assert_eq!(Vin::parse(&changed).is_ok(), c == v.chars().nth(8).unwrap());
    }

    #[test]
    fn any_ninth_character_passes_where_it_does_not_apply(v in unchecked_vin(), c in select(vin_chars())) {
        prop_assert!(Vin::parse(&replace(&v, 8, c)).is_ok());
    }

    #[test]
    fn swapping_neighbours_of_different_value_fails(v in checked_vin(), i in (0usize..16).prop_filter("clear of the check digit", |i| *i != 7 && *i != 8)) {
        let chars: Vec<char> = v.chars().collect();
        prop_assume!(value(chars[i]) != value(chars[i + 1]));
        let mut swapped = chars.clone();
        swapped.swap(i, i + 1);
        let swapped: String = swapped.into_iter().collect();
        // A Chinese VIN may turn into a foreign one when the first character moves.
        prop_assume!(matches!(swapped.chars().next(), Some('L' | '1'..='5')));
        prop_assert!(Vin::parse(&swapped).is_err());
    }

    #[test]
    fn any_text_parses_or_fails_without_panicking(s in "\\PC{0,24}") {
        if let Ok(v) = Vin::parse(&s) {
            prop_assert_eq!(v.as_str().len(), 17);
            prop_assert!(v.as_str().chars().all(crm_core::is_vin_char));
        }
    }

    #[test]
    fn forbidden_letters_are_refused(v in unchecked_vin(), pos in 0usize..17, c in select(vec!['I', 'O', 'Q'])) {
        prop_assert_eq!(Vin::parse(&replace(&v, pos, c)).unwrap_err().field, "vin");
    }
}
