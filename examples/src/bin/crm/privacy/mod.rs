//! Erasing a person's data (个人信息删除, PIPL art. 47) and the dealership's retention rule.
//! (`crm customer export`, a copy on request, is with the customer commands.)
//!
//! - `args.rs`: the clap definitions of `crm customer erase` and `crm retention`.
//! - `erase.rs`: `crm customer erase`.
//! - `erased_orders.rs`: `crm order erased`, the erased customers' orders kept for the
//!   accounts.
//! - `retention.rs`: `crm retention run|set`.
//! - `text.rs`: their results as text.

pub mod args;
mod erase;
mod erased_orders;
mod retention;
mod text;

pub use erase::erase;
pub use erased_orders::erased_orders;
pub use retention::retention;
