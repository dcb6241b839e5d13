//! The public pool (公海): its customers as the last sync showed them (masked for a
//! consultant), claims checked against the team's rules before they are tried, releases,
//! a manager's assignments and transfers.
//!
//! - [`rules`]: the team's rules and the user's standing (`poolStatus`).
//! - [`owner`]: `poolCustomers`, `claimCustomer`, `releaseCustomer`, `assignCustomer`.
//! - [`transfer`]: `transferCustomers` through the server, `viewCustomerIds`.

pub mod owner;
pub mod rules;
pub mod transfer;
