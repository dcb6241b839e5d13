//! A team's pool rules, as data.

use crate::follow_up::IntentLevel;
use crate::validation::{Rule, ValidationError};
use serde::{Deserialize, Serialize};

/// Release days for customers of one intent level (hot leads may be given less time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelDays {
    /// The intent level.
    pub level: IntentLevel,
    /// Days without a follow-up after which a customer of this level is released.
    pub days: u32,
}

/// A team's rules for the public pool (公海规则).
///
/// A held customer is protected until the later of when their owner got them and their last
/// follow-up, plus [`PoolRules::days_for`] their intent level; never past the day they were
/// got plus `protection_cap_days`. Key customers (重点客户) and customers with an order
/// (not cancelled) are never released.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PoolRules {
    /// Days without a follow-up before release (default 15).
    pub release_days: u32,
    /// Release days by intent level, where they differ from `release_days`.
    pub release_days_by_level: Vec<LevelDays>,
    /// The longest protection from the day the owner got the customer, however many
    /// follow-ups (default 90: one quarter, a car purchase's usual horizon).
    pub protection_cap_days: u32,
    /// Hours a consultant waits before claiming back a customer released from them
    /// (default 24).
    pub reclaim_wait_hours: u32,
    /// Claims a consultant may make in any 24 hours (default 20).
    pub daily_claim_limit: u32,
    /// Customers a consultant may hold; at this count they claim no more (default 500).
    pub hold_limit: u32,
}

impl Default for PoolRules {
    fn default() -> Self {
        PoolRules {
            release_days: 15,
            release_days_by_level: Vec::new(),
            protection_cap_days: 90,
            reclaim_wait_hours: 24,
            daily_claim_limit: 20,
            hold_limit: 500,
        }
    }
}

/// The most days any period takes (ten years).
const MAX_DAYS: u32 = 3650;

/// `value` within `1..=max`, or the error naming `field`.
fn within(
    field: &str,
    value: u32,
    max: u32,
    expected: &'static str,
) -> Result<(), ValidationError> {
    if (1..=max).contains(&value) {
        Ok(())
    } else {
        Err(ValidationError::new(field, Rule::Malformed { expected }))
    }
}

impl PoolRules {
    /// Checks every bound: periods from 1 day to 10 years (the cap at least the release
    /// period), a wait of at most 30 days (0: none), limits from 1 to 100,000, one entry per
    /// intent level.
    pub fn validate(&self) -> Result<PoolRules, ValidationError> {
        within(
            "release_days",
            self.release_days,
            MAX_DAYS,
            "1 to 3650 days",
        )?;
        for (i, level) in self.release_days_by_level.iter().enumerate() {
            let field = format!("release_days_by_level[{i}].days");
            within(&field, level.days, MAX_DAYS, "1 to 3650 days")?;
            if self.release_days_by_level[..i]
                .iter()
                .any(|l| l.level == level.level)
            {
                return Err(ValidationError::new(
                    format!("release_days_by_level[{i}].level"),
                    Rule::Taken,
                ));
            }
        }
        within(
            "protection_cap_days",
            self.protection_cap_days,
            MAX_DAYS,
            "1 to 3650 days",
        )?;
        let longest = self
            .release_days_by_level
            .iter()
            .map(|l| l.days)
            .chain([self.release_days])
            .max()
            .unwrap_or(self.release_days);
        if self.protection_cap_days < longest {
            return Err(ValidationError::new(
                "protection_cap_days",
                Rule::Malformed {
                    expected: "at least the longest release period",
                },
            ));
        }
        if self.reclaim_wait_hours > 720 {
            return Err(ValidationError::new(
                "reclaim_wait_hours",
                Rule::Malformed {
                    expected: "0 to 720 hours",
                },
            ));
        }
        within(
            "daily_claim_limit",
            self.daily_claim_limit,
            100_000,
            "1 to 100000",
        )?;
        within("hold_limit", self.hold_limit, 100_000, "1 to 100000")?;
        Ok(self.clone())
    }

