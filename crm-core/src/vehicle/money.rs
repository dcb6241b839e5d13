//! Money (金额): an integer number of fen (分), the smallest unit of the Chinese yuan
//! (CNY). Never a float: ¥185,800.00 is `Fen(18_580_000)`.
//!
//! The whole dealership works in one currency, so no currency code travels with each amount;
//! a store that ever needs another currency adds the code beside the amount.

use crate::validation::{Limits, Rule, ValidationError};
use std::fmt;

const EXPECTED_AMOUNT: &str = "an amount of zero or more fen, at most 100,000,000,000";
const EXPECTED_ORDERED: &str = "a range whose minimum is not above its maximum";

/// An amount of money in fen (1 yuan = 100 fen). Serialised as the bare integer.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    /// Nothing.
    pub const ZERO: Fen = Fen(0);

    /// `yuan` whole yuan, or `None` when that overflows.
    pub fn from_yuan(yuan: i64) -> Option<Fen> {
        yuan.checked_mul(100).map(Fen)
    }

    /// The amount in fen.
    pub fn fen(self) -> i64 {
        self.0
    }

    /// `self - other`, or `None` on overflow.
    pub fn checked_sub(self, other: Fen) -> Option<Fen> {
        self.0.checked_sub(other.0).map(Fen)
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }
}

impl fmt::Display for Fen {
    /// Yuan with two decimals and no grouping: `185800.00`, `-0.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// Checks that `value` lies between zero and [`Limits::MAX_AMOUNT_FEN`].
pub(crate) fn amount(field: &str, value: Fen) -> Result<Fen, ValidationError> {
    if (0..=Limits::MAX_AMOUNT_FEN).contains(&value.0) {
        Ok(value)
    } else {
        Err(ValidationError::new(
            field,
            Rule::Malformed {
                expected: EXPECTED_AMOUNT,
            },
        ))
    }
}

/// A range of amounts, both ends included; a missing end is open ("up to ¥200,000",
/// "from ¥150,000"). A customer's budget (预算) and a catalogue model's price range.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(default)]
pub struct AmountRange {
    /// The lower end, when there is one.
    pub min: Option<Fen>,
    /// The upper end, when there is one.
    pub max: Option<Fen>,
}

impl AmountRange {
    /// The range from `min` to `max`, both given.
    pub fn between(min: Fen, max: Fen) -> Self {
        AmountRange {
            min: Some(min),
            max: Some(max),
        }
    }

    /// `true` when neither end is given (any amount).
    pub fn is_open(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }

    /// `true` when `amount` lies within the range.
    pub fn contains(&self, amount: Fen) -> bool {
        self.min.is_none_or(|min| min <= amount) && self.max.is_none_or(|max| amount <= max)
    }

    /// `true` when some amount lies in both ranges: what a "budget overlaps ¥150,000 to
    /// ¥200,000" filter asks. An open end overlaps everything on its side; a range whose
    /// minimum lies above its maximum (validation refuses one) holds nothing and overlaps
    /// nothing.
    pub fn overlaps(&self, other: &AmountRange) -> bool {
        let above =
            |lo: Option<Fen>, hi: Option<Fen>| matches!((lo, hi), (Some(lo), Some(hi)) if lo > hi);
        !above(self.min, self.max)
            && !above(other.min, other.max)
            && !above(self.min, other.max)
            && !above(other.min, self.max)
    }

    /// Checks both ends (zero or more, at most [`Limits::MAX_AMOUNT_FEN`]; errors name
    /// `{field}.min` / `{field}.max`) and that `min ≤ max` when both are given (error on
    /// `field`).
    pub(crate) fn validate(&self, field: &str) -> Result<AmountRange, ValidationError> {
        let min = self
            .min
            .map(|v| amount(&format!("{field}.min"), v))
            .transpose()?;
        let max = self
            .max
            .map(|v| amount(&format!("{field}.max"), v))
            .transpose()?;
        if let (Some(lo), Some(hi)) = (min, max) {
            if lo > hi {
                return Err(ValidationError::new(
                    field,
                    Rule::Malformed {
                        expected: EXPECTED_ORDERED,
                    },
                ));
            }
        }
        Ok(AmountRange { min, max })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fen_displays_as_yuan_with_two_decimals() {
        assert_eq!(Fen(18_580_000).to_string(), "185800.00");
        assert_eq!(Fen(-5).to_string(), "-0.05");
        assert_eq!(Fen::from_yuan(3), Some(Fen(300)));
        assert_eq!(Fen::from_yuan(i64::MAX), None);
        assert_eq!(serde_json::to_value(Fen(42)).unwrap(), 42);
    }

    #[test]
    fn amounts_must_be_non_negative_and_capped() {
        assert_eq!(amount("price", Fen(0)), Ok(Fen(0)));
        assert_eq!(amount("price", Fen(-1)).unwrap_err().field, "price");
        assert!(amount("price", Fen(Limits::MAX_AMOUNT_FEN + 1)).is_err());
    }

    #[test]
    fn ranges_check_their_order_and_name_the_end() {
        let r = AmountRange::between(Fen(200), Fen(100));
        assert_eq!(r.validate("budget").unwrap_err().field, "budget");
        let r = AmountRange {
            min: Some(Fen(-1)),
            max: None,
        };
        assert_eq!(r.validate("budget").unwrap_err().field, "budget.min");
        assert!(AmountRange::default().validate("budget").is_ok());
    }

    #[test]
    fn overlap_treats_open_ends_as_unbounded() {
        let budget = AmountRange::between(Fen(150), Fen(200));
        assert!(budget.overlaps(&AmountRange::between(Fen(200), Fen(300))));
        assert!(!budget.overlaps(&AmountRange::between(Fen(201), Fen(300))));
        assert!(budget.overlaps(&AmountRange {
            min: None,
            max: Some(Fen(150))
        }));
        assert!(!budget.overlaps(&AmountRange {
            min: None,
            max: Some(Fen(149))
        }));
        assert!(AmountRange::default().overlaps(&budget));
        assert!(budget.contains(Fen(150)) && !budget.contains(Fen(201)));
    }
}
