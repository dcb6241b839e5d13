//! The public pool (公海) and who holds which customer: `crm pool list|claim`, `crm customer
//! release`, `crm assign` (a manager's 分配) and `crm transfer` (a manager's 转移, sent to
//! the server at once).
//!
//! - `args.rs`: the clap definitions.
//! - `run.rs`: `crm pool`, `crm customer release`, `crm assign`.
//! - `transfer.rs`: `crm transfer`.

pub mod args;
mod run;
mod transfer;

pub use run::{assign, pool, release};
pub use transfer::transfer;
