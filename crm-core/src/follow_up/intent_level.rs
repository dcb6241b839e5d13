//! Intent levels (意向级别): how soon the consultant expects the customer to buy.

/// The intent level a consultant sets, as used in nearly every Chinese dealer CRM. Each level
/// has its own follow-up cadence (see [`crate::CadenceConfig`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntentLevel {
    /// N: a new lead, not yet graded.
    N,
    /// H: may order within 7 days.
    H,
    /// A: may order within 15 days.
    A,
    /// B: may order within 30 days.
    B,
    /// C: may order within 2-3 months.
    C,
    /// O: ordered, not yet delivered.
    O,
}

impl Default for IntentLevel {
    /// [`IntentLevel::N`]: a customer nobody has graded yet.
    fn default() -> Self {
        IntentLevel::N
    }
}

crate::validation::codes!(IntentLevel {
    N => "n",
    H => "h",
    A => "a",
    B => "b",
    C => "c",
    O => "o",
});

impl IntentLevel {
    /// The letter salespeople know the level by: `"N"`, `"H"`, `"A"`, `"B"`, `"C"`, `"O"`.
    pub fn letter(self) -> &'static str {
        match self {
            IntentLevel::N => "N",
            IntentLevel::H => "H",
            IntentLevel::A => "A",
            IntentLevel::B => "B",
            IntentLevel::C => "C",
            IntentLevel::O => "O",
        }
    }

    /// The level whose letter is `letter` (either case, surrounding spaces ignored).
    pub fn from_letter(letter: &str) -> Option<Self> {
        use crate::validation::Code;
        Self::from_code(&letter.trim().to_ascii_lowercase())
    }

    /// Within how many days the customer may order, for the graded levels H, A, B, C (C: up
    /// to 90). `None` for N (not graded) and O (already ordered).
    pub fn order_within_days(self) -> Option<u32> {
        match self {
            IntentLevel::H => Some(7),
            IntentLevel::A => Some(15),
            IntentLevel::B => Some(30),
            IntentLevel::C => Some(90),
            IntentLevel::N | IntentLevel::O => None,
        }
    }

    /// Rank from hot to cold, the order an agenda puts customers in: H 0, A 1, B 2, C 3,
    /// O 4 (already won, kept warm until delivery), N 5 (not graded yet; a new lead's
    /// urgency comes from its first-response deadline instead).
    pub fn heat_rank(self) -> u8 {
        match self {
            IntentLevel::H => 0,
            IntentLevel::A => 1,
            IntentLevel::B => 2,
            IntentLevel::C => 3,
            IntentLevel::O => 4,
            IntentLevel::N => 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Code;

    #[test]
    fn letters_and_codes_round_trip() {
        for level in IntentLevel::ALL {
            assert_eq!(IntentLevel::from_letter(level.letter()), Some(*level));
            assert_eq!(IntentLevel::from_code(level.code()), Some(*level));
            assert_eq!(serde_json::to_value(level).unwrap(), level.code());
        }
        assert_eq!(IntentLevel::from_letter(" h "), Some(IntentLevel::H));
        assert_eq!(IntentLevel::from_letter("X"), None);
    }

    #[test]
    fn heat_ranks_are_distinct_and_hot_comes_first() {
        let mut ranks: Vec<u8> = IntentLevel::ALL.iter().map(|l| l.heat_rank()).collect();
        ranks.sort_unstable();
        ranks.dedup();
        assert_eq!(ranks.len(), IntentLevel::ALL.len());
        assert!(IntentLevel::H.heat_rank() < IntentLevel::C.heat_rank());
    }
}
