//! Deals (销售机会): one customer, many sales. `crm deal new|list|show`; the pipeline
//! commands (`crm stage`, `lost`, `approve`) take `--deal ID` where the customer has several
//! open deals.
//!
//! - `args.rs`: the clap definitions of `crm deal`.
//! - `deals.rs`: the commands, and a deal as text.

pub mod args;
mod deals;

pub use deals::{deal, deal_id};
