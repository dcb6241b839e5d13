//! Sync (同步) with the dealership's server, on the device's side (the wire types are
//! `crm_core::sync`).
//!
//! - `state.rs`: the device's sync state: its id, its download checkpoint.
//! - `columns.rs`: which columns of each synced table are sent, which stay local.
//! - `applying.rs`: the flag that keeps the outbox triggers quiet while the book takes in
//!   what the server sent.
//! - `evict.rs`: a customer who left the device's scope, deleted with all of their data.

pub(crate) mod columns;
pub(crate) mod state;
// Used by the download's apply, which comes next.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) mod applying;
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) mod evict;
#[cfg(feature = "http")]
pub(crate) mod transport;
