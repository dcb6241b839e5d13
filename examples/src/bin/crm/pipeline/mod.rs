//! The sales pipeline (销售漏斗): a customer's stage from new lead to delivered, the moves
//! between stages, and the lost (战败) and dormant (休眠) requests a consultant makes and a
//! sales manager approves or rejects. Orders and deliveries, which move a customer too, are
//! `vehicle/`.
//!
//! - `args.rs`: the clap definitions of `crm stage`, `lost`, `dormant`, `approve`,
//!   `reject`, `reopen` and `requests`.
//! - `stage.rs`: `crm stage` and `crm reopen`, and how a move is printed.
//! - `requests.rs`: `crm lost`, `dormant`, `approve`, `reject` and `requests`.
//! - `input.rs`: option values to stages and lost and dormant reasons.
//! - `text.rs`: stages, moves, where a customer stands and the pending requests as text.

pub mod args;
pub mod input;
mod requests;
mod stage;
pub mod text;

pub use requests::{approve, dormant, lost, reject, requests};
pub use stage::{reopen, stage};
