//! The team's pool rules and this book's standing under them, as the last sync brought
//! them.

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::follow_up::intent_level::IntentLevel;
use crate::number::Signed;
use crate::store::CrmStore;

/// Release days for customers of one intent level.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LevelDays {
    /// The intent level.
    pub level: IntentLevel,
    /// Days without a follow-up after which a customer of this level is released.
    pub days: i32,
}

/// A team's pool rules (公海规则), set on the server per team.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PoolRules {
    /// Days without a follow-up before a customer goes back to the pool.
    pub release_days: i32,
    /// Release days by intent level, where they differ.
    pub release_days_by_level: Vec<LevelDays>,
    /// The longest protection from when the owner got the customer, in days.
    pub protection_cap_days: i32,
    /// Hours before a consultant may claim back a customer released from them.
    pub reclaim_wait_hours: i32,
    /// Claims a consultant may make in any 24 hours.
    pub daily_claim_limit: i32,
    /// Customers a consultant may hold.
    pub hold_limit: i32,
}

/// A customer released from this book's user, and when.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecentRelease {
    /// The customer.
    pub customer_id: String,
    /// When it was released.
    pub at: Timestamp,
}

/// The team's rules and the user's standing under them: claims of the last 24 hours,
/// releases within the wait, customers held.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PoolStatus {
    /// The rules.
    pub rules: PoolRules,
    /// When the user claimed, recently.
    pub claims: Vec<Timestamp>,
    /// Customers released from the user, recently.
    pub releases: Vec<RecentRelease>,
    /// How many customers the user holds.
    pub holding: i64,
}

impl From<crm_core::pool::PoolStatus> for PoolStatus {
    fn from(s: crm_core::pool::PoolStatus) -> Self {
        let r = s.rules;
        PoolStatus {
            rules: PoolRules {
                release_days: r.release_days.signed(),
                release_days_by_level: r
                    .release_days_by_level
                    .into_iter()
                    .map(|l| LevelDays {
                        level: l.level.into(),
                        days: l.days.signed(),
                    })
                    .collect(),
                protection_cap_days: r.protection_cap_days.signed(),
                reclaim_wait_hours: r.reclaim_wait_hours.signed(),
                daily_claim_limit: r.daily_claim_limit.signed(),
                hold_limit: r.hold_limit.signed(),
            },
            claims: s.standing.claims,
            releases: s
                .standing
                .releases
                .into_iter()
                .map(|r| RecentRelease {
                    customer_id: r.customer_id,
                    at: r.at,
                })
                .collect(),
            holding: s.standing.holding.signed(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The team's pool rules and this book's user's standing under them, as the last sync
    /// brought them and this book's claims and releases moved them since (the defaults on a
    /// book that never synced). Show the limits before the user claims.
    pub async fn pool_status(&self) -> Result<PoolStatus, CrmError> {
        self.read(move |store| Ok(store.pool_status()?.into()))
            .await
    }
}
