//! Money: amounts cross the FFI as whole fen (分, the smallest currency unit) in an `i64`;
//! [`AmountRange`] is a budget or a price range.

use crm_core::Fen;

/// An amount range in fen, either end open (`null`): a budget, a price range. The
/// minimum may not lie above the maximum; amounts are zero or more.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, uniffi::Record)]
pub struct AmountRange {
    /// The lower end in fen, if any.
    #[uniffi(default = None)]
    pub min: Option<i64>,
    /// The upper end in fen, if any.
    #[uniffi(default = None)]
    pub max: Option<i64>,
}

impl From<AmountRange> for crm_core::AmountRange {
    fn from(r: AmountRange) -> Self {
        crm_core::AmountRange {
            min: r.min.map(Fen),
            max: r.max.map(Fen),
        }
    }
}

impl From<crm_core::AmountRange> for AmountRange {
    fn from(r: crm_core::AmountRange) -> Self {
        AmountRange {
            min: r.min.map(Fen::fen),
            max: r.max.map(Fen::fen),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_keeps_its_fen() {
        let r = AmountRange {
            min: Some(15_000_000),
            max: None,
        };
        assert_eq!(AmountRange::from(crm_core::AmountRange::from(r)), r);
    }
}
