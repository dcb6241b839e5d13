//! The vehicle vocabulary intents, the catalogue and orders share: body types,
//! powertrains, purchase timeframes, payment methods, budget ranges and trade-ins. Money
//! crosses the FFI as whole fen (分, the smallest currency unit) in an `i64`.

use crate::convert::same_variants;
use crm_core::Fen;

/// A car's body type (车身类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum BodyType {
    /// Sedan (轿车).
    Sedan,
    /// SUV.
    Suv,
    /// MPV.
    Mpv,
    /// Hatchback (两厢).
    Hatchback,
    /// Wagon (旅行车).
    Wagon,
    /// Coupe (跑车).
    Coupe,
    /// Pickup (皮卡).
    Pickup,
}

same_variants!(BodyType <=> crm_core::BodyType {
    Sedan, Suv, Mpv, Hatchback, Wagon, Coupe, Pickup
});

/// A car's powertrain (动力类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Powertrain {
    /// Petrol (汽油).
    Petrol,
    /// Diesel (柴油).
    Diesel,
    /// Hybrid (油电混动, HEV).
    Hev,
    /// Plug-in hybrid (插电混动, PHEV).
    Phev,
    /// Battery electric (纯电, BEV).
    Bev,
    /// Extended-range electric (增程, EREV).
    Erev,
}

same_variants!(Powertrain <=> crm_core::Powertrain { Petrol, Diesel, Hev, Phev, Bev, Erev });

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
    pub mileage_km: Option<u32>,
    /// The appraised value (评估价) in fen.
    #[uniffi(default = None)]
    pub appraised_value: Option<i64>,
}

impl From<TradeIn> for crm_core::TradeIn {
    fn from(t: TradeIn) -> Self {
        crm_core::TradeIn {
            brand: t.brand,
            model: t.model,
            year: t.year,
            mileage_km: t.mileage_km,
            appraised_value: t.appraised_value.map(Fen),
        }
    }
}

impl From<crm_core::TradeIn> for TradeIn {
    fn from(t: crm_core::TradeIn) -> Self {
        TradeIn {
            brand: t.brand,
            model: t.model,
            year: t.year,
            mileage_km: t.mileage_km,
            appraised_value: t.appraised_value.map(Fen::fen),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::Code;

    #[test]
    fn every_vehicle_enum_converts_both_ways() {
        for v in crm_core::BodyType::ALL {
            assert_eq!(crm_core::BodyType::from(BodyType::from(*v)), *v);
        }
        for v in crm_core::Powertrain::ALL {
            assert_eq!(crm_core::Powertrain::from(Powertrain::from(*v)), *v);
        }
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
    fn a_trade_in_and_a_range_keep_their_fen() {
        let t = TradeIn {
            brand: "大众".into(),
            model: Some("朗逸".into()),
            year: Some(2018),
            mileage_km: Some(86_000),
            appraised_value: Some(4_500_000),
        };
        assert_eq!(TradeIn::from(crm_core::TradeIn::from(t.clone())), t);
        let r = AmountRange {
            min: Some(15_000_000),
            max: None,
        };
        assert_eq!(AmountRange::from(crm_core::AmountRange::from(r)), r);
    }
}
