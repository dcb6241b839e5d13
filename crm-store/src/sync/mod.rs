//! Sync (同步) with the dealership's server, on the device's side (the wire types are
//! `crm_core::sync`).
//!
//! - `state.rs`: the device's sync state: its id, its download checkpoint.
//! - `columns.rs`: which columns of each synced table are sent, which stay local.
//! - `outbox.rs`: the upload queue, read as the next upload.

pub(crate) mod columns;
pub(crate) mod outbox;
pub(crate) mod state;