    /// Days without a follow-up before a customer of `level` is released.
    pub fn days_for(&self, level: IntentLevel) -> u32 {
        self.release_days_by_level
            .iter()
            .find(|l| l.level == level)
            .map_or(self.release_days, |l| l.days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_as_documented() {
        let rules = PoolRules::default();
        assert_eq!(rules.validate().unwrap(), rules);
        assert_eq!(
            (
                rules.release_days,
                rules.protection_cap_days,
                rules.reclaim_wait_hours,
                rules.daily_claim_limit,
                rules.hold_limit
            ),
            (15, 90, 24, 20, 500)
        );
    }

    #[test]
    fn levels_override_the_release_days() {
        let rules = PoolRules {
            release_days_by_level: vec![LevelDays {
                level: IntentLevel::H,
                days: 3,
            }],
            ..PoolRules::default()
        };
        assert_eq!(rules.days_for(IntentLevel::H), 3);
        assert_eq!(rules.days_for(IntentLevel::C), 15);
    }

    #[test]
    fn each_bound_names_its_field() {
        let cases: Vec<(PoolRules, &str)> = vec![
            (
                PoolRules {
                    release_days: 0,
                    ..PoolRules::default()
                },
                "release_days",
            ),
            (
                PoolRules {
                    release_days: 3651,
                    protection_cap_days: 3650,
                    ..PoolRules::default()
                },
                "release_days",
            ),
            (
                PoolRules {
                    protection_cap_days: 0,
                    ..PoolRules::default()
                },
                "protection_cap_days",
            ),
            (
                PoolRules {
                    protection_cap_days: 14,
                    ..PoolRules::default()
                },
                "protection_cap_days",
            ),
            (
                PoolRules {
                    reclaim_wait_hours: 721,
                    ..PoolRules::default()
                },
                "reclaim_wait_hours",
            ),
            (
                PoolRules {
                    daily_claim_limit: 0,
                    ..PoolRules::default()
                },
                "daily_claim_limit",
            ),
            (
                PoolRules {
                    hold_limit: 100_001,
                    ..PoolRules::default()
                },
                "hold_limit",
            ),
            (
                PoolRules {
                    release_days_by_level: vec![LevelDays {
                        level: IntentLevel::H,
                        days: 0,
                    }],
                    ..PoolRules::default()
                },
                "release_days_by_level[0].days",
            ),
            (
                PoolRules {
                    release_days_by_level: vec![
                        LevelDays {
                            level: IntentLevel::H,
                            days: 3,
                        },
                        LevelDays {
                            level: IntentLevel::H,
                            days: 4,
                        },
                    ],
                    ..PoolRules::default()
                },
                "release_days_by_level[1].level",
            ),
            (
                PoolRules {
                    release_days_by_level: vec![LevelDays {
                        level: IntentLevel::C,
                        days: 100,
                    }],
                    ..PoolRules::default()
                },
                "protection_cap_days",
            ),
        ];
        for (rules, field) in cases {
            assert_eq!(rules.validate().unwrap_err().field, field, "{rules:?}");
        }
        let edge = PoolRules {
            release_days: 90,
            reclaim_wait_hours: 0,
            daily_claim_limit: 1,
            hold_limit: 100_000,
            ..PoolRules::default()
        };
        assert!(edge.validate().is_ok());
        let longest_wait = PoolRules {
            reclaim_wait_hours: 720,
            ..PoolRules::default()
        };
        assert!(longest_wait.validate().is_ok());
    }

    #[test]
    fn unknown_keys_are_refused_and_missing_ones_take_their_default() {
        let rules: PoolRules = serde_json::from_str(r#"{"release_days": 7}"#).unwrap();
        assert_eq!(rules.release_days, 7);
        assert_eq!(rules.hold_limit, 500);
        assert!(serde_json::from_str::<PoolRules>(r#"{"release_day": 7}"#).is_err());
    }
}
