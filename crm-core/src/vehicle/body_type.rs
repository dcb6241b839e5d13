//! Body types (车身形式), a filter dimension ("intends an SUV").

/// A car's body type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyType {
    /// Sedan (轿车 / 三厢车).
    Sedan,
    /// SUV (运动型多用途车).
    Suv,
    /// MPV (多用途车 / 商务车).
    Mpv,
    /// Hatchback (两厢车).
    Hatchback,
    /// Estate or wagon (旅行车).
    Wagon,
    /// Coupe or convertible (跑车 / 轿跑).
    Coupe,
    /// Pickup (皮卡).
    Pickup,
}

crate::validation::codes!(BodyType {
    Sedan => "sedan",
    Suv => "suv",
    Mpv => "mpv",
    Hatchback => "hatchback",
    Wagon => "wagon",
    Coupe => "coupe",
    Pickup => "pickup",
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;
    use crate::validation::Code;
    use crate::vehicle::powertrain::Powertrain;

    #[test]
    fn codes_are_the_serde_names() {
        assert_codes_are_serde_names::<BodyType>();
        assert_codes_are_serde_names::<Powertrain>();
        let new_energy: Vec<&str> = Powertrain::ALL
            .iter()
            .filter(|p| p.is_new_energy())
            .map(|p| p.code())
            .collect();
        assert_eq!(new_energy, ["phev", "bev", "erev"]);
    }
}
