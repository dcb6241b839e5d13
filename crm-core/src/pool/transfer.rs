//! A manager's transfer (离职继承, 转移) on the wire: `POST /v1/transfer` and its answer.

use serde::{Deserialize, Serialize};

/// The most customers one transfer names.
pub const MAX_TRANSFER: usize = 100_000;

/// To whom, and which customers: named, or all that one user holds when the server applies
/// it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    /// The consultant (or manager) who gets the customers.
    pub to: String,
    /// The customers, by id (empty with `all_of`).
    #[serde(default)]
    pub customers: Vec<String>,
    /// Every customer this user holds.
    #[serde(default)]
    pub all_of: Option<String>,
}

/// A customer a transfer left where it was, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferRefusal {
    /// The customer.
    pub customer_id: String,
    /// Why (`deleted`, `unknown: ...`, `forbidden: ...`).
    pub reason: String,
}

/// What a transfer did: how many customers moved, how many the new owner already held,
/// which were refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferResult {
    /// Customers given to `to`.
    pub transferred: u64,
    /// Customers `to` already held.
    pub unchanged: u64,
    /// Customers left as they were.
    pub refused: Vec<TransferRefusal>,
}
