//! Whether a consultant may claim a pool customer now (领取), and why not.

use super::rules::PoolRules;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The daily claim limit counts claims in any window of this many hours.
pub const CLAIM_WINDOW_HOURS: i64 = 24;

/// A customer released from the consultant (by the nightly job, themselves or a manager).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentRelease {
    /// The customer.
    pub customer_id: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// What the claim rules read of a consultant: their recent claims and releases, and how
/// many customers they hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimStanding {
    /// When they claimed, at least those of the last 24 hours.
    pub claims: Vec<DateTime<Utc>>,
    /// Customers released from them, at least those within the wait.
    pub releases: Vec<RecentRelease>,
    /// How many customers they hold.
    pub holding: u32,
}

/// Why a claim is refused. Its text is the reason the server answers, after `forbidden: `.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "refusal")]
pub enum ClaimRefusal {
    /// Another consultant holds the customer (first come, first served).
    ClaimedBy {
        /// Their name.
        name: String,
        /// Their id.
        user_id: String,
    },
    /// The consultant claimed `limit` customers in the last 24 hours.
    DailyLimit {
        /// The team's limit.
        limit: u32,
    },
    /// The customer was released from this consultant too recently.
    Wait {
        /// When it was released from them.
        released_at: DateTime<Utc>,
        /// When they may claim it again.
        until: DateTime<Utc>,
    },
    /// The consultant holds as many customers as the team allows.
    Holding {
        /// The team's limit.
        limit: u32,
    },
}

fn instant(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl fmt::Display for ClaimRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClaimRefusal::ClaimedBy { name, user_id } => {
                write!(f, "claimed by {name} ({user_id})")
            }
            ClaimRefusal::DailyLimit { limit } => write!(f, "daily claim limit {limit} reached"),
            ClaimRefusal::Wait { released_at, until } => write!(
                f,
                "released from you at {}, claim again after {}",
                instant(released_at),
                instant(until)
            ),
            ClaimRefusal::Holding { limit } => write!(f, "holding {limit} customers"),
        }
    }
}

/// Whether a consultant with `standing` may claim pool customer `customer_id` at `now`
/// under `rules`: the wait after a release from them first, then the daily limit, then the
/// hold limit.
pub fn check_claim(
    rules: &PoolRules,
    standing: &ClaimStanding,
    customer_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ClaimRefusal> {
    let wait = Duration::hours(i64::from(rules.reclaim_wait_hours));
    if let Some(release) = standing
        .releases
        .iter()
        .filter(|r| r.customer_id == customer_id)
        .max_by_key(|r| r.at)
    {
        let until = release.at + wait;
        if now < until {
            return Err(ClaimRefusal::Wait {
                released_at: release.at,
                until,
            });
        }
    }
    let since = now - Duration::hours(CLAIM_WINDOW_HOURS);
    let recent = standing
        .claims
        .iter()
        .filter(|at| **at > since && **at <= now)
        .count();
    if recent >= rules.daily_claim_limit as usize {
        return Err(ClaimRefusal::DailyLimit {
            limit: rules.daily_claim_limit,
        });
    }
    if standing.holding >= rules.hold_limit {
        return Err(ClaimRefusal::Holding {
            limit: rules.hold_limit,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap() + Duration::hours(h)
    }

    fn rules() -> PoolRules {
        PoolRules {
            daily_claim_limit: 2,
            hold_limit: 3,
            ..PoolRules::default()
        }
    }

    #[test]
    fn the_daily_limit_counts_the_last_24_hours() {
        let standing = ClaimStanding {
            claims: vec![at(0), at(10)],
            ..ClaimStanding::default()
        };
        assert_eq!(
            check_claim(&rules(), &standing, "x", at(23)),
            Err(ClaimRefusal::DailyLimit { limit: 2 })
        );
        assert_eq!(check_claim(&rules(), &standing, "x", at(24)), Ok(()));
        let one = ClaimStanding {
            claims: vec![at(10)],
            ..ClaimStanding::default()
        };
        assert_eq!(check_claim(&rules(), &one, "x", at(11)), Ok(()));
    }

    #[test]
    fn the_hold_limit_refuses_at_the_limit() {
        let mut standing = ClaimStanding {
            holding: 2,
            ..ClaimStanding::default()
        };
        assert_eq!(check_claim(&rules(), &standing, "x", at(0)), Ok(()));
        standing.holding = 3;
        assert_eq!(
            check_claim(&rules(), &standing, "x", at(0)),
            Err(ClaimRefusal::Holding { limit: 3 })
        );
    }

    #[test]
    fn a_customer_released_from_the_consultant_waits() {
        let standing = ClaimStanding {
            releases: vec![
                RecentRelease {
                    customer_id: "x".into(),
                    at: at(0),
                },
                RecentRelease {
                    customer_id: "x".into(),
                    at: at(5),
                },
                RecentRelease {
                    customer_id: "y".into(),
                    at: at(20),
                },
            ],
            ..ClaimStanding::default()
        };
        let refusal = check_claim(&rules(), &standing, "x", at(28)).unwrap_err();
        assert_eq!(
            refusal,
            ClaimRefusal::Wait {
                released_at: at(5),
                until: at(29)
            }
        );
        assert_eq!(
            refusal.to_string(),
            "released from you at 2026-03-01T05:00:00Z, claim again after 2026-03-02T05:00:00Z"
        );
        assert_eq!(check_claim(&rules(), &standing, "x", at(29)), Ok(()));
        assert!(check_claim(&rules(), &standing, "z", at(21)).is_ok());
    }

    #[test]
    fn the_reasons_read_as_the_server_answers_them() {
        let texts = [
            ClaimRefusal::ClaimedBy {
                name: "王建国".into(),
                user_id: "c02".into(),
            }
            .to_string(),
            ClaimRefusal::DailyLimit { limit: 20 }.to_string(),
            ClaimRefusal::Holding { limit: 500 }.to_string(),
        ];
        assert_eq!(
            texts,
            [
                "claimed by 王建国 (c02)",
                "daily claim limit 20 reached",
                "holding 500 customers"
            ]
        );
    }
}
