//! The vehicle identification number (车架号 / VIN): 17 characters that name one car.
//!
//! **Check digit: where it is required.** ISO 3779 defines the VIN's layout but leaves the
//! check digit optional. It is mandatory in North America (49 CFR 565: the 9th character
//! is computed from the other sixteen) and in China (GB 16735: the 9th character is the same
//! check digit). Elsewhere (Europe, Japan, Korea's home market …) manufacturers may put
//! anything there, and many do (`WVWZZZ…` VINs of German Volkswagens carry a `Z`).
//! So [`Vin::parse`] verifies the check digit exactly for VINs whose world manufacturer
//! identifier (WMI, the first three characters) starts with `1`–`5` (United States, Canada,
//! Mexico) or `L` (mainland China, the cars a Chinese dealership sells and takes in trade),
//! and accepts any allowed character at position 9 for the others. Rejecting a real European
//! VIN would stop a delivery; accepting a mistyped one there costs only what a paper form
//! costs today.
//!
//! We compute the check digit by hand instead of adding a crate: it is sixteen table
//! look-ups, and the policy of where it applies is ours.

use crate::validation::{fold_full_width, Rule, ValidationError};
use std::fmt;

const EXPECTED_VIN: &str = "a VIN: 17 letters and digits without I, O or Q";
const EXPECTED_CHECK: &str = "a VIN whose 9th character is its check digit";

/// The weight of each position in the check-digit sum (position 9 is the check digit).
const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// A valid VIN: 17 characters, upper case, digits and letters except I, O and Q, with a
/// matching check digit where the standard requires one (see the module docs).
/// Serialised as its text; deserialising checks it again.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Vin(String);

impl Vin {
    /// A VIN has this many characters.
    pub const LEN: usize = 17;

    /// Parses a VIN as typed: surrounding and inner spaces dropped, full-width characters
    /// folded, letters upper-cased. Errors name the field `vin`: required, malformed
    /// (length, characters) or a wrong check digit.
    pub fn parse(input: &str) -> Result<Vin, ValidationError> {
        let vin: String = fold_full_width(input)
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if vin.is_empty() {
            return Err(ValidationError::new("vin", Rule::Required));
        }
        if vin.chars().count() != Self::LEN || !vin.chars().all(is_vin_char) {
            return Err(malformed(EXPECTED_VIN));
        }
        if check_digit_required(&vin) && vin_check_digit(&vin) != vin.chars().nth(8) {
            return Err(malformed(EXPECTED_CHECK));
        }
        Ok(Vin(vin))
    }

    /// The VIN's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The world manufacturer identifier: the first three characters (`LSV` SAIC
    /// Volkswagen, `LRW` Tesla Shanghai, `WVW` Volkswagen Wolfsburg).
    pub fn wmi(&self) -> &str {
        self.0.get(..3).unwrap_or_default()
    }

    /// `true` when the check digit was verified: VINs from North America and China.
    pub fn check_digit_required(&self) -> bool {
        check_digit_required(&self.0)
    }
}

impl fmt::Display for Vin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Vin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Vin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Vin::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// `true` for the characters a VIN may hold: digits and upper-case letters but I, O, Q.
pub fn is_vin_char(c: char) -> bool {
    c.is_ascii_digit() || (c.is_ascii_uppercase() && !matches!(c, 'I' | 'O' | 'Q'))
}

/// `true` when a VIN starting with `first` must carry a valid check digit: `1`–`5` (North
/// America) and `L` (China).
pub fn vin_check_digit_applies(first: char) -> bool {
    matches!(first, '1'..='5' | 'L')
}

fn check_digit_required(vin: &str) -> bool {
    vin.chars().next().is_some_and(vin_check_digit_applies)
}

/// The check digit (`0`–`9` or `X`) that position 9 of `vin` should hold, computed from the
/// other sixteen characters; `None` unless `vin` is 17 allowed characters (upper case).
/// Position 9 weighs nothing in the sum, so whatever allowed character stands there does not
/// change the result.
pub fn vin_check_digit(vin: &str) -> Option<char> {
    let mut sum = 0;
    let mut count = 0;
    for (c, weight) in vin.chars().zip(WEIGHTS) {
        sum += transliterate(c)? * weight;
        count += 1;
    }
    if count != Vin::LEN || vin.chars().count() != Vin::LEN {
        return None;
    }
    match sum % 11 {
        10 => Some('X'),
        d => char::from_digit(d, 10),
    }
}

