//! What the server tells a device of its user's place in the pool (`GET /v1/pool`).

use super::claim::ClaimStanding;
use super::rules::PoolRules;
use serde::{Deserialize, Serialize};

/// A team's pool rules and one user's standing under them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolStatus {
    /// The user's team's rules.
    pub rules: PoolRules,
    /// The user's recent claims and releases and the customers they hold.
    pub standing: ClaimStanding,
}
