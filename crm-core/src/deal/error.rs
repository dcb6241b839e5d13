//! Why a deal cannot be opened, or which deal a call meant.

use super::id::DealId;

/// A deal refused by the deal rules, or a customer-based call that cannot tell which deal
/// it acts on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "refusal")]
pub enum DealError {
    /// The owner already has an open deal with this customer, and the team allows one open
    /// deal per owner and customer.
    #[error("owner already holds open deal {deal_id} with this customer (one open deal per owner unless the team allows more)")]
    OwnerHasOpenDeal {
        /// The open deal the owner holds.
        deal_id: DealId,
    },
    /// The customer has several open deals: the call must name its `deal_id`.
    #[error("the customer has {} open deals: give the deal_id", deal_ids.len())]
    SeveralOpen {
        /// The open deals, oldest first.
        deal_ids: Vec<DealId>,
    },
    /// The deal is not one of this customer's.
    #[error("deal {deal_id} belongs to another customer")]
    NotTheCustomers {
        /// The deal named.
        deal_id: DealId,
    },
}

impl DealError {
    /// The field a caller fixes: `deal_id` when the call must name (another) deal, `owner`
    /// when the owner already holds an open deal.
    pub fn field(&self) -> &'static str {
        match self {
            DealError::OwnerHasOpenDeal { .. } => "owner",
            DealError::SeveralOpen { .. } | DealError::NotTheCustomers { .. } => "deal_id",
        }
    }
}
