//! Duplicate claims (撞单): a customer registered by one consultant whose phone or WeChat id
//! already belongs to another live customer of the dealership. The server keeps one of the
//! two (by the dealership's [`DuplicateRule`]) and sets the other aside as a claim, in the
//! queue of the claimant's team's managers, who resolve it ([`ClaimResolution`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Which of two records with the same contact key keeps the customer (a server setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateRule {
    /// The one registered first (the customer's `created_at`, as its device recorded it;
    /// on a tie, the one the server had first).
    FirstRegistered,
    /// The one with the earliest recorded visit (a store visit or test drive marked done);
    /// when neither has one, the first registered.
    FirstVisit,
}

crate::validation::codes!(DuplicateRule {
    FirstRegistered => "first_registered",
    FirstVisit => "first_visit",
});

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// In the managers' queue.
    Open,
    /// Merged into the owner's customer: the histories of both kept there.
    Merged,
    /// Merged, and the customer given to the claimant.
    Reassigned,
    /// Dismissed: the claim's record stays set aside.
    Dismissed,
}

crate::validation::codes!(ClaimStatus {
    Open => "open",
    Merged => "merged",
    Reassigned => "reassigned",
    Dismissed => "dismissed",
});

/// How a manager settles a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimResolution {
    /// The claim's record merges into the owner's customer (its follow-ups, plans, visits,
    /// intents, orders, cars, contacts and tags move there); the owner keeps the customer.
    Merge,
    /// As [`ClaimResolution::Merge`], and the customer is reassigned to the claimant.
    Reassign,
    /// The claim is closed; its record stays set aside, out of every book.
    Dismiss,
}

crate::validation::codes!(ClaimResolution {
    Merge => "merge",
    Reassign => "reassign",
    Dismiss => "dismiss",
});

impl ClaimResolution {
    /// The status a claim settled this way gets.
    pub fn status(self) -> ClaimStatus {
        match self {
            ClaimResolution::Merge => ClaimStatus::Merged,
            ClaimResolution::Reassign => ClaimStatus::Reassigned,
            ClaimResolution::Dismiss => ClaimStatus::Dismissed,
        }
    }
}

/// A duplicate claim as the managers' queue shows it: the claim's own record and the owner
/// by name and consultant only, never the owner's contact details or history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateClaim {
    /// The claim's id in the queue.
    pub id: u64,
    /// The claim's own customer id (set aside on the server, gone from the claimant's book).
    pub customer_id: String,
    /// The claim's customer name.
    pub customer_name: String,
    /// The consultant who registered it.
    pub claimant: String,
    /// Their name.
    pub claimant_name: String,
    /// The customer who keeps the contact.
    pub owner_customer_id: String,
    /// That customer's name.
    pub owner_customer_name: String,
    /// The owner's consultant (`None`: a pool customer).
    pub owner: Option<String>,
    /// Their name.
    pub owner_name: Option<String>,
    /// The kind of contact both have (`mobile`, `wechat` ...).
    pub contact_kind: String,
    /// When the server set the record aside.
    pub at: DateTime<Utc>,
    /// Where it stands.
    pub status: ClaimStatus,
    /// Who settled it.
    pub resolved_by: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;

    #[test]
    fn codes_are_serde_names() {
        assert_codes_are_serde_names::<DuplicateRule>();
        assert_codes_are_serde_names::<ClaimStatus>();
        assert_codes_are_serde_names::<ClaimResolution>();
    }

    #[test]
    fn each_resolution_has_its_status() {
        assert_eq!(ClaimResolution::Merge.status(), ClaimStatus::Merged);
        assert_eq!(ClaimResolution::Reassign.status(), ClaimStatus::Reassigned);
        assert_eq!(ClaimResolution::Dismiss.status(), ClaimStatus::Dismissed);
    }
}
