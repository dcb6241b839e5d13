//! Personal data a dealership answers for (PIPL): everything the book holds about one
//! person, handed over on request ([`crate::Store::export_customer`]), erased on request
//! or by the dealership's retention rule ([`crate::Store::erase_customer`],
//! [`crate::Store::run_retention`]).
//!
//! - `export.rs`: the export document.
//! - `erase.rs`: erasing one customer, from the book and from the file's bytes.
//! - `erased_orders.rs`: the orders of erased customers, kept for the accounts.
//! - `retention.rs`: the retention setting and its run.

pub(crate) mod erase;
pub(crate) mod erased_orders;
pub(crate) mod export;
pub(crate) mod retention;
