//! Customers (客户信息): adding, showing, editing, archiving, deleting and merging them,
//! checking contacts for duplicates (撞单) before adding someone, and setting a customer's
//! intent level. Listing and searching them is `find/`.
//!
//! - `args.rs`: the clap definitions of `crm customer ...`.
//! - `run.rs`: `crm customer` (add, show, edit, archive, restore, delete, intent).
//! - `export.rs`: `customer export`, a person's data on request.
//! - `duplicates.rs`: `customer check-duplicates` and `customer merge`.
//! - `input.rs`: option values to a customer's fields (gender, region, source channel,
//!   importance) and the channel kinds a filter takes.
//! - `names.rs`: customers' names for lists that hold only their ids.
//! - `options.rs`: errors about a customer's fields named by the option that sets them.
//! - `resolve.rs`: the customer a command names: an id, an id prefix, a name or phone.
//! - `text.rs`: the customer card, labels, summary columns, the duplicate check as text.

pub mod args;
mod duplicates;
mod export;
pub mod input;
pub mod names;
mod options;
pub mod resolve;
mod run;
pub mod text;

pub use run::customer;
