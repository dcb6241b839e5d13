//! Powertrains (动力类型), a filter dimension ("intends a new-energy car").

/// What drives the car.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Powertrain {
    /// Petrol (汽油).
    Petrol,
    /// Diesel (柴油).
    Diesel,
    /// Full hybrid that cannot be plugged in (油电混合, HEV).
    Hev,
    /// Plug-in hybrid (插电式混合动力, PHEV).
    Phev,
    /// Battery electric (纯电动, BEV).
    Bev,
    /// Range-extended electric (增程式, EREV).
    Erev,
}

crate::validation::codes!(Powertrain {
    Petrol => "petrol",
    Diesel => "diesel",
    Hev => "hev",
    Phev => "phev",
    Bev => "bev",
    Erev => "erev",
});

impl Powertrain {
    /// `true` for the new-energy vehicles (新能源汽车) of Chinese rules: battery electric,
    /// plug-in hybrid and range-extended (green plates). A plain hybrid is not one.
    pub fn is_new_energy(self) -> bool {
        matches!(self, Powertrain::Phev | Powertrain::Bev | Powertrain::Erev)
    }
}
