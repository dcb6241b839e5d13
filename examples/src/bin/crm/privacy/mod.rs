//! Erasing a person's data (个人信息删除, PIPL art. 47) and the dealership's retention rule.
//! (`crm customer export`, a copy on request, is with the customer commands.)
//!
//! - `args.rs`: the clap definitions of `crm customer erase` and `crm retention`.
//! - `erase.rs`: `crm customer erase`.
//! - `retention.rs`: `crm retention run|set`.
//! - `text.rs`: their results as text.

pub mod args;
mod erase;
mod retention;
mod text;

pub use erase::erase;
pub use retention::retention;
