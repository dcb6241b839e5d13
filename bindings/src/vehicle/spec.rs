//! A car's specification as intents, the catalogue and filters name it: its body type
//! (车身类型) and powertrain (动力类型).

use crate::convert::same_variants;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::Code;

    #[test]
    fn body_types_and_powertrains_convert_both_ways() {
        for v in crm_core::BodyType::ALL {
            assert_eq!(crm_core::BodyType::from(BodyType::from(*v)), *v);
        }
        for v in crm_core::Powertrain::ALL {
            assert_eq!(crm_core::Powertrain::from(Powertrain::from(*v)), *v);
        }
    }
}