/// The value of a VIN character in the check-digit sum (ISO 3779 / 49 CFR 565.15):
/// digits are themselves; A–H are 1–8, J–N are 1–5, P is 7, R is 9, S–Z are 2–9.
fn transliterate(c: char) -> Option<u32> {
    Some(match c {
        '0'..='9' => c.to_digit(10)?,
        'A' | 'J' => 1,
        'B' | 'K' | 'S' => 2,
        'C' | 'L' | 'T' => 3,
        'D' | 'M' | 'U' => 4,
        'E' | 'N' | 'V' => 5,
        'F' | 'W' => 6,
        'G' | 'P' | 'X' => 7,
        'H' | 'Y' => 8,
        'R' | 'Z' => 9,
        _ => return None,
    })
}

fn malformed(expected: &'static str) -> ValidationError {
    ValidationError::new("vin", Rule::Malformed { expected })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An independent computation: letter values by their place in the alphabet rows of
    /// the standard's table, weights written out.
    fn expected_check(vin: &str) -> char {
        const LETTERS: &str = "ABCDEFGHJKLMNPRSTUVWXYZ";
        const VALUES: &str = "12345678123457923456789";
        const W: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        let value = |c: char| match c.to_digit(10) {
            Some(d) => d,
            None => {
                let i = LETTERS.find(c).unwrap();
                VALUES[i..=i].parse().unwrap()
            }
        };
        let sum: u32 = vin.chars().zip(W).map(|(c, w)| value(c) * w).sum();
        if sum % 11 == 10 {
            'X'
        } else {
            char::from_digit(sum % 11, 10).unwrap()
        }
    }

    /// `vin` with its 9th character replaced by the correct check digit.
    fn with_check(vin: &str) -> String {
        let c = expected_check(vin);
        format!("{}{c}{}", &vin[..8], &vin[9..])
    }

    #[test]
    fn the_textbook_vin_is_valid() {
        let vin = Vin::parse("1M8GDM9AXKP042788").unwrap();
        assert_eq!(vin.wmi(), "1M8");
        assert!(vin.check_digit_required());
        assert_eq!(vin_check_digit("1M8GDM9AXKP042788"), Some('X'));
        assert_eq!(expected_check("1M8GDM9AXKP042788"), 'X');
        assert!(Vin::parse("11111111111111111").is_ok());
    }

    #[test]
    fn chinese_and_american_vins_need_their_check_digit() {
        // SAIC Volkswagen, Tesla Shanghai, FAW-Volkswagen, Dongfeng Nissan, Tesla Fremont.
        for stem in [
            "LSVAU2180N2183294",
            "LRW3E7FA0MC000001",
            "LFV2A21K0E3000001",
            "LGBH52E0XKY000001",
            "5YJ3E1EA7KF000001",
        ] {
            let good = with_check(stem);
            assert_eq!(vin_check_digit(&good), Some(expected_check(&good)));
            assert_eq!(Vin::parse(&good).unwrap().as_str(), good);
            let wrong = if good.as_bytes()[8] == b'1' { '2' } else { '1' };
            let bad = format!("{}{wrong}{}", &good[..8], &good[9..]);
            let err = Vin::parse(&bad).unwrap_err();
            assert_eq!(err.field, "vin");
            assert_eq!(
                err.rule,
                Rule::Malformed {
                    expected: EXPECTED_CHECK
                }
            );
        }
    }

    #[test]
    fn european_and_japanese_vins_need_no_check_digit() {
        // A Wolfsburg Golf with `Z` in position 9, and a Toyota from Japan.
        let golf = Vin::parse("WVWZZZ1JZ3W386752").unwrap();
        assert!(!golf.check_digit_required());
        assert!(Vin::parse("JTDKB20U093000001").is_ok());
    }

    #[test]
    fn typing_is_normalised_and_bad_characters_rejected() {
        assert_eq!(
            Vin::parse(" 1m8gdm9a xkp042788 ").unwrap().as_str(),
            "1M8GDM9AXKP042788"
        );
        assert_eq!(
            Vin::parse("１M8GDM9AXKP042788").unwrap().as_str(),
            "1M8GDM9AXKP042788"
        );
        for bad in [
            "1M8GDM9AXKP04278",
            "1M8GDM9AXKP0427888",
            "1M8GDM9AXKPO42788",
            "WVWZZZ1JZ3W38675Q",
            "WVWZZZ1JZ3W38675-",
        ] {
            assert_eq!(
                Vin::parse(bad).unwrap_err().rule,
                Rule::Malformed {
                    expected: EXPECTED_VIN
                },
                "{bad}"
            );
        }
        assert_eq!(Vin::parse("  ").unwrap_err().rule, Rule::Required);
    }

    #[test]
    fn vins_serialise_as_text_and_are_checked_when_read() {
        let vin = Vin::parse("1M8GDM9AXKP042788").unwrap();
        let json = serde_json::to_value(&vin).unwrap();
        assert_eq!(json, "1M8GDM9AXKP042788");
        assert_eq!(serde_json::from_value::<Vin>(json).unwrap(), vin);
        assert!(serde_json::from_value::<Vin>("1M8GDM9A1KP042788".into()).is_err());
    }
}
