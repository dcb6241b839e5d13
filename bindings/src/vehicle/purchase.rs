//! How a customer means to buy: when ([`PurchaseTimeframe`], 购车时间), how they pay
//! ([`PaymentMethod`], 付款方式) and the car they would trade in ([`TradeIn`], 置换).

use crate::convert::same_variants;
use crate::error::CrmError;
use crate::number::{Signed, Unsigned};
use crm_core::Fen;

/// When the customer means to buy (购车时间).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum PurchaseTimeframe {
    /// Within a week.
    WithinWeek,
    /// Within a month.
    WithinMonth,
    /// Within three months.
    Within3Months,
    /// Within six months.
    Within6Months,
    /// Later than six months.
    Later,
    /// Not said (the default).
    Undecided,
}

same_variants!(PurchaseTimeframe <=> crm_core::PurchaseTimeframe {
    WithinWeek, WithinMonth, Within3Months, Within6Months, Later, Undecided
});

/// How the customer means to pay (付款方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum PaymentMethod {
    /// In full (全款).
    Full,
    /// With a loan (贷款).
    Loan,
    /// Leasing (租赁).
    Lease,
}

same_variants!(PaymentMethod <=> crm_core::PaymentMethod { Full, Loan, Lease });

/// The car the customer would trade in (置换): brand required, the rest when known.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TradeIn {
    /// Brand (品牌).
    pub brand: String,
    /// Model (车型).
    #[uniffi(default = None)]
    pub model: Option<String>,
    /// Model year, not in the future.
    #[uniffi(default = None)]
    pub year: Option<i32>,
    /// Mileage in km.
    #[uniffi(default = None)]
    pub mileage_km: Option<i32>,
    /// The appraised value (评估价) in fen.
    #[uniffi(default = None)]
    pub appraised_value: Option<i64>,
}

impl TryFrom<TradeIn> for crm_core::TradeIn {
    type Error = CrmError;

    fn try_from(t: TradeIn) -> Result<Self, CrmError> {
        Ok(crm_core::TradeIn {
            brand: t.brand,
            model: t.model,
            year: t.year,
            mileage_km: t.mileage_km.unsigned("mileage_km")?,
            appraised_value: t.appraised_value.map(Fen),
        })
    }
}

impl From<crm_core::TradeIn> for TradeIn {
    fn from(t: crm_core::TradeIn) -> Self {
        TradeIn {
            brand: t.brand,
            model: t.model,
            year: t.year,
            mileage_km: t.mileage_km.signed(),
            appraised_value: t.appraised_value.map(Fen::fen),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::Code;

    #[test]
    fn timeframes_and_payment_methods_convert_both_ways() {
        for v in crm_core::PurchaseTimeframe::ALL {
            assert_eq!(
                crm_core::PurchaseTimeframe::from(PurchaseTimeframe::from(*v)),
                *v
            );
        }
        for v in crm_core::PaymentMethod::ALL {
            assert_eq!(crm_core::PaymentMethod::from(PaymentMethod::from(*v)), *v);
        }
    }

    #[test]
    fn a_trade_in_keeps_its_fen() {
        let t = TradeIn {
            brand: "大众".into(),
            model: Some("朗逸".into()),
            year: Some(2018),
            mileage_km: Some(86_000),
            appraised_value: Some(4_500_000),
        };
        assert_eq!(
            TradeIn::from(crm_core::TradeIn::try_from(t.clone()).unwrap()),
            t
        );
    }
}
